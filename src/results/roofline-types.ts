// Roofline and what-if parts of the results document: measured device ceilings, per-node and
// per-layer placement, and the seed's what-if variants predicted and measured. Documented in
// docs/results-schema.md; the required field names follow the issue that introduced them.
import type { CacheLevel } from '../analysis/seed.js';
import type { NodeRoofline } from '../analysis/roofline/placement.js';
import type { ClaimCheck } from '../analysis/whatif.js';
import type { DispatchLike } from '../analysis/roofline/timings.js';
import type { StreamKind } from '../profiler/ceilings/types.js';
import type { PipelineKey } from '../runtime/kernel.js';
import type { CheckResult, Mode, Stats } from './common-types.js';

export type { CacheLevel, StreamKind };

/** How a bench run obtains its ceilings: the cache (else a short measurement), a fresh quick or full measurement, or none. */
export type CeilingsMode = 'cached' | 'quick' | 'full' | 'off';
export const CEILINGS_MODES: readonly CeilingsMode[] = ['cached', 'quick', 'full', 'off'];

/** The measurement presets a mode can resolve to (see src/profiler/ceilings). */
export type CeilingsPreset = 'quick' | 'bench' | 'full';

export interface BandwidthSampleResult {
  bytes: number;
  gbps: number;
}

export interface CurvePointResult extends BandwidthSampleResult {
  spread: number;
  minGbps: number;
  maxGbps: number;
  repeats: number;
}

export interface CurveResult {
  points: CurvePointResult[];
  peakGbps: number;
  /** Median of the points' spreads. */
  spread: number;
  maxSpread: number;
}

export interface CliffResult {
  /** Effective cache capacity the cliff implies. */
  bytes: number;
  evidence: string;
  curve: StreamKind;
  beforeGbps: number;
  afterGbps: number;
  ratio: number;
  lastHighBytes: number;
  firstLowBytes: number;
}

export interface CacheSizesResult {
  l2: number;
  l3: number;
}

/** A compute roof measured on one kernel class at a small, cache-resident calibration shape. */
export interface KernelRoofResult {
  /** 'dwconv:k7', 'pwconv', 'conv2d': what nodes dispatching this kernel are bounded by. */
  kernelClass: string;
  kernel: string;
  variant: Record<string, number | boolean | string>;
  gflops: number;
  spread: number;
  calibration: { batch: number; cin: number; cout: number; height: number; width: number; kernelSize: number; group: number; stride: number; bias: boolean; relu: boolean; flops: number };
}

export interface CeilingsResult {
  /**
   * Mixed-traffic bandwidth vs working set (the copy curve: reads and writes, as a kernel does).
   * Predictions use it, or the read and write curves for a node's reads and writes when both exist.
   */
  bandwidth: BandwidthSampleResult[];
  /** Cliffs of that curve. */
  cliffs: CliffResult[];
  fmaGflops: number;
  /** (p90 - p10) / median over repeats, per ceiling; bandwidth is the median over the curve's points. */
  spread: { bandwidth: number; bandwidthMax: number; fmaGflops: number; dispatchOverhead: number; launch?: number; curves: Partial<Record<StreamKind, number>> };
  bandwidthCurve: StreamKind;
  curves: Partial<Record<StreamKind, CurveResult>>;
  /** Cliffs of every measured curve, for comparison with the one above. */
  cliffsByCurve: Partial<Record<StreamKind, CliffResult[]>>;
  fmaF16Gflops: number | null;
  fmaF16Note: string | null;
  dispatchOverheadUs: number;
  /** One tiny dispatch timed alone in its pass, as nodes are timed; absent in documents measured before it was. */
  launchUs?: number;
  /** Measured compute roofs per kernel class; empty when none were measured. */
  kernelRoofs: KernelRoofResult[];
  /** Cache capacities of the per-layer classification: from the cliffs, else the seed's; the seed's always beside them. */
  caches: { used: CacheSizesResult; source: 'detected' | 'seed'; note: string; seed: CacheSizesResult };
  source: {
    mode: CeilingsMode;
    preset: CeilingsPreset | 'custom';
    fromCache: boolean;
    cacheKey: string | null;
    measuredAt: string;
    /** Time the measurement took when it was made (also when read back from the cache). */
    measurementMs: number;
    /** Time this run spent obtaining the ceilings (about 0 from the cache). */
    stepMs: number;
    timing: 'timestamp' | 'wallclock';
    maxBytes: number;
    options: Record<string, unknown>;
  };
}

/** A dispatch with its pipeline key, which names the kernel class of the node it belongs to. */
export interface RooflineDispatch extends DispatchLike {
  spec: { shader: string; key?: Pick<PipelineKey, 'kernel' | 'variant'> };
}

/** One node's place on the roofline (exact field set required by the schema): the prediction side's record. */
export type NodeRooflineResult = NodeRoofline;

export interface MissResult {
  direction: 'slower' | 'faster';
  ratio: number;
  reasons: string[];
  detail: string;
}

export interface NodeRooflineDetailResult {
  bandwidthGbps: number;
  /** 'fma' (the FMA microbenchmark) or 'kernel:<class>' (the node's measured kernel-class roof). */
  computeRoof: string;
  computeRoofGflops: number;
  attainableGflops: number;
  ridgeIntensity: number;
  percentOfRoofline: number | null;
  /** measured / predicted. */
  ratio: number | null;
  miss: MissResult | null;
}

