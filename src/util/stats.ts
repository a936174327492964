// Order statistics of repeated measurements, the one implementation every layer uses (our
// timings, device ceilings, cache cliffs, onnxruntime-web's timings), so that numbers called
// "median" or "p90" anywhere mean the same thing. Quantiles interpolate linearly between order
// statistics (numpy's default), so small samples still give distinct p10/p90.

export interface Summary {
  median: number;
  p10: number;
  p90: number;
}

/** Samples a statistic may use: finite and positive. A zero or negative duration is a missing or broken timestamp, never a real time. */
export function usableSamples(values: readonly (number | null | undefined)[]): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0);
}

export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) throw new Error('quantile of an empty sample');
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

const ascending = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);

/** Finite and not negative: the samples of quantized durations, where 0 is an honest reading. */
export function nonNegativeSamples(values: readonly (number | null | undefined)[]): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0);
}

/**
 * Median, p10 and p90 of the usable samples; null when none are left. zeroIsSample keeps
 * zeros (quantized durations); by default a zero is a broken measurement and dropped.
 */
export function summarize(values: readonly (number | null | undefined)[], zeroIsSample = false): Summary | null {
  const ok = zeroIsSample ? nonNegativeSamples(values) : usableSamples(values);
  if (!ok.length) return null;
  const s = ascending(ok);
  return { median: quantile(s, 0.5), p10: quantile(s, 0.1), p90: quantile(s, 0.9) };
}

/** Median of the usable samples; NaN when none are left. */
export function median(values: readonly (number | null | undefined)[]): number {
  return summarize(values)?.median ?? NaN;
}

/**
 * Index of the sample that is the median (the lower one of an even count; equal values keep
 * their order): the one real run to show for "the median run". -1 when no sample is usable.
 */
export function medianIndex(values: readonly (number | null | undefined)[]): number {
  const ok = values.flatMap((v, i) => (usableSamples([v]).length ? [{ i, v: v as number }] : []));
  if (!ok.length) return -1;
  ok.sort((a, b) => a.v - b.v);
  return ok[Math.floor((ok.length - 1) / 2)].i;
}

export interface Stable {
  median: number;
  /** (p90 - p10) / median: 0 for identical repeats, about 0.1 for ±5 % jitter. */
  spread: number;
  min: number;
  max: number;
  count: number;
}

/** Median, spread and range of the usable samples; throws when none are usable. */
export function stable(values: readonly number[], what: string): Stable {
  const s = summarize(values);
  if (!s) throw new Error(`no usable samples for ${what}: ${values.join(', ')}`);
  const ok = usableSamples(values);
  return { median: s.median, spread: (s.p90 - s.p10) / s.median, min: Math.min(...ok), max: Math.max(...ok), count: ok.length };
}

/** Mean and sample standard deviation (n - 1); sd is 0 for a single sample. Throws on an empty sample. */
export function meanAndSd(values: readonly number[]): { mean: number; sd: number } {
  if (!values.length) throw new Error('mean of an empty sample');
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (values.length < 2) return { mean, sd: 0 };
  const ss = values.reduce((a, b) => a + (b - mean) ** 2, 0);
  return { mean, sd: Math.sqrt(ss / (values.length - 1)) };
}
