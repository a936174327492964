// The results document: one per run of the bench (page or CLI). Versioned; documented in
// docs/results-schema.md. Byte counts are bytes; times are milliseconds.
import type {
  CeilingsMode,
  CeilingsResult,
  LayerCacheResult,
  LayerFirstPrinciplesResult,
  NodeFirstPrinciplesResult,
  LayerRooflineResult,
  NodeRooflineDetailResult,
  NodeRooflineResult,
  RooflineFitResult,
  WhatIfClaimResult,
  WhatIfResult,
} from './roofline-types.js';
import type { CompareMode, ModelInfo, PeersResult } from './peer-types.js';
import type { FormChoice, FormComparison, ModelForm } from './form-types.js';
import type { CheckResult, ConfigStatus, InputShapes, Mode, Stats } from './common-types.js';
import type { VariantId } from '../analysis/whatif.js';
import type { CandidateRecord, ChoiceSource, TuneMode, TuningStats } from '../profiler/tuning/index.js';
import type { SoakMeasurement } from '../profiler/soak.js';

/** --soak N: N more inferences after the timed runs, their leaks, live buffers and outputs (see profiler/soak.ts). */
export type SoakResult = SoakMeasurement;

export type { VariantId };
import type { ConfigTimestamps, TimeEstimateResult, TimestampIssueCounts, TimingResult } from './timing-types.js';

export type * from './common-types.js';
export type * from './roofline-types.js';
export { CEILINGS_MODES } from './roofline-types.js';
export type * from './peer-types.js';
export { COMPARE_MODES } from './peer-types.js';
export type * from './form-types.js';
export type * from './timing-types.js';
export { FORM_CHOICES, MODEL_FORMS } from './form-types.js';
export { CONFIG_STATUSES } from './common-types.js';

export const SCHEMA_VERSION = 2;
export const SEED_PYTORCH_LABEL = 'measured by PyTorch on CUDA (seed)';
export const CHECK_TOLERANCE = 1e-3;
export const OVERHEAD_GOAL = 1.05;
export const ARENA_PEAK_TOLERANCE = 0.05;

export type TimingSource = 'timestamp-query' | 'wall-clock';

export type { CandidateRecord, ChoiceSource, TuneMode };
/** Kept here rather than imported, so the CLI's option parsing never loads the kernels. */
export const TUNE_MODES: readonly TuneMode[] = ['off', 'cached', 'full'];

/** Which program ran a node, what else was offered, and how close it came to the device's roofs. */
export interface NodeVariantResult {
  /** The kernel that ran the node (e.g. pwconv). */
  kernel: string;
  /** The variant it ran; null when the kernel has a single program. */
  chosen: string | null;
  source: ChoiceSource;
  /** The variants offered, with the node-alone times of those that were timed (now or when cached). */
  candidates: CandidateRecord[];
  note?: string;
  /** Achieved GFLOP/s over the measured FMA roof, %; null without ceilings or a measured time. */
  percentOfFmaRoof: number | null;
  /** Achieved GB/s over the bandwidth at the node's working set, %. */
  percentOfBandwidth: number | null;
}

/** The run's autotuning: mode, budget and what it did (over every configuration). */
export interface TuningResult extends TuningStats {
  /** Timed runs per candidate after one warm-up. */
  runsPerCandidate: number;
  /** --kernel-variant pins, kernel -> variant. */
  pins: Record<string, string>;
}
export type BufferCategory = 'activations' | 'weights' | 'uniforms' | 'readback' | 'query' | 'other';

/** Where the engine ran: a browser page, or plain Node through Dawn's bindings (the `webgpu` package). */
export type HostKind = 'browser' | 'node';
export const HOST_KINDS: readonly HostKind[] = ['browser', 'node'];

/** What the host tells the sweep about itself; the engine and profiler never ask. */
export interface HostInfo {
  host: HostKind;
  /** navigator.userAgent in a browser; Node's and Dawn's versions in Node. */
  userAgent: string;
}

