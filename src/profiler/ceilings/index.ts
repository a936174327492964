// Device ceilings: streaming bandwidth vs working-set size, FMA throughput and dispatch
// overhead, measured with WGSL microbenchmarks (shaders/bench_*.wgsl) and cached per adapter.
import type { AdapterInfoRecord } from '../../runtime/device.js';
import { ceilingsCacheKey, defaultStore, loadCeilings, saveCeilings, type KeyValueStore } from './cache.js';
import { measureDispatchOverhead, measureFma, measureLaunch } from './compute.js';
import { DEFAULT_KERNEL_CLASSES } from './kernel-class.js';
import { measureKernelRoofs } from './kernel-roofs.js';
import { logSizes, measureBandwidth } from './streams.js';
import { PassTimer } from './timer.js';
import type { BandwidthPoint, CeilingOptions, DeviceCeilings, StreamKind } from './types.js';

export type * from './types.js';
export type { KeyValueStore } from './cache.js';
export { ceilingsCacheKey, CEILINGS_CACHE_PREFIX } from './cache.js';
export { logSizes } from './streams.js';
export { calibrationGraph, DEFAULT_KERNEL_CLASSES, kernelCalibration, kernelClass } from './kernel-class.js';

const KiB = 1024;
const MiB = 1024 * KiB;

export const DEFAULT_CEILING_OPTIONS: CeilingOptions = {
  minBytes: 16 * KiB,
  maxBytes: 256 * MiB,
  pointsPerOctave: 2,
  repeats: 5,
  kinds: ['read', 'write', 'copy'],
  targetBytesPerPass: 32 * MiB,
  maxDispatchesPerPass: 64,
  fmaTargetMs: 20,
  fmaInvocations: 64 * 1024,
  minWorkgroups: 0,
  timing: 'auto',
  kernelClasses: [...DEFAULT_KERNEL_CLASSES],
};

/** A few seconds: for tests and smoke runs, not for cliff detection. */
export const QUICK_CEILING_OPTIONS: CeilingOptions = {
  ...DEFAULT_CEILING_OPTIONS,
  maxBytes: 4 * MiB,
  pointsPerOctave: 1,
  repeats: 3,
  targetBytesPerPass: 4 * MiB,
  maxDispatchesPerPass: 16,
  fmaTargetMs: 5,
  fmaInvocations: 16 * 1024,
};

/**
 * What a bench run measures when nothing is cached: up to 64 MiB (past the cliffs seen on
 * SwiftShader here, 3-5 s on 2 cores against 16-40 s for the default's 256 MiB).
 */
export const BENCH_CEILING_OPTIONS: CeilingOptions = {
  ...DEFAULT_CEILING_OPTIONS,
  maxBytes: 64 * MiB,
  repeats: 3,
  targetBytesPerPass: 8 * MiB,
  maxDispatchesPerPass: 32,
  fmaTargetMs: 10,
};

export interface MeasureProgress {
  kind: StreamKind | 'fma-f32' | 'fma-f16' | 'overhead' | 'launch' | 'kernel';
  point?: BandwidthPoint;
  /** The kernel class being calibrated (kind 'kernel'). */
  kernelClass?: string;
}

export interface MeasureOptions extends Partial<CeilingOptions> {
  onProgress?(p: MeasureProgress): void;
}

/** The largest working set a single binding (and buffer) of this device can hold. */
export function largestWorkingSet(limits: Pick<GPUSupportedLimits, 'maxStorageBufferBindingSize' | 'maxBufferSize'>, cap: number): number {
  return Math.min(cap, limits.maxStorageBufferBindingSize, limits.maxBufferSize);
}

/** A CPU runs a few workgroups at once and pays for each; a GPU needs many to fill its SMs. */
function resolveOptions(opts: MeasureOptions, adapter: Pick<AdapterInfoRecord, 'isFallbackAdapter'>): CeilingOptions {
  const { onProgress: _p, ...rest } = opts;
  const o = { ...DEFAULT_CEILING_OPTIONS, ...rest };
  return { ...o, minWorkgroups: o.minWorkgroups || (adapter.isFallbackAdapter ? 16 : 1024) };
}

