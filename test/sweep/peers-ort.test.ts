// The WebGPU peer's build fallback, with fake runners in place of onnxruntime-web: the preferred
// build first, the other one when it fails, and the result says which ran and why.
import { describe, expect, it } from 'vitest';
import type { OrtBackend, OrtFeeds, OrtRunOptions, OrtRunResult } from '../../src/peers/ort.js';
import { ortPeerRunner, runWebgpuBuilds, WEBGPU_ORDER, type OrtRun } from '../../src/sweep/peers-ort.js';

const JSEP_REFUSAL = "MaxPool: 'ceil_mode' is not yet implemented";

function result(backend: OrtBackend, ms: number): OrtRunResult {
  const gpuBuffers = backend === 'wasm' ? undefined : { baselineBytes: 0, peakBytes: 1000, peakGrowthBytes: 1000, liveAfterRunsBytes: 800, liveAfterReleaseBytes: 0, buffersCreated: 4 };
  return { backend, output: Float32Array.from([1, 2]), outputShape: [1, 2], sessionMs: 1, firstRunMs: 2 * ms, medianMs: ms, timeStatsMs: { median: ms, p10: ms, p90: ms }, runsMs: [ms], settleRuns: 0, gpuBuffers };
}

/** A runner whose builds in `refuse` throw; records every build it was asked for. */
function fakeRun(refuse: OrtBackend[]): { run: OrtRun; calls: OrtBackend[]; settled: OrtBackend[] } {
  const calls: OrtBackend[] = [];
  const settled: OrtBackend[] = [];
  const run = async (_m: Uint8Array, _x: OrtFeeds, o: OrtRunOptions): Promise<OrtRunResult> => {
    const b = o.backend ?? 'wasm';
    calls.push(b);
    if (o.settle) settled.push(b);
    if (refuse.includes(b)) throw new Error(b === 'webgpu' ? JSEP_REFUSAL : `${b} has no adapter`);
    return result(b, b === 'webgpu' ? 40 : b === 'webgpu-native' ? 50 : 10);
  };
  return { run, calls, settled };
}

const common: OrtRunOptions = { reps: 1 };
const bytes = new Uint8Array(4);
const input: OrtFeeds = { x: { data: new Float32Array(2), shape: [1, 2] } };

describe('WebGPU build fallback', () => {
  it('prefers the JSEP build, then the native one', () => {
    expect(WEBGPU_ORDER).toEqual(['webgpu', 'webgpu-native']);
  });

  it('runs the preferred build alone when it works', async () => {
    const f = fakeRun([]);
    const r = await runWebgpuBuilds(f.run, bytes, input, common, WEBGPU_ORDER, 'NCHW');
    expect(f.calls).toEqual(['webgpu']);
    expect(r).toMatchObject({ variant: 'jsep/NCHW', fallback: null, error: null, timeMs: 40, peakBytes: 1000 });
  });

  it('runs the other build when the preferred one refuses the model, and records why', async () => {
    const f = fakeRun(['webgpu']);
    const r = await runWebgpuBuilds(f.run, bytes, input, common, WEBGPU_ORDER, 'NCHW');
    expect(f.calls).toEqual(['webgpu', 'webgpu-native']);
    expect(r).toMatchObject({ variant: 'native/NCHW', error: null, timeMs: 50, fallback: { from: 'jsep/NCHW', error: `Error: ${JSEP_REFUSAL}` } });
  });

  it('reports the second error, and the first as the reason it was tried, when both fail', async () => {
    const r = await runWebgpuBuilds(fakeRun(['webgpu', 'webgpu-native']).run, bytes, input, common, WEBGPU_ORDER, 'NCHW');
    expect(r).toMatchObject({ variant: 'native/NCHW', timeMs: null, output: null, error: 'Error: webgpu-native has no adapter', fallback: { from: 'jsep/NCHW', error: `Error: ${JSEP_REFUSAL}` } });
  });

  it('has nothing to fall back to with a single build', async () => {
    const r = await runWebgpuBuilds(fakeRun(['webgpu']).run, bytes, input, common, ['webgpu'], 'NCHW');
    expect(r).toMatchObject({ variant: 'jsep/NCHW', error: `Error: ${JSEP_REFUSAL}`, fallback: null });
  });

  it('the peer runner falls back on WebGPU and still runs wasm', async () => {
    const f = fakeRun(['webgpu']);
    const runs = await ortPeerRunner({ model: () => bytes, reps: 1, warmup: 1, run: f.run })(input, { batch: 1, size: null, inputShapes: { x: [1, 2] } });
    expect(f.calls).toEqual(['webgpu', 'webgpu-native', 'wasm']);
    expect(runs.webgpu).toMatchObject({ variant: 'native/NCHW', fallback: { from: 'jsep/NCHW' } });
    expect(runs.wasm).toMatchObject({ timeMs: 10, error: null });
    // Only the wasm EP tiers its code up over its first runs; it is timed once settled.
    expect(f.settled).toEqual(['wasm']);
  });
});
