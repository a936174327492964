// onnxruntime-web in the test page: the fixture through each backend, compared with PyTorch,
// and a timing helper for the built-in network at any size (the source of the numbers behind
// DEFAULT_WEBGPU_BACKEND in src/peers/ort.ts; too slow at 256 for the regular suite).
import { checkOrtAssets, runOrt, type OrtBackend, type OrtLayout, type OrtRunResult } from '../../../src/peers/ort';
import { compare, type ErrorStats } from '../../../src/reference/tensor';
import { jeongwonnet } from '../../../src/graph/jeongwonnet';
import { exportOnnx } from '../../../src/onnx/index';
import { seededUniform } from '../../../src/graph/rng';
import { ortPeerRunner } from '../../../src/sweep/peers-ort';
import type { GpuPeerRun } from '../../../src/sweep/peers';

export { checkOrtAssets };

export type OrtCaseResult = Omit<OrtRunResult, 'output'> & ErrorStats;

export async function ortCase(model: Uint8Array, input: Float32Array, expected: Float32Array, backend: OrtBackend, layout: OrtLayout = 'NCHW', reps = 3): Promise<OrtCaseResult> {
  const { output, ...rest } = await runOrt(model, { input: { data: input, shape: [1, 3, 64, 64] } }, { backend, layout, reps });
  return { ...rest, ...compare(output, expected) };
}

/** The default network at `size`, exported with exportOnnx and timed in ORT (no reference run). */
export async function ortBuiltinTiming(size: number, backend: OrtBackend, layout: OrtLayout = 'NCHW', reps = 3): Promise<Omit<OrtRunResult, 'output'>> {
  const bytes = exportOnnx(jeongwonnet({ size }));
  const { output, ...rest } = await runOrt(bytes, { input: { data: seededUniform(1, 'x', 3 * size * size, 1), shape: [1, 3, size, size] } }, { backend, layout, reps });
  return rest;
}

/** The peer runner's WebGPU side on a model, as the sweep runs it: the preferred build, else the other one. */
export async function ortPeerWebgpu(model: Uint8Array, name: string, input: Float32Array, shape: number[]): Promise<Omit<GpuPeerRun, 'output'> & { outputLength: number | null }> {
  const runs = await ortPeerRunner({ model: () => model, reps: 1, warmup: 1 })({ [name]: { data: input, shape } }, { batch: shape[0], size: null, inputShapes: { [name]: shape } });
  const { output, ...rest } = runs.webgpu;
  return { ...rest, outputLength: output?.length ?? null };
}
