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

/**
 * A candidate whose first timed run takes more than OUT_OF_RACE_FACTOR times the fastest first
 * run, and OUT_OF_RACE_MS more, gets no further runs. On SwiftShader the workgroup-memory tiles
 * run 1.6-7.5x (pwconv) and 6-30x (MatMul) behind the register tiles (pwconv.ts, matmul.ts);
 * more runs of the far ones only spend the budget. The gap in ms keeps short nodes racing: at b1@32 on a
 * loaded machine one run of a sub-ms node was seen 8-20x off its fellows' (same program family),
 * and there further runs cost little anyway.
 */
export const OUT_OF_RACE_FACTOR = 8;
export const OUT_OF_RACE_MS = 10;

/**
 * Names still worth timing after the first round (see OUT_OF_RACE_FACTOR), and `keep` (the
 * kernel's default) whatever its time, so one slow run never drops it.
 */
export function stillRacing(firstRuns: ReadonlyMap<string, number>, keep?: string, factor = OUT_OF_RACE_FACTOR, gapMs = OUT_OF_RACE_MS): Set<string> {
  const fastest = Math.min(...firstRuns.values());
  const racing = (name: string, ms: number) => name === keep || ms <= fastest * factor || ms - fastest <= gapMs;
  return new Set([...firstRuns].filter(([name, ms]) => racing(name, ms)).map(([name]) => name));
}
