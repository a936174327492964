// Compute ceilings: FMA throughput (f32, and f16 where 'shader-f16' exists), the fixed cost
// of one dispatch among many in a pass, and the launch cost of a dispatch timed alone.
import fmaSrc from './bench_fma.wgsl?raw';
import emptySrc from './bench_empty.wgsl?raw';
import { foldWorkgroups } from '../../runtime/kernel.js';
import { specialize } from '../../runtime/wgsl-template.js';
import { median, stable } from '../../util/stats.js';
import { PassTimer } from './timer.js';
import type { CeilingOptions, ComputeCeiling, LaunchCeiling, OverheadCeiling } from './types.js';

const WG = 64;
/** 8 vec4 chains x 4 fmas per iteration, 2 flops per fma per component. */
export const FLOPS_PER_ITERATION = 8 * 4 * 4 * 2;
const MAX_ITERATIONS = 1 << 20;
const OVERHEAD_DISPATCHES = 64;
/** Passes of one dispatch each: the launch cost is small and noisy, so many more than the other ceilings' repeats. */
const LAUNCH_PASSES = 32;

export function fmaShader(type: 'f32' | 'f16'): string {
  return specialize(fmaSrc, { T: type, F16: type === 'f16' });
}

export async function measureFma(device: GPUDevice, timer: PassTimer, type: 'f32' | 'f16', opts: CeilingOptions): Promise<ComputeCeiling> {
  const module = device.createShaderModule({ label: `bench_fma_${type}`, code: fmaShader(type) });
  const pipeline = await device.createComputePipelineAsync({ label: `bench_fma_${type}`, layout: 'auto', compute: { module, entryPoint: 'main' } });
  const invocations = Math.ceil(opts.fmaInvocations / WG) * WG;
  const sink = device.createBuffer({ size: invocations * 4, usage: GPUBufferUsage.STORAGE });
  const uniforms = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  const bindGroup = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [
      { binding: 0, resource: { buffer: sink } },
      { binding: 1, resource: { buffer: uniforms } },
    ],
  });
  const workgroups = foldWorkgroups(invocations / WG, device.limits.maxComputeWorkgroupsPerDimension);
  const run = async (iterations: number, repeats: number): Promise<number[]> => {
    const params = new ArrayBuffer(16);
    new Uint32Array(params, 0, 2).set([iterations, invocations]);
    new Float32Array(params, 8, 2).set([0.999, 0.001]);
    device.queue.writeBuffer(uniforms, 0, params);
    return timer.time((pass) => {
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(...workgroups);
    }, repeats);
  };
  try {
    const iterations = await calibrate(run, opts.fmaTargetMs);
    const ns = await run(iterations, opts.repeats);
    const flopsPerDispatch = invocations * iterations * FLOPS_PER_ITERATION;
    const s = stable(
      ns.map((t) => flopsPerDispatch / t),
      `fma ${type}`,
    );
    return { gflops: s.median, spread: s.spread, repeats: s.count, invocations, iterations, flopsPerDispatch };
  } finally {
    sink.destroy();
    uniforms.destroy();
  }
}

/** Raises the iteration count until one dispatch takes about targetMs (fixed costs then vanish). */
async function calibrate(run: (iterations: number, repeats: number) => Promise<number[]>, targetMs: number): Promise<number> {
  let iterations = 64;
  for (let step = 0; step < 6; step++) {
    const ms = median(await run(iterations, 1)) / 1e6 || 0;
    if (ms >= targetMs / 2 || iterations >= MAX_ITERATIONS) break;
    const factor = Math.min(64, Math.max(2, targetMs / Math.max(ms, 1e-3)));
    iterations = Math.min(MAX_ITERATIONS, Math.ceil(iterations * factor));
  }
  return iterations;
}

export async function measureDispatchOverhead(device: GPUDevice, timer: PassTimer, opts: CeilingOptions): Promise<OverheadCeiling> {
  const module = device.createShaderModule({ label: 'bench_empty', code: emptySrc });
  const pipeline = await device.createComputePipelineAsync({ label: 'bench_empty', layout: 'auto', compute: { module, entryPoint: 'main' } });
  const ns = await timer.time((pass) => {
    pass.setPipeline(pipeline);
    for (let d = 0; d < OVERHEAD_DISPATCHES; d++) pass.dispatchWorkgroups(1);
  }, opts.repeats);
  const s = stable(
    ns.map((t) => t / OVERHEAD_DISPATCHES / 1e3),
    'empty dispatch',
  );
  return { us: s.median, spread: s.spread, repeats: s.count };
}

/**
 * One one-workgroup empty dispatch per pass, each pass timestamped: the fixed cost the engine's
 * per-dispatch timing adds to every node, whatever its work (begin/end stamps, pass set-up,
 * the dispatch itself). The in-pass overhead above is the cost of one more dispatch among many.
 */
export async function measureLaunch(device: GPUDevice, opts: Pick<CeilingOptions, 'timing'>): Promise<LaunchCeiling> {
  const module = device.createShaderModule({ label: 'bench_empty', code: emptySrc });
  const pipeline = await device.createComputePipelineAsync({ label: 'bench_launch', layout: 'auto', compute: { module, entryPoint: 'main' } });
  const timer = new PassTimer(device, LAUNCH_PASSES + 1, opts.timing);
  try {
    const ns = await timer.time((pass) => {
      pass.setPipeline(pipeline);
      pass.dispatchWorkgroups(1);
    }, LAUNCH_PASSES);
    const s = stable(
      ns.map((t) => t / 1e3),
      'launch',
    );
    return { us: s.median, spread: s.spread, repeats: s.count, workgroups: 1 };
  } finally {
    timer.destroy();
  }
}