export interface Environment {
  host: HostKind;
  userAgent: string;
  adapter: { vendor: string; architecture: string; description: string; device?: string; isFallbackAdapter?: boolean };
  features: string[];
  limits: Record<string, number>;
  /** Whether per-dispatch GPU times come from timestamp queries (else wall clock per submit). */
  timestampQuery: boolean;
  /** The binding limit the engine planned with, when tighter than the device's (--max-binding). */
  emulatedMaxStorageBufferBindingSize?: number;
}

export interface ProfilingOverhead {
  status: 'measured' | 'unsupported' | 'not-measured';
  /** The configuration it was measured on. */
  batch: number | null;
  size: number | null;
  inputShapes: InputShapes | null;
  mode: Mode | null;
  pairs: number;
  /** Encode, submit, GPU done, and (timed only) the timestamp readback. */
  timedWallMs: Stats | null;
  untimedWallMs: Stats | null;
  /** Timed runs without the readback. */
  timedSubmitWallMs: Stats | null;
  /** median timed / median untimed end-to-end wall time (readback included). */
  ratio: number | null;
  /** The same ratio without the readback: the cost of the queries alone. */
  submitOnlyRatio: number | null;
  goal: number;
  reason?: string;
}

export interface NodeResult {
  name: string;
  op: string;
  layer: string;
  /** Order statistics of the per-run samples (quantized readings under quantization: see gpuTime). */
  gpuTimeMs: Stats | null;
  /** The time as timing.method estimates it, with its standard error; what the report shows. */
  gpuTime?: TimeEstimateResult | null;
  /** Implausible timestamp pairs at this node's dispatches, over all runs. */
  timestampIssues?: TimestampIssueCounts;
  /** Liveness prediction at this node (weights included). */
  predictedLiveBytes: number | null;
  /** Logical live bytes measured at the node's dispatches (max). */
  measuredLiveBytes: number | null;
  /** Placement against the device ceilings; null when the run had none. */
  roofline: NodeRooflineResult | null;
  rooflineDetail: NodeRooflineDetailResult | null;
  /** The same node under the first-principles roofline (no per-kernel calibration); absent or null without ceilings. */
  firstPrinciples?: NodeFirstPrinciplesResult | null;
  /** The kernel and variant that ran it (absent in documents from before variants). */
  variant?: NodeVariantResult | null;
}

export interface LayerResult {
  layer: string;
  gpuTimeMs: Stats | null;
  gpuTime?: TimeEstimateResult | null;
  /** The seed notebook's DWBlock formula for this block; null where it has none (final). */
  seedWorkingSetBytes: number | null;
  /** Max liveness prediction over the layer's nodes. */
  predictedLiveBytes: number | null;
  /** Max logical live bytes measured at the layer's dispatches. */
  measuredLiveBytes: number | null;
  /** Max physical bytes (tracked buffers) at the layer's dispatches. */
  measuredPhysicalBytes: number | null;
  /** Sum of the nodes' roofline predictions against their measured times; null without ceilings or measurements. */
  roofline: LayerRooflineResult | null;
  /** The same sums under the first-principles roofline; absent or null without ceilings. */
  firstPrinciples?: LayerFirstPrinciplesResult | null;
  cache: LayerCacheResult | null;
}

export interface DispatchResult {
  index: number;
  node: string;
  layer: string;
  label: string;
  /** Pipeline key (kernel and specialization). */
  kernel: string;
  gpuTimeMs: Stats | null;
  gpuTime?: TimeEstimateResult | null;
  timestampIssues?: TimestampIssueCounts;
  /** Start and duration in the median run, relative to its first dispatch (trace). */
  startMs: number | null;
  durationMs: number | null;
  /** Memory timeline of the first run, sampled before this dispatch. */
  logicalBytes: number;
  physicalBytes: number;
}

export interface AttributedBuffer {
  label: string;
  bytes: number;
  category: BufferCategory;
  holds: string[];
}

