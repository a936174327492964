// The verdict on one pair of numbers. Times: a change is beyond the run-to-run spread when
// the two runs' p10-p90 intervals do not overlap; a ratio alone says nothing without it, since
// two runs of the same code differ by tens of percent on a shared CPU adapter. Bytes are exact
// counts that do not vary between runs of the same plan, so any difference is a change.
import { isQuantizedEstimate, type Timed } from '../results/time-of.js';
import type { Stats } from '../results/types.js';
import type { BytesDelta, TimeDelta } from './types.js';

export const TIME_RULE = "beyond noise when B's p10-p90 interval (the estimate +- 2 s.e. for a mean of quantized timestamps) lies wholly above A's (slower) or below it (faster)";
export const BYTES_RULE = 'exact counts, so any difference is a change';

/**
 * The interval a time is compared on: p10-p90 of the runs, or, for a mean of quantized spans
 * (whose order statistics are multiples of the quantum), the estimate +- 2 standard errors.
 */
export function comparableTime(x: Timed): Stats | null {
  const e = x.gpuTime;
  if (!isQuantizedEstimate(x) || !e) return x.gpuTimeMs;
  const half = 2 * (e.stdErrMs ?? 0);
  return { median: e.ms, p10: Math.max(0, e.ms - half), p90: e.ms + half };
}

export function timeDelta(a: Stats | null, b: Stats | null): TimeDelta {
  if (!a || !b) return { a, b, ratio: null, ratioRange: null, change: 'missing' };
  const change = b.p10 > a.p90 ? 'slower' : b.p90 < a.p10 ? 'faster' : 'within-noise';
  return { a, b, ratio: b.median / a.median, ratioRange: [b.p10 / a.p90, b.p90 / a.p10], change };
}

export function bytesDelta(a: number | null, b: number | null): BytesDelta {
  if (a === null || b === null) return { a, b, ratio: null, change: 'missing' };
  return { a, b, ratio: a === 0 ? null : b / a, change: b > a ? 'larger' : b < a ? 'smaller' : 'same' };
}

export const beyondNoise = (d: TimeDelta | BytesDelta): boolean => d.change !== 'within-noise' && d.change !== 'same' && d.change !== 'missing';

/** |ln ratio|: a halving and a doubling move as much. */
export const logMagnitude = (ratio: number | null): number => (ratio === null || ratio <= 0 ? 0 : Math.abs(Math.log(ratio)));

/** The largest change beyond noise among the deltas, as |ln ratio|; 0 when none is. */
export function movement(deltas: (TimeDelta | BytesDelta)[]): number {
  return Math.max(0, ...deltas.filter(beyondNoise).map((d) => logMagnitude(d.ratio)));
}

/** Movers first, largest first; then the rest by how far their time ratio strays from 1. */
export function moversFirst<T extends { moved: boolean; movement: number; time: TimeDelta }>(xs: T[]): T[] {
  return [...xs].sort((x, y) => Number(y.moved) - Number(x.moved) || y.movement - x.movement || logMagnitude(y.time.ratio) - logMagnitude(x.time.ratio));
}
