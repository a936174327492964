// The choice among timed candidates: the lowest median wins; a candidate that failed to compile,
// validate or run is never chosen. Pure, so it is tested with made-up timings.

export interface CandidateTiming {
  name: string;
  /** Median GPU time in ms over the timed runs; null when it failed. */
  ms: number | null;
  /** Every timed run, ms. */
  samplesMs: number[];
  /** Why it could not be timed. */
  error?: string;
}

export function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The fastest candidate that ran; ties keep the earlier (the kernel's preference order). null when none ran. */
export function pickFastest(timings: readonly CandidateTiming[]): string | null {
  let best: CandidateTiming | null = null;
  for (const t of timings) if (t.ms !== null && !t.error && (best === null || t.ms < best.ms!)) best = t;
  return best?.name ?? null;
}
