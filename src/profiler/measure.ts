// Measures one engine (one graph, one assignment mode): a first run that yields the outputs
// and the memory timeline, then warm-up runs, then timed repetitions: more of them when the
// stamps so far turn out quantized, since the mean of quantized spans needs many runs (each
// started at a random phase of the quantum, see dither.ts).
import type { Engine, RunHooks } from '../runtime/engine.js';
import type { LedgerScope } from './buffer-ledger.js';
import { MemoryRecorder, type MemoryTimeline } from './memory-timeline.js';
import { QuantumDetector, type QuantumDetection } from './quantum.js';
import { TimestampQuery, type PassTimes } from './timestamps.js';
import { residentWeights, type ResidentWeights } from './weights.js';
import { ditherPhase } from './dither.js';

export type TimingSource = 'timestamp-query' | 'wall-clock';

export interface MeasureOptions {
  reps: number;
  /** Runs before the timed ones; the first run (outputs, timeline) always counts as one. */
  warmup: number;
  /** Use timestamp queries when the device has them (false forces the wall-clock path). */
  timestamps: boolean;
  /** Buffers created since the measurement began (physical bytes). */
  scope: LedgerScope;
  /** Rounds every raw stamp down to a multiple of this many ns right after readback (null: as read). */
  emulateQuantumNs?: number | null;
  /** Sees every stamp; one detector for a whole sweep knows the quantum from the first engine on. Default: one per call. */
  detector?: QuantumDetector;
  /** Timed repetitions when the stamps are quantized (at least reps; default reps). */
  quantizedReps?: number;
  onStep?(phase: 'warmup' | 'rep', index: number, total: number): void;
}

export interface EngineMeasurement {
  timing: TimingSource;
  /** Outputs of the first run, for the correctness check. */
  outputs: Record<string, Float32Array>;
  memory: MemoryTimeline;
  weights: ResidentWeights;
  /** Timestamps of each timed repetition, with its wall time; empty on the wall-clock path. */
  runs: PassTimes[];
  /** What the detector knew after the last run (the whole sweep's stamps when it was shared). */
  quantum: QuantumDetection;
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

/** The requested repetitions, or quantizedReps once the stamps seen so far share a confirmed quantum. */
function timedReps(opts: MeasureOptions, detector: QuantumDetector): number {
  const quantized = (detector.result().quantumNs ?? 1) > 1;
  return quantized ? Math.max(opts.reps, opts.quantizedReps ?? opts.reps) : opts.reps;
}

export async function measureEngine(engine: Engine, feeds: Record<string, Float32Array>, opts: MeasureOptions): Promise<EngineMeasurement> {
  const detector = opts.detector ?? new QuantumDetector();
  const tq = new TimestampQuery(engine.device, engine.dispatches.length, { enabled: opts.timestamps, emulateQuantumNs: opts.emulateQuantumNs, onRaw: (raw) => detector.add(raw) });
  try {
    await tq.ready();
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
    // Re-read after every run: a graph of one or two dispatches confirms the quantum only after a few.
    let reps = timedReps(opts, detector);
    for (let i = 1; i <= reps; i++) {
      opts.onStep?.('rep', i, reps);
      ditherPhase(detector.result().quantumNs);
      const r = await timedSubmit(engine, feeds, tq);
      if (r.times) runs.push({ ...r.times, wallMs: r.wallMs });
      wallMs.push(r.wallMs);
      reps = timedReps(opts, detector);
    }
    const timing: TimingSource = tq.supported ? 'timestamp-query' : 'wall-clock';
    return { timing, outputs, memory: recorder.result(), weights, runs, quantum: detector.result(), wallMs, querySetBytes: tq.querySetBytes };
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
