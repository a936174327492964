// Order statistics for repeated measurements. Quantiles interpolate linearly between
// order statistics (numpy's default), so small samples still give distinct p10/p90.

export interface Summary {
  median: number;
  p10: number;
  p90: number;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) throw new Error('quantile of an empty sample');
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Median, p10 and p90 of the finite, positive values; null when none are left. A zero or
 * negative duration means a missing or broken timestamp, never a real time, so it is dropped.
 */
export function summarize(values: readonly (number | null | undefined)[]): Summary | null {
  const ok = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0);
  if (!ok.length) return null;
  const s = [...ok].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p10: quantile(s, 0.1), p90: quantile(s, 0.9) };
}

export function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
