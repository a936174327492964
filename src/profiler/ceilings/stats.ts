// Stability of repeated timings, on top of the profiler's order statistics.
import { summarize } from '../stats.js';

export interface Stable {
  median: number;
  /** (p90 - p10) / median: 0 for identical repeats, about 0.1 for ±5 % jitter. */
  spread: number;
  min: number;
  max: number;
  count: number;
}

/** Statistics of positive, finite samples; throws when none are usable. */
export function stable(values: readonly number[], what: string): Stable {
  const s = summarize(values);
  if (!s) throw new Error(`no usable samples for ${what}: ${values.join(', ')}`);
  const ok = values.filter((v) => Number.isFinite(v) && v > 0);
  return { median: s.median, spread: (s.p90 - s.p10) / s.median, min: Math.min(...ok), max: Math.max(...ok), count: ok.length };
}

export function median(values: readonly number[]): number {
  return summarize(values)?.median ?? NaN;
}
