// Cost of profiling: the same engine submitted with and without timestamp queries, the two
// interleaved (ABBA order) so drift in a noisy machine hits both alike.
import type { Engine } from '../runtime/engine.js';
import { summarize, type Summary } from '../util/stats.js';
import { TimestampQuery } from './timestamps.js';

export interface OverheadMeasurement {
  /** False when the device has no timestamp queries: there is nothing to compare. */
  supported: boolean;
  pairs: number;
  /** Wall time of one inference: encode, submit, GPU done, and for timed runs the timestamp readback. */
  timedWallMs: Summary | null;
  untimedWallMs: Summary | null;
  /** Timed runs up to GPU done, without the timestamp readback. */
  timedSubmitWallMs: Summary | null;
  /** median(timed) / median(untimed); null when either side has no sample. */
  ratio: number | null;
  /** The same without the readback: what the queries themselves cost. */
  submitOnlyRatio: number | null;
}

export async function measureOverhead(engine: Engine, feeds: Record<string, Float32Array>, pairs: number): Promise<OverheadMeasurement> {
  const tq = new TimestampQuery(engine.device, engine.dispatches.length);
  if (!tq.supported) return { supported: false, pairs: 0, timedWallMs: null, untimedWallMs: null, timedSubmitWallMs: null, ratio: null, submitOnlyRatio: null };
  await tq.ready();
  const timed: number[] = [];
  const timedSubmit: number[] = [];
  const untimed: number[] = [];
  const once = async (withTimestamps: boolean): Promise<void> => {
    const t0 = performance.now();
    if (withTimestamps) {
      await engine.submit(feeds, { timestampWrites: (d) => tq.passWrites(d), afterDispatches: (e) => tq.resolve(e) });
      timedSubmit.push(performance.now() - t0);
      await tq.read();
      timed.push(performance.now() - t0);
    } else {
      await engine.submit(feeds);
      untimed.push(performance.now() - t0);
    }
  };
  try {
    for (let i = 0; i < pairs; i++) {
      const first = i % 2 === 0;
      await once(first);
      await once(!first);
    }
  } finally {
    tq.destroy();
  }
  const t = summarize(timed);
  const u = summarize(untimed);
  const s = summarize(timedSubmit);
  const ratio = (x: Summary | null): number | null => (x && u ? x.median / u.median : null);
  return { supported: true, pairs, timedWallMs: t, untimedWallMs: u, timedSubmitWallMs: s, ratio: ratio(t), submitOnlyRatio: ratio(s) };
}