export interface LayerRooflineResult {
  predictedMs: number;
  measuredMs: number | null;
  ratio: number | null;
  /** Within the tolerance either way; null when not measured. */
  within: boolean | null;
  miss: MissResult | null;
}

export interface LayerCacheResult {
  /** Largest working set of one node of the layer (distinct tensors it touches, weights included). */
  workingSetBytes: number;
  /** That working set against the cache capacities in use (measured cliffs when found). */
  level: CacheLevel;
  /** The seed's classification: its DWBlock working-set formula against its fixed 1 / 8 MiB. */
  seedLevel: CacheLevel | null;
}

/**
 * One node under the first-principles roofline: max(bytes / BW(working set), flops / FMA peak)
 * + dispatches * launch cost, every term a measured device ceiling, no roof calibrated on a kernel.
 */
export interface NodeFirstPrinciplesResult {
  predictedMs: number;
  /** Bytes over the bandwidth curves at the node's working set. */
  memoryMs: number;
  /** FLOPs over the FMA peak. */
  computeMs: number;
  /** dispatches * the measured launch cost. */
  launchMs: number;
  dispatches: number;
  /** The largest term. */
  bound: 'memory' | 'compute' | 'launch';
  /** The node's kernel class ('conv2d', 'dwconv:k7', ...), else its kernel, else its op: how the per-class fit groups it. */
  kernelClass: string;
  measuredMs: number | null;
  /** measured / predicted. */
  ratio: number | null;
  within: boolean | null;
}

export interface LayerFirstPrinciplesResult {
  predictedMs: number;
  measuredMs: number | null;
  ratio: number | null;
  within: boolean | null;
}

/** The first-principles fit of one kernel class: how far its kernels are from the device's ceilings. */
export interface ClassFitResult {
  kernelClass: string;
  nodes: number;
  nodesWithin: number;
  nodesMeasured: number;
  predictedMs: number;
  measuredMs: number | null;
  /** Summed measured / summed predicted. */
  ratio: number | null;
  /** The term behind most of the class's predicted time. */
  bound: 'memory' | 'compute' | 'launch';
}

export interface FirstPrinciplesFitResult {
  /** The model in words, so a reader of the document needs nothing else. */
  formula: string;
  peakGflops: number;
  /** The launch cost added per dispatch; null when the ceilings lack it (older measurements: none added). */
  launchUs: number | null;
  layersWithin: number;
  layersMeasured: number;
  fractionWithin: number | null;
  nodesWithin: number;
  nodesMeasured: number;
  predictedMs: number;
  measuredMs: number | null;
  /** Per kernel class, worst ratio first. */
  byClass: ClassFitResult[];
}

export interface RooflineFitResult {
  tolerance: number;
  /** Nodes bounded by a measured kernel-class roof rather than the FMA peak. */
  nodesOnKernelRoof: number;
  /** The first-principles fit beside this calibrated one; null when not computed. */
  firstPrinciples: FirstPrinciplesFitResult | null;
  layersWithin: number;
  layersMeasured: number;
  /** layersWithin / layersMeasured; null when no layer was measured. */
  fractionWithin: number | null;
  nodesWithin: number;
  nodesMeasured: number;
  predictedMs: number;
  measuredMs: number | null;
}

export type WhatIfStatus = 'ok' | 'oom' | 'error' | 'device-lost' | 'not-measurable';

export interface WhatIfDelta {
  /** Variant minus baseline, bytes; and the fraction (variant / baseline - 1). */
  predictedPeakBytes: number;
  predictedPeakFraction: number;
  measuredPeakBytes: number | null;
  measuredPeakFraction: number | null;
  /** Median end-to-end GPU time, variant minus baseline. */
  gpuTimeMs: number | null;
  gpuTimeFraction: number | null;
  predictedMs: number | null;
  predictedMsFraction: number | null;
}

export interface WhatIfResult {
  variant: string;
  label: string;
  status: WhatIfStatus;
  measurable: boolean;
  note: string | null;
  error?: string;
  config: { batch: number; size: number; mode: Mode };
  params: number;
  /** Liveness peak at the variant's bytes per element, weights included. */
  predictedPeakBytes: number;
  /** Physical peak (buffer tracker); null when not run. */
  measuredPeakBytes: number | null;
  measuredLogicalPeakBytes: number | null;
  predictedEncoder1ActivationBytes: number;
  measuredEncoder1ActivationBytes: number | null;
  /** Sum of the per-node roofline predictions; null without ceilings. */
  predictedMs: number | null;
  gpuTimeMs: Stats | null;
  rooflineFit: RooflineFitResult | null;
  check: CheckResult;
  deltaVsBaseline: WhatIfDelta;
}

/** A claim check as the results carry it: the analysis record without the claim text it repeats. */
export type ClaimCheckResult = Pick<ClaimCheck, 'source' | 'baseline' | 'variant' | 'reduction' | 'holds' | 'detail'>;

export interface WhatIfClaimResult {
  claim: string;
  text: string;
  variant: string;
  metric: string;
  predicted: ClaimCheckResult;
  /** Physical bytes (buffer tracker) for peaks; null when either variant was not measured. */
  measured: ClaimCheckResult | null;
  /** Logical bytes (live tensors + weights): the same claim without allocator slack. */
  measuredLogical: ClaimCheckResult | null;
  /** The measured verdict when there is one, else the predicted one. */
  holds: boolean;
  basis: 'measured' | 'predicted';
  note: string | null;
}