export interface MemoryResult {
  weights: { bytes: number; count: number; source: 'engine' | 'engine-graph' };
  logicalPeakDispatch: number;
  liveAtLogicalPeak: string[];
  /** Buffers live when the physical peak was reached, with what each holds. */
  physicalPeakBuffers: AttributedBuffer[];
  physicalByCategory: Record<BufferCategory, number>;
  /** Timestamp query set (not a GPUBuffer, so not in the physical bytes). */
  querySetBytes: number;
  /** Physical peak minus predicted peak, split by cause. */
  overhead: { bytes: number; parts: { what: string; bytes: number }[]; explanation: string };
  /** Alloc/free protocol violations seen in the engine's events; empty when sound. */
  anomalies: string[];
}

export interface ConfigResult {
  /** Dim 0 of the (first) input. */
  batch: number;
  /** Height = width of a 4-D (first) input; null where the input is not square or not 4-D. */
  size: number | null;
  /** Every input's full shape. */
  inputShapes: InputShapes;
  mode: Mode;
  /** Which form of a training-form model ran; absent when the model runs in one form only. */
  form?: ModelForm;
  status: ConfigStatus;
  error?: string;
  errorName?: string;
  timing: TimingSource | null;
  reps: number;
  warmup: number;
  /** End-to-end GPU time (first begin to last end); wall clock per submit when timing is 'wall-clock'. */
  gpuTimeMs: Stats | null;
  /** The same as timing.method estimates it (the mean under quantized stamps). */
  gpuTime?: TimeEstimateResult | null;
  /** Submit to onSubmittedWorkDone. */
  wallTimeMs: Stats | null;
  /** Sum of per-dispatch GPU times per run. */
  sumOfDispatchesMs: Stats | null;
  sumOfDispatchesTime?: TimeEstimateResult | null;
  /** The quantum, estimator, runs and implausible pairs of this row's timestamps; null without timestamps. */
  timestamps?: ConfigTimestamps | null;
  peakBytes: { measuredPhysical: number | null; measuredLogical: number | null; predicted: number | null };
  ratios: {
    physicalOverPredicted: number | null;
    /** Every node's logical bytes equal the prediction, and so do the peaks. */
    logicalEqualsPredicted: boolean | null;
    logicalMismatches: number;
  };
  seedPyTorchPeakBytes: number | null;
  pipelines: number | null;
  /** Bind groups the engine created (one per dispatch when they are reused); absent in older documents. */
  bindGroups?: number | null;
  nodes: NodeResult[];
  layers: LayerResult[];
  dispatches: DispatchResult[];
  memory: MemoryResult | null;
  check: CheckResult;
  /** onnxruntime-web on the same model and input; null unless the run compares (--compare ort). */
  peers: PeersResult | null;
  /** How many layers the roofline predicts within its tolerance; null without ceilings. */
  rooflineFit: RooflineFitResult | null;
  /** The soak after the timed runs; null without --soak (or when the row failed), absent in older documents. */
  soak?: SoakResult | null;
  durationMs: number;
}

