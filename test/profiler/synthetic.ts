// Synthetic timestamps for the estimator tests: passes of known durations, started at a random
// phase per run, as a GPU does against a browser's timestamp quantum.
import { quantizeStamps } from '../../src/profiler/quantum.js';
import { relativeTimes, type PassTimes } from '../../src/profiler/timestamps.js';

/** Deterministic uniform [0, 1) generator. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticRuns {
  /** Raw stamps per run, as read (unquantized). */
  raw: BigInt64Array[];
  /** The true durations per run (ns), jitter included. */
  truth: number[][];
}

/**
 * Runs of back-to-back passes with the given mean durations (ns), each with multiplicative
 * jitter (uniform ±jitter) and a gap of gapNs between passes; each run starts at a random time.
 */
export function syntheticRuns(durationsNs: number[], runs: number, rand: () => number, jitter = 0.1, gapNs = 1_000): SyntheticRuns {
  const raw: BigInt64Array[] = [];
  const truth: number[][] = [];
  for (let r = 0; r < runs; r++) {
    const stamps = new BigInt64Array(2 * durationsNs.length);
    let t = 2n ** 50n + BigInt(Math.floor(rand() * 1e12));
    const ds = durationsNs.map((d) => Math.max(1, Math.round(d * (1 + jitter * (2 * rand() - 1)))));
    ds.forEach((d, i) => {
      stamps[2 * i] = t;
      stamps[2 * i + 1] = t += BigInt(d);
      t += BigInt(gapNs);
    });
    raw.push(stamps);
    truth.push(ds);
  }
  return { raw, truth };
}

/** The runs as a quantizing browser would hand them over (a copy; raw stays as it was). */
export function quantizedTimes(s: SyntheticRuns, quantumNs: number | null): PassTimes[] {
  return s.raw.map((r) => {
    const copy = r.slice();
    if (quantumNs) quantizeStamps(copy, quantumNs);
    return relativeTimes(copy, r.length / 2);
  });
}
