// Measured compute roofs per kernel class: each compute-heavy conv kernel of the runtime,
// timed on a small cache-resident shape. On a CPU-emulated GPU every FMA of a conv also
// issues loads and index arithmetic, so the pure-register FMA benchmark overstates what a
// real kernel can reach; this is the rate the kernel itself reaches when memory is not the limit.
import { numel } from '../../graph/ir.js';
import { foldWorkgroups, type DispatchSpec, type KernelContext } from '../../runtime/kernel.js';
import { selectKernel } from '../../ops/kernels.js';
import { calibrationGraph, kernelCalibration, kernelClass } from './kernel-class.js';
import { median, stable } from '../../util/stats.js';
import type { PassTimer } from './timer.js';
import type { CeilingOptions, KernelRoof } from './types.js';

const MAX_DISPATCHES_PER_PASS = 256;

interface Calibrated {
  spec: DispatchSpec;
  workgroups: [number, number, number];
  buffers: GPUBuffer[];
  bindGroup: GPUBindGroup;
  pipeline: GPUComputePipeline;
}

function kernelContext(device: GPUDevice, cls: string): KernelContext {
  const l = device.limits;
  return {
    graph: calibrationGraph(cls),
    limits: { maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension, maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup },
    features: new Set([...device.features].map(String)),
  };
}

/** The calibration node's dispatch exactly as the engine would build it, with its own buffers. */
async function prepare(device: GPUDevice, cls: string): Promise<Calibrated> {
  const ctx = kernelContext(device, cls);
  const node = ctx.graph.nodes[0];
  const specs = selectKernel(node, ctx).dispatches(node, ctx);
  if (specs.length !== 1 || kernelClass(specs[0].key) !== cls) {
    throw new Error(`calibration of '${cls}' selected ${specs.map((s) => s.key.kernel).join(', ')} instead`);
  }
  const spec = specs[0];
  const buffers = spec.tensors.map((t) => {
    const info = ctx.graph.tensors.get(t)!;
    const bytes = Math.ceil((numel(info.shape) * 4) / 16) * 16;
    const buf = device.createBuffer({ label: `roof ${cls} ${t}`, size: bytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    if (info.data) device.queue.writeBuffer(buf, 0, new Float32Array(info.data));
    return buf;
  });
  const uniforms = device.createBuffer({ label: `roof ${cls} uniforms`, size: spec.uniforms.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(uniforms, 0, spec.uniforms);
  buffers.push(uniforms);
  const module = device.createShaderModule({ label: `roof ${cls}`, code: spec.shader });
  const pipeline = await device.createComputePipelineAsync({ label: `roof ${cls}`, layout: 'auto', compute: { module, entryPoint: 'main' } });
  const bindGroup = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })) });
  const workgroups = foldWorkgroups(spec.workgroups, device.limits.maxComputeWorkgroupsPerDimension);
  return { spec, workgroups, buffers, bindGroup, pipeline };
}

function encoder(c: Calibrated, dispatches: number) {
  return (pass: GPUComputePassEncoder): void => {
    pass.setPipeline(c.pipeline);
    pass.setBindGroup(0, c.bindGroup);
    for (let i = 0; i < dispatches; i++) pass.dispatchWorkgroups(...c.workgroups);
  };
}

/** Back-to-back dispatches per pass until a pass takes about the FMA benchmark's target time. */
async function dispatchesPerPass(timer: PassTimer, c: Calibrated, targetMs: number): Promise<number> {
  const oneMs = median(await timer.time(encoder(c, 1), 2)) / 1e6 || 0;
  return Math.max(1, Math.min(MAX_DISPATCHES_PER_PASS, Math.round(targetMs / Math.max(oneMs, 1e-3))));
}

export async function measureKernelRoof(device: GPUDevice, timer: PassTimer, cls: string, opts: CeilingOptions): Promise<KernelRoof> {
  const c = await prepare(device, cls);
  try {
    const n = await dispatchesPerPass(timer, c, opts.fmaTargetMs);
    const ns = await timer.time(encoder(c, n), opts.repeats);
    const calibration = kernelCalibration(cls);
    const s = stable(
      ns.map((t) => (calibration.flops * n) / t),
      `kernel roof ${cls}`,
    );
    const { kernel, variant } = c.spec.key;
    return { kernelClass: cls, kernel, variant: { ...variant }, gflops: s.median, spread: s.spread, repeats: s.count, dispatchesPerPass: n, workgroups: c.spec.workgroups, calibration };
  } finally {
    for (const b of c.buffers) b.destroy();
  }
}

export async function measureKernelRoofs(device: GPUDevice, timer: PassTimer, opts: CeilingOptions, onClass?: (cls: string) => void): Promise<KernelRoof[]> {
  const out: KernelRoof[] = [];
  for (const cls of opts.kernelClasses) {
    onClass?.(cls);
    out.push(await measureKernelRoof(device, timer, cls, opts));
  }
  return out;
}
