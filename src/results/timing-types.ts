// How the document's GPU times were obtained: the timestamp quantum read off the raw stamps,
// the estimator that quantum calls for, each time's standard error, and the timestamp pairs
// that could not be a pass's time. Computed in src/profiler (quantum.ts, estimate.ts,
// plausibility.ts); recorded here as plain JSON.

/** Kinds of implausible timestamp pairs (src/profiler/plausibility.ts says what each means and what is done with it). */
export type TimestampIssue = 'both-zero' | 'one-zero' | 'backwards' | 'zero-span' | 'longer-than-wall' | 'overlaps-previous';
export type TimestampIssueCounts = Partial<Record<TimestampIssue, number>>;

/**
 * median: median of per-run spans (stamps not quantized). mean-of-quantized: mean of quantized
 * per-run spans, unbiased because each run meets the quantum at another phase. wall-clock: no
 * timestamps; one wall time per submit.
 */
export type TimingMethod = 'median' | 'mean-of-quantized' | 'wall-clock';

/** One time as the timing method estimates it, with its uncertainty. */
export interface TimeEstimateResult {
  ms: number;
  /** Standard error of ms (for the median, sqrt(pi/2) s / sqrt(n)); null from one run. */
  stdErrMs: number | null;
  /** Runs that gave a sample. */
  runs: number;
  estimator: 'median' | 'mean';
  /** Quantized stamps: stdErrMs <= relativePrecision * ms. Always true with unquantized stamps. */
  resolved: boolean;
  /** Quantized stamps: runs at which stdErrMs would reach relativePrecision * ms; null when ms is 0 or not quantized. */
  runsToResolve: number | null;
}

/** What one configuration's timestamps were like. */
export interface ConfigTimestamps {
  /** The quantum its estimates assumed (1: not quantized). */
  quantumNs: number;
  method: Exclude<TimingMethod, 'wall-clock'>;
  /** Timed runs whose stamps were read. */
  runs: number;
  /** Implausible pairs over all runs and dispatches, by kind. */
  issues: TimestampIssueCounts;
  /** Nodes whose time did not resolve at these runs (quantized stamps only). */
  unresolvedNodes: number;
}

export interface QuantumDetectionResult {
  /** Non-zero raw stamps the detector saw, over the whole sweep. */
  stamps: number;
  /** Largest common step of the stamps (GCD of their differences), confirmed or not. */
  commonStepNs: number | null;
  /** Largest power of two dividing every stamp (Dawn's 0xFFFF0000 mask shows as 65536). */
  powerOfTwoNs: number | null;
  /** log2 of the chance that nanosecond stamps would share a step this large by accident. */
  chanceLog2: number | null;
  /** The step counts as a quantum: chanceLog2 <= -confirmBits. */
  confirmed: boolean;
  confirmBits: number;
}

export interface TimingResult {
  /** The timestamp quantum in ns: 1 when the stamps share no confirmed step, null when no stamp was read. */
  quantumNs: number | null;
  method: TimingMethod;
  /** --emulate-timestamp-quantum: every raw stamp was rounded down to a multiple of this before anything read it. */
  emulatedQuantumNs: number | null;
  detection: QuantumDetectionResult;
  /** Timed runs per configuration once the stamps are known to be quantized (options.quantizedReps, at least options.reps). */
  quantizedReps: number;
  /** The standard error, as a share of a time, at which the time counts as resolved. */
  relativePrecision: number;
  /** Implausible pairs over every configuration, by kind. */
  issues: TimestampIssueCounts;
  /** Nodes over every configuration whose time did not resolve. */
  unresolvedNodes: number;
}
