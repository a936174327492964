// Measures one engine (one graph, one assignment mode): a first run that yields the outputs
// and the memory timeline, then warm-up runs, then timed repetitions.
import type { Engine, RunHooks } from '../runtime/engine.js';
import type { LedgerScope } from './buffer-ledger.js';
import { MemoryRecorder, type MemoryTimeline } from './memory-timeline.js';
import { TimestampQuery, type PassTimes } from './timestamps.js';
import { residentWeights, type ResidentWeights } from './weights.js';

export type TimingSource = 'timestamp-query' | 'wall-clock';

export interface MeasureOptions {
  reps: number;
  /** Runs before the timed ones; the first run (outputs, timeline) always counts as one. */
  warmup: number;
  /** Use timestamp queries when the device has them (false forces the wall-clock path). */
  timestamps: boolean;
  /** Buffers created since the measurement began (physical bytes). */
  scope: LedgerScope;
  onStep?(phase: 'warmup' | 'rep', index: number, total: number): void;
}

export interface EngineMeasurement {
  timing: TimingSource;
  /** Outputs of the first run, for the correctness check. */
  outputs: Record<string, Float32Array>;
  memory: MemoryTimeline;
  weights: ResidentWeights;
  /** Timestamps of each timed repetition; empty on the wall-clock path. */
  runs: PassTimes[];
  /** Submit to onSubmittedWorkDone of each timed repetition. */
  wallMs: number[];
  querySetBytes: number;
}

/** Hooks that time one submit: the clock starts once encoding is done, at the submit. */
function timedHooks(tq: TimestampQuery, clock: { start: number }, extra: RunHooks = {}): RunHooks {
  return {
    ...extra,
    timestampWrites: (d) => tq.passWrites(d),
    afterDispatches: (encoder) => {
      tq.resolve(encoder);
      clock.start = performance.now();
    },
  };
}

async function timedSubmit(engine: Engine, feeds: Record<string, Float32Array>, tq: TimestampQuery): Promise<{ times: PassTimes | null; wallMs: number }> {
  const clock = { start: 0 };
  await engine.submit(feeds, timedHooks(tq, clock));
  const wallMs = performance.now() - clock.start;
  return { times: await tq.read(), wallMs };
}

export async function measureEngine(engine: Engine, feeds: Record<string, Float32Array>, opts: MeasureOptions): Promise<EngineMeasurement> {
  const tq = new TimestampQuery(engine.device, engine.dispatches.length, opts.timestamps);
  try {
    const weights = residentWeights(engine);
    const recorder = new MemoryRecorder(weights.bytes, () => opts.scope.liveBytes());
    const warmup = Math.max(1, opts.warmup);
    opts.onStep?.('warmup', 1, warmup);
    const outputs = await engine.run(feeds, timedHooks(tq, { start: 0 }, recorderHooks(recorder)));
    await tq.read();
    for (let i = 2; i <= warmup; i++) {
      opts.onStep?.('warmup', i, warmup);
      await timedSubmit(engine, feeds, tq);
    }
    const runs: PassTimes[] = [];
    const wallMs: number[] = [];
    for (let i = 1; i <= opts.reps; i++) {
      opts.onStep?.('rep', i, opts.reps);
      const r = await timedSubmit(engine, feeds, tq);
      if (r.times) runs.push(r.times);
      wallMs.push(r.wallMs);
    }
    const timing: TimingSource = tq.supported ? 'timestamp-query' : 'wall-clock';
    return { timing, outputs, memory: recorder.result(), weights, runs, wallMs, querySetBytes: tq.querySetBytes };
  } finally {
    tq.destroy();
  }
}

function recorderHooks(r: MemoryRecorder): RunHooks {
  return {
    onAlloc: (t, bytes, d) => r.onAlloc(t, bytes, d),
    onFree: (t, bytes, d) => r.onFree(t, bytes, d),
    beforeDispatch: (d) => r.beforeDispatch(d),
  };
}
