// The peers' bookkeeping without a browser: one run per point, ratios against our row, the
// checks an imported model gets, and how the report shows them.
import { describe, expect, it } from 'vitest';
import { jeongwonnet } from '../../src/graph/jeongwonnet';
import { exportOnnx, importOnnx } from '../../src/onnx/index';
import { runReference } from '../../src/reference/run';
import { comparisonText } from '../../src/report/peers-text';
import { verdict } from '../../src/report/summary';
import { onnxBenchModel } from '../../src/sweep/onnx-model';
import { PeerCache, peersResult, type PeerRuns } from '../../src/sweep/peers';
import { batchInput } from '../../src/sweep/check';
import { builtinPoint } from '../../src/sweep/model';
import { resolveOptions } from '../../src/sweep/options';
import { validateResults } from '../../src/results/schema';
import { okConfig, results } from './fixture';

const out = Float32Array.from([1, 2, 3, 4]);

function runs(wasm: Float32Array | null, over: Partial<PeerRuns['webgpu']> = {}): PeerRuns {
  const base = { timeMs: 10, timeStatsMs: { median: 10, p10: 10, p90: 10 }, firstRunMs: 30, sessionMs: 5, runsMs: [10], output: out, error: null };
  return {
    webgpu: { ...base, timeMs: 40, variant: 'jsep/NCHW', peakBytes: 33 * 2 ** 20, baselineBytes: 0, liveAfterReleaseBytes: 30 * 2 ** 20, fallback: null, ...over },
    wasm: wasm ? { ...base, output: wasm } : { ...base, timeMs: null, firstRunMs: null, output: null, error: 'Error: no wasm' },
  };
}

describe('peer cache', () => {
  it('runs once per point (input shapes) and keeps only the latest point', async () => {
    let n = 0;
    const cache = new PeerCache(async () => (n++, runs(out)));
    const feeds = { x: { data: new Float32Array(4), shape: [1, 4] } };
    const at = (batch: number, width = 2) => builtinPoint(batch, width);
    await cache.get(feeds, at(1));
    await cache.get(feeds, at(1));
    expect([n, cache.has(at(1)), cache.has(at(2))]).toEqual([1, true, false]);
    await cache.get(feeds, at(2));
    await cache.get(feeds, at(1));
    expect(n).toBe(3);
    await cache.get(feeds, { batch: 1, size: null, inputShapes: { x: [1, 3, 2, 4] } });
    expect(n).toBe(4);
  });
});

