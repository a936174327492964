// onnxruntime-web as the peer: the wasm files are served, and the PyTorch fixture runs through
// the wasm backend and both WebGPU builds close to PyTorch's output.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGpuPage, type GpuPage } from '../setup/gpu';
import { FIXTURES, readF32 } from '../onnx/helpers';
import { summarize } from '../../src/util/stats';
import { A, OnnxWriter } from '../../src/onnx/index';
import type { OrtCaseResult } from './cases/ort';

const CASES = '/test/gpu/cases/ort.ts';
const base = `${FIXTURES}/jeongwonnet_swap_c8_64`;
const MB = (b: number) => (b / 2 ** 20).toFixed(2);

/** MaxPool 2x2 stride 2 with ceil_mode over 9x9, as squeezenet pools: the JSEP build refuses ceil_mode. */
function ceilModePool(): Uint8Array {
  const w = new OnnxWriter({ opset: 13 });
  w.input('x', [1, 4, 9, 9]);
  w.node('MaxPool', 'pool', ['x'], ['y'], { kernel_shape: A.ints([2, 2]), strides: A.ints([2, 2]), ceil_mode: A.int(1) });
  w.output('y', [1, 4, 5, 5]);
  return w.bytes();
}

function report(r: OrtCaseResult): string {
  const buf = r.gpuBuffers ? `; GPU buffers peak ${MB(r.gpuBuffers.peakBytes)} MiB (+${MB(r.gpuBuffers.peakGrowthBytes)} over ${MB(r.gpuBuffers.baselineBytes)}), after release ${MB(r.gpuBuffers.liveAfterReleaseBytes)} MiB` : '';
  return `${r.backend}${r.layout ? `/${r.layout}` : ''}: err ${r.maxRelError.toExponential(2)}, session ${r.sessionMs.toFixed(0)} ms, first run ${r.firstRunMs.toFixed(1)} ms, median ${r.medianMs.toFixed(1)} ms${buf}`;
}

describe('onnxruntime-web peer on a model its preferred build refuses', () => {
  let gp: GpuPage;
  beforeAll(async () => {
    gp = await openGpuPage();
  });
  afterAll(async () => {
    await gp?.close();
  });

  it('falls back to the native build and records the JSEP error', async () => {
    const r = await gp.run<{ variant: string; error: string | null; fallback: { from: string; error: string } | null; outputLength: number | null }>(CASES, 'ortPeerWebgpu', ceilModePool(), 'x', new Float32Array(4 * 81).map((_, i) => i % 7), [1, 4, 9, 9]);
    console.log(`ceil_mode MaxPool in ORT WebGPU: ${r.variant}, fallback ${JSON.stringify(r.fallback)}, error ${r.error}`);
    expect(r.fallback).toMatchObject({ from: 'jsep/NCHW', error: expect.stringMatching(/not yet implemented/) });
    expect(r).toMatchObject({ variant: 'native/NCHW', error: null, outputLength: 4 * 25 });
  });
});

describe('onnxruntime-web peer', () => {
  let gp: GpuPage;
  const args = () => [new Uint8Array(readFileSync(`${base}.onnx`)), readF32(`${base}.input.bin`), readF32(`${base}.output.bin`)];
  beforeAll(async () => {
    gp = await openGpuPage();
  });
  afterAll(async () => {
    await gp?.close();
  });

  it('the dev server serves both builds’ wasm binaries', async () => {
    const assets = await gp.run<{ url: string; status: number; contentType: string; bytes: number }[]>(CASES, 'checkOrtAssets');
    for (const a of assets) {
      expect(a.status).toBe(200);
      expect(a.contentType).toMatch(/wasm/);
      expect(a.bytes).toBeGreaterThan(1e6);
    }
  });

  it("wasm backend matches PyTorch's output", async () => {
    const r = await gp.run<OrtCaseResult>(CASES, 'ortCase', ...args(), 'wasm');
    console.log(`fixture in ORT ${report(r)} (${r.wasmUrl})`);
    expect(r.maxRelError).toBeLessThanOrEqual(1e-3);
    // Timed the same way as ours: the same statistics over the timed runs.
    expect(r.runsMs).toHaveLength(3);
    expect(r.timeStatsMs).toEqual(summarize(r.runsMs));
    expect(r.medianMs).toBe(r.timeStatsMs!.median);
  });

  it.each([
    ['webgpu', 'NCHW'],
    ['webgpu-native', 'NCHW'],
    ['webgpu', 'NHWC'],
    ['webgpu-native', 'NHWC'],
  ] as const)('%s (%s) matches and reports its GPU buffers', async (backend, layout) => {
    const r = await gp.run<OrtCaseResult>(CASES, 'ortCase', ...args(), backend, layout);
    console.log(`fixture in ORT ${report(r)}`);
    expect(r.maxRelError).toBeLessThanOrEqual(1e-3);
    expect(r.gpuBuffers!.peakBytes).toBeGreaterThan(0);
  });
});