function f16Note(device: GPUDevice): string | null {
  return device.features.has('shader-f16') ? null : "not measurable on this device: no 'shader-f16' feature";
}

export async function measureCeilings(device: GPUDevice, adapter: AdapterInfoRecord, options: MeasureOptions = {}): Promise<DeviceCeilings> {
  const opts = resolveOptions(options, adapter);
  const progress = options.onProgress ?? (() => undefined);
  const t0 = performance.now();
  const maxBytes = largestWorkingSet(device.limits, opts.maxBytes);
  const sizes = logSizes(opts.minBytes, maxBytes, opts.pointsPerOctave);
  const timer = new PassTimer(device, opts.repeats + 1, opts.timing);
  try {
    const bandwidth: DeviceCeilings['bandwidth'] = {};
    for (const kind of opts.kinds) {
      bandwidth[kind] = await measureBandwidth(device, timer, kind, sizes, opts, (point) => progress({ kind, point }));
    }
    progress({ kind: 'fma-f32' });
    const fmaF32 = await measureFma(device, timer, 'f32', opts);
    const note = f16Note(device);
    progress({ kind: 'fma-f16' });
    const fmaF16 = note ? null : await measureFma(device, timer, 'f16', opts);
    progress({ kind: 'overhead' });
    const dispatchOverhead = await measureDispatchOverhead(device, timer, opts);
    progress({ kind: 'launch' });
    const launch = await measureLaunch(device, opts);
    const kernelRoofs = await measureKernelRoofs(device, timer, opts, (kernelClass) => progress({ kind: 'kernel', kernelClass }));
    const { vendor, architecture, device: dev, description } = adapter;
    return {
      version: 3,
      adapter: { vendor, architecture, device: dev, description },
      timing: timer.kind,
      measuredAt: new Date().toISOString(),
      durationMs: performance.now() - t0,
      options: opts,
      maxBytes: sizes[sizes.length - 1],
      bandwidth,
      fmaF32,
      fmaF16,
      fmaF16Note: note,
      dispatchOverhead,
      launch,
      kernelRoofs,
    };
  } finally {
    timer.destroy();
  }
}

export interface GetCeilingsOptions extends MeasureOptions {
  /** Measure even when a cached result exists (and replace it). */
  force?: boolean;
  /** Defaults to localStorage when the page has one; null disables caching. */
  store?: KeyValueStore | null;
}

/** The first of these option sets with ceilings in the cache, without measuring anything. */
export function findCachedCeilings(
  handle: Pick<DeviceLike, 'adapterInfo' | 'limits'>,
  candidates: readonly Partial<CeilingOptions>[],
  store: KeyValueStore | null = defaultStore(),
): { ceilings: DeviceCeilings; key: string; index: number } | null {
  for (const [index, opts] of candidates.entries()) {
    const key = ceilingsCacheKey(handle.adapterInfo, handle.limits, resolveOptions(opts, handle.adapterInfo));
    const ceilings = loadCeilings(store, key);
    if (ceilings) return { ceilings, key, index };
  }
  return null;
}

export interface DeviceLike {
  device: GPUDevice;
  adapterInfo: AdapterInfoRecord;
  limits: Record<string, number>;
}

/** Cached ceilings for this adapter + limits + options, measured (and stored) when absent or forced. */
export async function getCeilings(handle: DeviceLike, options: GetCeilingsOptions = {}): Promise<{ ceilings: DeviceCeilings; fromCache: boolean; key: string }> {
  const { force, store: given, ...measure } = options;
  const store = given === undefined ? defaultStore() : given;
  const key = ceilingsCacheKey(handle.adapterInfo, handle.limits, resolveOptions(measure, handle.adapterInfo));
  const cached = force ? null : loadCeilings(store, key);
  if (cached) return { ceilings: cached, fromCache: true, key };
  const ceilings = await measureCeilings(handle.device, handle.adapterInfo, measure);
  saveCeilings(store, key, ceilings);
  return { ceilings, fromCache: false, key };
}