export interface SweepOptions {
  batches: number[];
  sizes: number[];
  /**
   * The configurations' input shapes, one entry per configuration, when given explicitly (an ONNX
   * model from the CLI: --input-shape, or its own shape); then batches and sizes only list the
   * batch and size values of those configurations. null: every (size, batch) pair.
   */
  inputShapes: InputShapes[] | null;
  modes: Mode[];
  reps: number;
  warmup: number;
  /** Interleaved timed/untimed pairs for the profiling overhead (0 skips it). */
  overheadPairs: number;
  /** Compare outputs with the CPU reference. */
  check: boolean;
  timestamps: boolean;
  /** Where the device ceilings come from (the bench page measures them; runSweep only receives them). */
  ceilings: CeilingsMode;
  /** Also run the seed's what-if variants at the first batch and size. */
  whatif: boolean;
  /**
   * Run one of the seed's what-if variants of the built-in network as the sweep itself (its
   * results then compare with a baseline run, configuration by configuration); null: the
   * network as it is. Absent in documents written before it existed.
   */
  variant?: VariantId | null;
  /** 'ort': run onnxruntime-web (WebGPU and wasm) beside every (batch, size). */
  compare: CompareMode;
  /**
   * Emulates a device whose maxStorageBufferBindingSize is this many bytes (never above the real
   * one), e.g. 128 MiB to see which configurations a smaller GPU refuses. null: the device's own.
   */
  maxBindingBytes: number | null;
  /**
   * Which form of an imported model to run: 'auto' runs both when reparameterization merges
   * RepConv branches, else the optimized graph alone.
   */
  form: FormChoice;
  /**
   * Rounds every raw timestamp down to a multiple of this many ns right after readback, as a
   * browser that quantizes timestamps does (Chrome: 65,536); null reads them as they are.
   */
  emulateTimestampQuantumNs: number | null;
  /** Timed repetitions per configuration once the timestamps are known to be quantized (the mean needs many). */
  quantizedReps: number;
  /** Variant autotuning: off (kernels' defaults), cached (reuse, time what is missing) or full (time all). */
  tune: TuneMode;
  /** Pinned variants, kernel -> variant name (--kernel-variant). */
  kernelVariants: Record<string, string>;
  /** Upper bound on the time spent timing candidates over the whole sweep, ms. */
  tuneBudgetMs: number;
  /** Extra inferences per configuration after the timed runs, checked for leaks and bit-identical outputs (0: none; absent in older documents). */
  soak?: number;
  /**
   * Destroys the device in the middle of this configuration's timed runs (1-based, results.configs
   * order; --inject-device-loss), to exercise the recovery; null: never. Absent in older documents.
   */
  injectDeviceLoss?: number | null;
}

/** One loss of the GPU device during a sweep, and what the sweep did about it. */
export interface DeviceLossRecord {
  /** 1-based number of the configuration it was lost in (results.configs order); null: between configurations or in the what-if runs. */
  config: number | null;
  /** Where: a configuration ('b1@64 arena'), 'before b2@64 arena' (lost between two), or 'what-if'. */
  during: string;
  /** GPUDeviceLostInfo.reason: 'destroyed' or 'unknown'. */
  reason: string;
  message: string;
  /** The sweep destroyed the device itself (--inject-device-loss). */
  injected: boolean;
  /** A new device was acquired and the remaining configurations ran on it. */
  recovered: boolean;
  /** Acquiring the new device and rebuilding the pipeline cache, ms; null when not recovered. */
  recoveryMs: number | null;
  /** Why no new device could be had; null when recovered. */
  recoveryError: string | null;
}

export interface IncompleteResult {
  reason: string;
  configsDone: number;
  configsPlanned: number;
}

export interface Results {
  schemaVersion: typeof SCHEMA_VERSION;
  createdAt: string;
  environment: Environment;
  /** The timestamp quantum and how times were estimated (absent in documents from before it was recorded). */
  timing?: TimingResult;
  model: ModelInfo;
  options: SweepOptions;
  durationMs: number;
  profilingOverhead: ProfilingOverhead;
  configs: ConfigResult[];
  /** The seed's PyTorch CUDA peaks (torch.cuda.max_memory_allocated), a reference column. */
  seedReference: { label: string; rows: { batch: number; size: number; peakBytes: number }[] };
  /**
   * Every device loss of the run, in order (see DeviceLossRecord); null when none was lost.
   * Documents written before the sweep recovered from a loss hold the reason as a string (later
   * configurations were not run); read both with deviceLosses() (src/results/device-loss.ts).
   */
  deviceLost: DeviceLossRecord[] | string | null;
  /** Set when the sweep was stopped before it finished: configs holds the ones done by then. */
  incomplete?: IncompleteResult | null;
  /** Measured device ceilings; null when turned off or not measured. */
  ceilings: CeilingsResult | null;
  /** The what-if variants, predicted and measured; null unless requested. */
  whatif: WhatIfResult[] | null;
  /** The seed's what-if claims checked against the variants. */
  whatifClaims: WhatIfClaimResult[] | null;
  /** As exported vs reparameterized, per (batch, size, mode); null unless both forms ran. */
  forms?: FormComparison | null;
  /** Variant autotuning over the run; absent in documents from before it existed. */
  tuning?: TuningResult | null;
}