describe('peers against our row', () => {
  it('divides ORT by ours: wall time and physical peak', () => {
    const row = okConfig(); // wall 100 ms, physical peak 10.5 MB
    const p = peersResult(runs(out), row, out);
    expect(p.ours).toEqual({ timeMs: row.wallTimeMs!.median, peakBytes: row.peakBytes.measuredPhysical });
    expect(p.ratios.ortWebgpuTimeOverOurs).toBeCloseTo(40 / row.wallTimeMs!.median);
    expect(p.ratios.ortWasmTimeOverOurs).toBeCloseTo(10 / row.wallTimeMs!.median);
    expect(p.ratios.ortWebgpuPeakOverOurs).toBeCloseTo((33 * 2 ** 20) / row.peakBytes.measuredPhysical!);
    expect(p.ortWasm.check).toMatchObject({ reference: 'ort-wasm', status: 'pass', pass: true, maxRelError: 0 });
    expect(p.ortWebgpu.maxRelErrorVsOurs).toBe(0);
  });

  it("carries ORT's median, p10 and p90 into the row, where the schema checks them", () => {
    const row = okConfig();
    const times = { median: 40, p10: 38, p90: 47 };
    row.peers = peersResult(runs(out, { timeStatsMs: times }), row, out);
    expect(row.peers.ortWebgpu.timeStatsMs).toEqual(times);
    expect(row.peers.ortWasm.timeStatsMs).toEqual({ median: 10, p10: 10, p90: 10 });
    expect(validateResults(results([row]))).toEqual([]);
    (row.peers.ortWebgpu as unknown as Record<string, unknown>).timeStatsMs = { median: 40, p10: 38 };
    expect(validateResults(results([row]))).toEqual(['$.configs[0].peers.ortWebgpu.timeStatsMs.p90: missing']);
  });

  it('a differing wasm output fails the run; a peer that did not run is a warning', () => {
    const bad = okConfig();
    bad.peers = peersResult(runs(Float32Array.from([1, 2, 3, 5])), bad, out);
    expect(verdict(results([bad])).failures).toEqual([expect.stringMatching(/b1@256 arena: output differs from onnxruntime-web's wasm output \(max rel error 0.2/)]);
    const none = okConfig();
    none.peers = peersResult(runs(null, { error: 'Error: no adapter', timeMs: null, peakBytes: null }), none, out);
    expect(none.peers.ortWasm.check.status).toBe('not-checked');
    const v = verdict(results([none]));
    expect(v.failures).toEqual([]);
    expect(v.warnings).toEqual([expect.stringMatching(/WebGPU \(jsep\/NCHW\) did not run: Error: no adapter/), expect.stringMatching(/wasm did not run: Error: no wasm/)]);
  });

  it('prints ours vs ORT side by side with the ratios and the JSEP cache note', () => {
    const row = okConfig();
    row.peers = peersResult(runs(out), row, out);
    const text = comparisonText(results([row]));
    expect(text).toContain('b1@256 arena: pass against the CPU reference');
    expect(text).toMatch(/ours ms\s+ORT WebGPU ms\s+ORT\/ours/);
    expect(text).toContain('keeps its buffer cache after session.release() (30.00 MB still held');
    expect(text).toContain('in the same page, on the same adapter');
  });

  it('says where the peers ran when the host is Node', () => {
    const row = okConfig();
    row.peers = peersResult(runs(out), row, out);
    const r = results([row]);
    r.environment.host = 'node';
    const text = comparisonText(r);
    expect(text).toContain('in the same process (plain Node, on Dawn), on the same adapter');
    expect(text).not.toContain('page');
  });
});

describe('a WebGPU build fallback in the report', () => {
  it('says which build ran and why, once per failure, in the note, the table and the schema', () => {
    const fallback = { from: 'jsep/NCHW', error: "Error: MaxPool: 'ceil_mode' is not yet implemented" };
    const rows = [okConfig(), { ...okConfig(), mode: 'pool' as const }];
    for (const row of rows) row.peers = peersResult(runs(out, { variant: 'native/NCHW', fallback, liveAfterReleaseBytes: 0 }), row, out);
    const r = results(rows);
    const text = comparisonText(r);
    expect(text).toContain("onnxruntime-web native/NCHW (WebGPU EP)");
    expect(text).toContain("At b1@256, the jsep/NCHW build failed on this model (Error: MaxPool: 'ceil_mode' is not yet implemented), so native/NCHW ran instead.");
    expect(text.match(/build failed on this model/g)).toHaveLength(1);
    expect(text).toContain('native/NCHW (jsep/NCHW failed)');
    expect(text).toContain('This build frees its buffers on session.release()');
    expect(validateResults(r)).toEqual([]);
    (rows[0].peers!.ortWebgpu as unknown as Record<string, unknown>).fallback = { from: 'jsep/NCHW' };
    expect(validateResults(r)).toEqual(['$.configs[0].peers.ortWebgpu.fallback.error: missing']);
  });

  it('warns with both errors when neither build ran', () => {
    const row = okConfig();
    row.peers = peersResult(runs(out, { variant: 'native/NCHW', error: 'Error: no adapter', timeMs: null, fallback: { from: 'jsep/NCHW', error: 'Error: refused' } }), row, out);
    expect(verdict(results([row])).warnings).toEqual([expect.stringMatching(/WebGPU \(native\/NCHW\) did not run: Error: no adapter \(tried after jsep\/NCHW failed: Error: refused\)/)]);
  });
});

describe('an ONNX file as a bench model', () => {
  const g = jeongwonnet({ size: 64, cList: [4, 8, 8, 8, 8, 8] });
  const bytes = exportOnnx(g);
  const input = batchInput([1, 3, 64, 64]);
  const want = runReference(g, { input: { shape: [1, 3, 64, 64], data: input } }).outputs.get(g.outputs[0])!.data;

  const b1 = builtinPoint(1, 64);

  it('checks against the CPU reference, an expect file, or ORT wasm once the peers ran', async () => {
    const inputs = { [importOnnx(bytes).inputs[0]]: input };
    expect(await onnxBenchModel({ name: 'm.onnx', bytes }).check!(b1, want, inputs)).toMatchObject({ reference: 'cpu', status: 'pass' });
    const wrong = Float32Array.from(want, (v) => v + 1);
    expect(await onnxBenchModel({ name: 'm.onnx', bytes, inputs: { input }, expect: want }).check!(b1, wrong, inputs)).toMatchObject({ reference: 'expect-file', status: 'fail' });
    let ready = false;
    const m = onnxBenchModel({ name: 'm.onnx', bytes }, async () => (ready ? want : null));
    expect(await m.check!(b1, want, inputs)).toMatchObject({ reference: 'ort-wasm', status: 'not-checked' });
    ready = true;
    expect(await m.check!(b1, want, inputs)).toMatchObject({ reference: 'ort-wasm', status: 'pass' });
    const failing = onnxBenchModel({ name: 'm.onnx', bytes }, async () => {
      throw new Error('invalid dimensions');
    });
    expect(await failing.check!(b1, want, inputs)).toMatchObject({ reference: 'cpu', status: 'pass', reason: expect.stringMatching(/invalid dimensions.*CPU reference was used/) });
  });

  it('predicts with the seed formula on its DWBlocks, and uses the --input data', () => {
    const m = onnxBenchModel({ name: 'm.onnx', bytes, inputs: { input } });
    const r = m.runnable(b1);
    expect(m.predict(b1, r).seedPerLayer.size).toBe(11);
    expect(Object.values(m.inputs!(b1, r))[0]).toBe(input);
    const b2 = builtinPoint(2, 64);
    expect(() => m.inputs!(b2, m.runnable(b2))).toThrow(/--input for 'input' holds 12288 float32 values .* 2x3x64x64 = 24576 values \(98304 bytes\)/);
  });

  it('sweeps the explicit shapes, else every (size, batch) over its own dims', () => {
    const m = onnxBenchModel({ name: 'm.onnx', bytes: exportOnnx(g, { dynamic: true }) });
    const opts = resolveOptions({ batches: [1, 2], sizes: [32, 64] });
    expect(m.points(opts).map((p) => p.inputShapes.input)).toEqual([
      [1, 3, 32, 32],
      [2, 3, 32, 32],
      [1, 3, 64, 64],
      [2, 3, 64, 64],
    ]);
    expect(m.points(resolveOptions({ inputShapes: [{ input: [1, 3, 64, 96] }], batches: [], sizes: [] }))).toEqual([{ batch: 1, size: null, inputShapes: { input: [1, 3, 64, 96] } }]);
  });
});
