// Streaming bandwidth vs working-set size for the read, write and copy kernels
// (shaders/bench_*.wgsl). One pool buffer of the largest size serves every size through
// bindings of its first bytes, so no allocation happens between measurements.
import readSrc from './bench_read.wgsl?raw';
import writeSrc from './bench_write.wgsl?raw';
import copySrc from './bench_copy.wgsl?raw';
import { foldWorkgroups } from '../../runtime/kernel.js';
import { median, stable } from '../../util/stats.js';
import type { PassTimer } from './timer.js';
import type { BandwidthCurve, BandwidthPoint, CeilingOptions, StreamKind } from './types.js';

const WG = 64;
const MAX_PER_INVOCATION = 64;
const SOURCES: Record<StreamKind, string> = { read: readSrc, write: writeSrc, copy: copySrc };
/** Sizes are multiples of this, so a copy's destination half starts 256-aligned. */
const SIZE_QUANTUM = 512;

/** Log-spaced sizes from min to max (both included), rounded to SIZE_QUANTUM. */
export function logSizes(minBytes: number, maxBytes: number, perOctave: number): number[] {
  const round = (b: number) => Math.max(SIZE_QUANTUM, Math.round(b / SIZE_QUANTUM) * SIZE_QUANTUM);
  const hi = Math.floor(maxBytes / SIZE_QUANTUM) * SIZE_QUANTUM;
  const steps = Math.max(0, Math.floor(Math.log2(hi / minBytes) * perOctave + 1e-9));
  const sizes = Array.from({ length: steps + 1 }, (_, i) => round(minBytes * 2 ** (i / perOctave)));
  sizes.push(hi);
  return [...new Set(sizes.filter((b) => b <= hi))].sort((a, b) => a - b);
}

/**
 * vec4 elements per invocation: up to 64 (per-invocation setup is costly on SwiftShader, and
 * 64 measured faster than 16 there; the read kernel's one store is then 1/256 of its loads),
 * fewer for small buffers so they still spread over at least `minWorkgroups` workgroups.
 */
export function elementsPerInvocation(vec4s: number, minWorkgroups: number): number {
  return Math.max(1, Math.min(MAX_PER_INVOCATION, Math.floor(vec4s / (WG * minWorkgroups))));
}

interface StreamRig {
  pipeline: GPUComputePipeline;
  pool: GPUBuffer;
  sink: GPUBuffer;
  uniforms: GPUBuffer;
}

function vec4sOf(kind: StreamKind, bytes: number): number {
  return kind === 'copy' ? bytes / 32 : bytes / 16;
}

/** Invocations doing work (the grid stride) for a buffer of `vec4s` elements. */
function strideOf(vec4s: number, minWorkgroups: number): number {
  return Math.ceil(vec4s / elementsPerInvocation(vec4s, minWorkgroups));
}

async function makeRig(device: GPUDevice, kind: StreamKind, sizes: readonly number[], minWorkgroups: number): Promise<StreamRig> {
  const module = device.createShaderModule({ label: `bench_${kind}`, code: SOURCES[kind] });
  const pipeline = await device.createComputePipelineAsync({ label: `bench_${kind}`, layout: 'auto', compute: { module, entryPoint: 'main' } });
  const usage = GPUBufferUsage.STORAGE;
  const maxInvocations = Math.max(...sizes.map((b) => strideOf(vec4sOf(kind, b), minWorkgroups)));
  return {
    pipeline,
    pool: device.createBuffer({ label: 'bench pool', size: Math.max(...sizes), usage }),
    sink: device.createBuffer({ label: 'bench sink', size: Math.max(16, Math.ceil((maxInvocations * 4) / 16) * 16), usage }),
    uniforms: device.createBuffer({ label: 'bench params', size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST }),
  };
}

function bindingsFor(kind: StreamKind, rig: StreamRig, bytes: number, stride: number): GPUBindGroupEntry[] {
  const params = { binding: kind === 'write' ? 1 : 2, resource: { buffer: rig.uniforms } };
  if (kind === 'read') return [{ binding: 0, resource: { buffer: rig.pool, offset: 0, size: bytes } }, { binding: 1, resource: { buffer: rig.sink, offset: 0, size: Math.ceil((stride * 4) / 16) * 16 } }, params];
  if (kind === 'write') return [{ binding: 0, resource: { buffer: rig.pool, offset: 0, size: bytes } }, params];
  const half = bytes / 2;
  return [{ binding: 0, resource: { buffer: rig.pool, offset: 0, size: half } }, { binding: 1, resource: { buffer: rig.pool, offset: half, size: half } }, params];
}

async function measurePoint(device: GPUDevice, timer: PassTimer, kind: StreamKind, rig: StreamRig, bytes: number, opts: CeilingOptions): Promise<BandwidthPoint> {
  const vec4s = vec4sOf(kind, bytes);
  const stride = strideOf(vec4s, opts.minWorkgroups);
  const workgroups = foldWorkgroups(Math.ceil(stride / WG), device.limits.maxComputeWorkgroupsPerDimension);
  const params = new ArrayBuffer(16);
  new Uint32Array(params, 0, 2).set([vec4s, stride]);
  new Float32Array(params, 12, 1)[0] = 1.5;
  device.queue.writeBuffer(rig.uniforms, 0, params);
  const bindGroup = device.createBindGroup({ layout: rig.pipeline.getBindGroupLayout(0), entries: bindingsFor(kind, rig, bytes, stride) });
  const dispatches = Math.max(1, Math.min(opts.maxDispatchesPerPass, Math.round(opts.targetBytesPerPass / bytes)));
  const ns = await timer.time((pass) => {
    pass.setPipeline(rig.pipeline);
    pass.setBindGroup(0, bindGroup);
    for (let d = 0; d < dispatches; d++) pass.dispatchWorkgroups(...workgroups);
  }, opts.repeats);
  // bytes per nanosecond is GB/s.
  const s = stable(
    ns.map((t) => (bytes * dispatches) / t),
    `${kind} ${bytes} B`,
  );
  return { bytes, gbps: s.median, spread: s.spread, minGbps: s.min, maxGbps: s.max, repeats: s.count, dispatchesPerPass: dispatches };
}

export function summarizeCurve(kind: StreamKind, points: BandwidthPoint[]): BandwidthCurve {
  const spreads = points.map((p) => p.spread).filter(Number.isFinite);
  return { kind, points, spread: median(spreads), maxSpread: Math.max(0, ...spreads), peakGbps: Math.max(0, ...points.map((p) => p.gbps)) };
}

export async function measureBandwidth(
  device: GPUDevice,
  timer: PassTimer,
  kind: StreamKind,
  sizes: readonly number[],
  opts: CeilingOptions,
  onPoint?: (p: BandwidthPoint) => void,
): Promise<BandwidthCurve> {
  const rig = await makeRig(device, kind, sizes, opts.minWorkgroups);
  try {
    const points: BandwidthPoint[] = [];
    for (const bytes of sizes) {
      const p = await measurePoint(device, timer, kind, rig, bytes, opts);
      points.push(p);
      onPoint?.(p);
    }
    return summarizeCurve(kind, points);
  } finally {
    rig.pool.destroy();
    rig.sink.destroy();
    rig.uniforms.destroy();
  }
}
