// Shapes of a device-ceiling measurement: what the bench page stores, caches and hands on.
// Plain data only (JSON-safe), so the results layer can pass it to the roofline math.
import type { KernelCalibration } from './kernel-class.js';

export type { KernelCalibration };

export type StreamKind = 'read' | 'write' | 'copy';

export interface BandwidthPoint {
  /** Working set of one dispatch: the bytes it touches (copy: source + destination). */
  bytes: number;
  /** Median over repeats of bytes moved / time, in GB/s (1e9 bytes per second). */
  gbps: number;
  /** (p90 - p10) / median of the per-repeat GB/s. */
  spread: number;
  minGbps: number;
  maxGbps: number;
  repeats: number;
  /** Back-to-back dispatches inside each timed pass (many for small sizes). */
  dispatchesPerPass: number;
}

export interface BandwidthCurve {
  kind: StreamKind;
  points: BandwidthPoint[];
  /** Median of the points' spreads: how stable the curve is as a whole. */
  spread: number;
  maxSpread: number;
  peakGbps: number;
}

export interface ComputeCeiling {
  /** Median over repeats, 2 flops per fma per component. */
  gflops: number;
  spread: number;
  repeats: number;
  invocations: number;
  iterations: number;
  flopsPerDispatch: number;
}

/** A compute roof measured on one kernel class at a small, cache-resident calibration shape. */
export interface KernelRoof {
  /** e.g. 'dwconv:k7', 'pwconv', 'conv2d' (see kernel-class.ts). */
  kernelClass: string;
  kernel: string;
  /** The calibration dispatch's pipeline variant. */
  variant: Record<string, number | boolean | string>;
  /** Median over repeats of calibration flops / time. */
  gflops: number;
  spread: number;
  repeats: number;
  dispatchesPerPass: number;
  workgroups: number;
  calibration: KernelCalibration;
}

export interface OverheadCeiling {
  /** Median time of one empty one-workgroup dispatch inside a pass, microseconds. */
  us: number;
  spread: number;
  repeats: number;
}

/**
 * What a node's measured time pays besides its work: one tiny dispatch alone in its own
 * timestamped pass, as the engine times every dispatch (pass begin and end stamps included).
 */
export interface LaunchCeiling {
  /** Median over the timed passes, microseconds. */
  us: number;
  spread: number;
  repeats: number;
  /** Workgroups of the timed dispatch (one: nothing but the fixed cost). */
  workgroups: number;
}

export interface CeilingOptions {
  /** Smallest working set, bytes (default 16 KiB). */
  minBytes: number;
  /** Largest working set wanted, bytes; also capped by the device's buffer limits (default 256 MiB). */
  maxBytes: number;
  /** Log spacing of the sizes (default 2 points per octave). */
  pointsPerOctave: number;
  /** Timed passes per size and per compute ceiling, after one untimed warm-up (default 5). */
  repeats: number;
  kinds: StreamKind[];
  /** Small sizes repeat their dispatch until a pass moves about this many bytes (default 32 MiB). */
  targetBytesPerPass: number;
  maxDispatchesPerPass: number;
  /** The FMA kernel's iteration count is raised until a dispatch takes about this long (default 20 ms). */
  fmaTargetMs: number;
  fmaInvocations: number;
  /**
   * Streaming kernels give each invocation fewer elements until a dispatch has this many
   * workgroups (measureCeilings turns 0 into 16 on a CPU fallback adapter, 1024 otherwise).
   */
  minWorkgroups: number;
  /** 'auto' uses timestamp-query when the device has it. */
  timing: 'auto' | 'wallclock';
  /** Kernel classes whose compute roof is measured (default: every compute-heavy conv kernel). */
  kernelClasses: string[];
}

export interface AdapterKey {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
}

export interface DeviceCeilings {
  /** 2 added kernelRoofs, 3 the launch cost; older cached measurements are measured again. */
  version: 3;
  adapter: AdapterKey;
  timing: 'timestamp' | 'wallclock';
  measuredAt: string;
  durationMs: number;
  options: CeilingOptions;
  /** The largest working set the device allowed (after the cap). */
  maxBytes: number;
  bandwidth: Partial<Record<StreamKind, BandwidthCurve>>;
  fmaF32: ComputeCeiling;
  /** null when the device has no 'shader-f16'; fmaF16Note says why. */
  fmaF16: ComputeCeiling | null;
  fmaF16Note: string | null;
  dispatchOverhead: OverheadCeiling;
  launch: LaunchCeiling;
  kernelRoofs: KernelRoof[];
}
