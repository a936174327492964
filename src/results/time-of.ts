// The one number a report, chart or roofline calls a measured time: the timing method's
// estimate (the mean under quantized timestamps, where a median is biased), falling back to the
// median for documents written before estimates were recorded.
import type { Stats } from './common-types.js';
import type { TimeEstimateResult } from './timing-types.js';

export interface Timed {
  gpuTimeMs: Stats | null;
  gpuTime?: TimeEstimateResult | null;
}

export function timeMs(x: Timed | null | undefined): number | null {
  if (!x) return null;
  return x.gpuTime?.ms ?? x.gpuTimeMs?.median ?? null;
}

/** True where the time is a mean of quantized spans (its spread is then a standard error, not p10-p90). */
export function isQuantizedEstimate(x: Timed | null | undefined): boolean {
  return x?.gpuTime?.estimator === 'mean';
}
