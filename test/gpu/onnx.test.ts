// The ONNX path on the GPU: the PyTorch fixture imported in the page and run on the engine
// against PyTorch's output, the torch-style variants, and every op kind the importer adds.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGpuPage, type GpuPage } from '../setup/gpu';
import { FIXTURES, readF32 } from '../onnx/helpers';
import type { FixtureRun } from './cases/onnx';

const CASES = '/test/gpu/cases/onnx.ts';
const base = `${FIXTURES}/jeongwonnet_swap_c8_64`;

describe('ONNX on the WebGPU engine', () => {
  let gp: GpuPage;
  beforeAll(async () => {
    gp = await openGpuPage();
  });
  afterAll(async () => {
    await gp?.close();
  });

  it("runs the PyTorch fixture within 1e-3 of PyTorch's output", async () => {
    const r = await gp.run<FixtureRun>(CASES, 'runOnnxOnEngine', new Uint8Array(readFileSync(`${base}.onnx`)), readF32(`${base}.input.bin`), readF32(`${base}.output.bin`));
    console.log(`fixture on the engine: max|y-ref|/max|ref| = ${r.maxRelError.toExponential(3)}, ${r.dispatches} dispatches, ${r.ms.toFixed(1)} ms; ops ${r.ops.join(', ')}`);
    expect(r.maxRelError).toBeLessThanOrEqual(1e-3);
    expect(gp.log.errors).toEqual([]);
  });

  it.each(['spatial', 'context'] as const)('runs the %s variant like the CPU reference', async (which) => {
    const r = await gp.run<FixtureRun>(CASES, 'variantOnEngine', which);
    console.log(`${which} variant on the engine: ${r.maxRelError.toExponential(2)} (ops ${r.ops.join(', ')})`);
    expect(r.maxRelError).toBeLessThanOrEqual(1e-4);
  });

  const x = (shape: number[]) => ({ shape });
  const w = (shape: number[]) => ({ shape, weight: true });
  const OPS: [string, { op: string; inputs: { shape: number[]; weight?: boolean }[]; attrs: Record<string, unknown> }][] = [
    ['reshape (vec4)', { op: 'reshape', inputs: [x([2, 3, 4, 4])], attrs: { shape: [6, 16] } }],
    ['reshape (odd size)', { op: 'reshape', inputs: [x([3, 5, 7])], attrs: { shape: [105] } }],
    ['transpose 4-D', { op: 'transpose', inputs: [x([2, 3, 5, 7])], attrs: { perm: [0, 2, 3, 1] } }],
    ['transpose 2-D', { op: 'transpose', inputs: [x([33, 17])], attrs: { perm: [1, 0] } }],
    ['concat channels (with a weight)', { op: 'concat', inputs: [x([1, 3, 5, 6]), w([1, 2, 5, 6]), x([1, 4, 5, 6])], attrs: { axis: 1 } }],
    ['concat last axis', { op: 'concat', inputs: [x([2, 3, 5]), x([2, 3, 2])], attrs: { axis: 2 } }],
    ['pad constant (with crop)', { op: 'pad', inputs: [x([1, 2, 6, 5])], attrs: { pads: [0, 1, 2, -1, 0, 0, 1, 3], value: 0.25 } }],
    ['gemm', { op: 'gemm', inputs: [x([7, 5]), w([5, 9]), w([9])], attrs: {} }],
    ['gemm transA transB alpha beta, C column', { op: 'gemm', inputs: [x([5, 7]), w([9, 5]), w([7, 1])], attrs: { transA: 1, transB: 1, alpha: 0.5, beta: -2 } }],
    ['gemm without C', { op: 'gemm', inputs: [x([3, 4]), w([4, 2])], attrs: {} }],
    ['reduce_mean axes 1,3', { op: 'reduce_mean', inputs: [x([2, 3, 5, 7])], attrs: { axes: [1, 3], keepdims: 0 } }],
    ['reduce_mean all', { op: 'reduce_mean', inputs: [x([4, 6, 5])], attrs: { axes: [0, 1, 2], keepdims: 1 } }],
    ['resize_scaled linear half_pixel 0.6', { op: 'resize_scaled', inputs: [x([1, 3, 10, 12])], attrs: { outSize: [6, 7], scales: [0.6, 0.6], mode: 'linear', coord: 'half_pixel' } }],
    ['resize_scaled nearest asymmetric 1.7', { op: 'resize_scaled', inputs: [x([1, 2, 5, 7])], attrs: { outSize: [8, 11], scales: [1.7, 1.7], mode: 'nearest', coord: 'asymmetric', nearestMode: 'floor' } }],
    ['resize_scaled nearest tf_half_pixel_for_nn round_prefer_ceil', { op: 'resize_scaled', inputs: [x([1, 1, 6, 6])], attrs: { outSize: [9, 3], scales: [1.5, 0.5], mode: 'nearest', coord: 'tf_half_pixel_for_nn', nearestMode: 'round_prefer_ceil' } }],
    ['resize_scaled linear pytorch_half_pixel', { op: 'resize_scaled', inputs: [x([1, 2, 4, 9])], attrs: { outSize: [6, 4], scales: [1.5, 0.45], mode: 'linear', coord: 'pytorch_half_pixel' } }],
  ];

  it.each(OPS)('%s matches the CPU reference', async (_, spec) => {
    const r = await gp.run<{ maxRelError: number; maxAbsError: number }>(CASES, 'opOnEngine', spec);
    expect(r.maxAbsError).toBeLessThanOrEqual(1e-5);
  });
});
