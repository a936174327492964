// One time from repeated runs, with its standard error. With unquantized stamps it is the
// median (robust to the outliers of a shared machine). With stamps quantized to q the median is
// biased: a 20 us pass under q = 65 us reads 0 in about 70% of runs, so its median is 0. The
// mean is not: the pass's begin falls at a phase against the quantum that differs from run to
// run, so a duration d reads floor(d/q)*q or one q more, the latter with probability
// frac(d/q), and the mean of the readings is d. Its standard error shrinks as 1/sqrt(runs).
import { meanAndSd, nonNegativeSamples, summarize, usableSamples } from '../util/stats.js';

export type Estimator = 'median' | 'mean';

/** A time counts as resolved once its standard error is at most this share of it. */
export const RELATIVE_PRECISION = 0.1;

/** Large-sample standard error of a median is sqrt(pi/2) times that of a mean (normal noise). */
const MEDIAN_SE_FACTOR = Math.sqrt(Math.PI / 2);

export interface TimeEstimate {
  ms: number;
  /** Standard error of ms; null from a single run. */
  stdErrMs: number | null;
  /** Runs that gave a sample. */
  runs: number;
  estimator: Estimator;
  /** Quantized: stdErrMs <= RELATIVE_PRECISION * ms. Unquantized stamps resolve every time (true). */
  resolved: boolean;
  /** Quantized: runs at which the standard error would reach RELATIVE_PRECISION * ms; null when ms is 0 or unquantized. */
  runsToResolve: number | null;
}

function medianEstimate(values: readonly (number | null | undefined)[]): TimeEstimate | null {
  const s = summarize(values);
  if (!s) return null;
  const ok = usableSamples(values);
  const se = ok.length > 1 ? (MEDIAN_SE_FACTOR * meanAndSd(ok).sd) / Math.sqrt(ok.length) : null;
  return { ms: s.median, stdErrMs: se, runs: ok.length, estimator: 'median', resolved: true, runsToResolve: null };
}

/**
 * The sample's spread understates the uncertainty when every reading is the same multiple of q
 * (a pass far below q that never crossed a step): its variance is then taken as at least that
 * of one step seen in n + 1 runs, q^2 p (1 - p) with p = 1 / (n + 1), so the error is about q / n.
 */
function meanEstimate(values: readonly (number | null | undefined)[], quantumMs: number): TimeEstimate | null {
  const ok = nonNegativeSamples(values);
  if (!ok.length) return null;
  const n = ok.length;
  const { mean, sd } = meanAndSd(ok);
  const p = 1 / (n + 1);
  const variance = Math.max(sd * sd, quantumMs * quantumMs * p * (1 - p));
  const se = Math.sqrt(variance / n);
  const target = RELATIVE_PRECISION * mean;
  const runsToResolve = mean > 0 ? Math.ceil(n * (se / target) ** 2) : null;
  return { ms: mean, stdErrMs: se, runs: n, estimator: 'mean', resolved: mean > 0 && se <= target, runsToResolve };
}

/** Per-run samples in ms (null: no sample that run); quantumMs > 1 ns picks the mean. */
export function estimateTime(values: readonly (number | null | undefined)[], quantumMs: number | null): TimeEstimate | null {
  return quantumMs !== null && quantumMs > 1e-6 ? meanEstimate(values, quantumMs) : medianEstimate(values);
}
