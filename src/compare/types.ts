// The comparison of two results documents (compare.json): per matched configuration, layer
// and node, both sides' numbers, the ratio B/A and whether the change is beyond the run-to-run
// spread. Documented by compare.schema.json beside this file; versioned on its own.
import type { ConfigStatus, InputShapes, Mode, ModelInfo, Stats } from '../results/types.js';

export const COMPARE_VERSION = 1;

/** Beyond the spread: B's p10-p90 interval lies wholly above (slower) or below (faster) A's. */
export type TimeChange = 'slower' | 'faster' | 'within-noise' | 'missing';
/** Bytes are exact counts: any difference is a change. */
export type BytesChange = 'larger' | 'smaller' | 'same' | 'missing';

export interface TimeDelta {
  a: Stats | null;
  b: Stats | null;
  /** B's median / A's median; null when either is missing. */
  ratio: number | null;
  /** [B.p10 / A.p90, B.p90 / A.p10]: the ratios the two intervals allow; it holds 1 exactly when they overlap. */
  ratioRange: [number, number] | null;
  change: TimeChange;
}

export interface BytesDelta {
  a: number | null;
  b: number | null;
  /** B / A; null when either is missing or A is 0. */
  ratio: number | null;
  change: BytesChange;
}

export interface LayerComparison {
  layer: string;
  time: TimeDelta;
  /** Most logical bytes (live tensors + weights) at the layer's dispatches. */
  logicalBytes: BytesDelta;
  /** Most physical bytes (tracked buffers) at the layer's dispatches. */
  physicalBytes: BytesDelta;
  /** The liveness model's most bytes over the layer's nodes. */
  predictedBytes: BytesDelta;
  /** Some change beyond noise. */
  moved: boolean;
  /** |ln ratio| of the largest change beyond noise (0 when none): the movers-first order. */
  movement: number;
}

export interface NodeComparison {
  node: string;
  layer: string;
  op: string;
  time: TimeDelta;
  logicalBytes: BytesDelta;
  moved: boolean;
  movement: number;
}

/** Names found on one side only. */
export interface Unmatched {
  a: string[];
  b: string[];
}

export interface ConfigComparison {
  /** b1@64 arena, the shapes where batch and size do not say it all, then the form. */
  label: string;
  mode: Mode;
  form: string | null;
  inputShapes: { a: InputShapes; b: InputShapes };
  status: { a: ConfigStatus; b: ConfigStatus };
  reps: { a: number; b: number };
  gpuTime: TimeDelta;
  wallTime: TimeDelta;
  peaks: { physical: BytesDelta; logical: BytesDelta; predicted: BytesDelta };
  /** Movers first: changes beyond noise by size, then the rest by their time ratio. */
  layers: LayerComparison[];
  nodes: NodeComparison[];
  unmatchedLayers: Unmatched;
  unmatchedNodes: Unmatched;
  movedLayers: number;
  movedNodes: number;
  /** The status, the end-to-end time or a peak changed (beyond noise), or a layer did. */
  moved: boolean;
}

export interface RunSummary {
  file: string;
  createdAt: string;
  model: ModelInfo;
  /** vendor / architecture / description. */
  adapter: string;
  userAgent: string;
  /** Where the engine ran ('browser', 'node'), when the document says. */
  host: string | null;
  timestampQuery: boolean;
  /** The what-if variant the run measured as its main sweep, if any. */
  variant: string | null;
}

export interface Comparison {
  compareVersion: typeof COMPARE_VERSION;
  createdAt: string;
  a: RunSummary;
  b: RunSummary;
  /** The rules the verdicts follow, in words. */
  rules: { time: string; bytes: string; order: string };
  configs: ConfigComparison[];
  unmatchedConfigs: Unmatched;
  /** What differs between the runs besides the numbers (model, adapter, host), and caveats. */
  notes: string[];
  summary: {
    configsCompared: number;
    configsMoved: number;
    layersCompared: number;
    layersMoved: number;
    nodesCompared: number;
    nodesMoved: number;
    /** No configuration and no layer changed beyond noise. */
    noChangeBeyondNoise: boolean;
  };
}
