// Page side of the timestamp-quantization tests: one set of real runs read twice, as captured and
// as a quantizing browser would have handed the same stamps over, so the estimator's own error
// shows without run-to-run noise; and a sweep with the quantum emulated.
import { getDevice } from '../device';
import { installBufferTracker } from '../../../src/profiler/buffer-tracker';
import { aggregateTimes, durationsMs, type TimeAggregate } from '../../../src/profiler/aggregate';
import { quantizeStamps, QuantumDetector, type QuantumDetection } from '../../../src/profiler/quantum';
import { relativeTimes, TimestampQuery } from '../../../src/profiler/timestamps';
import { ditherPhase } from '../../../src/profiler/dither';
import { jeongwonnet } from '../../../src/graph/jeongwonnet';
import { seededUniform } from '../../../src/graph/rng';
import { optimize } from '../../../src/passes/index';
import { Engine } from '../../../src/runtime/engine';
import { GraphBuilder } from '../../../src/graph/builder';
import { measureEngine } from '../../../src/profiler/measure';
import { runSweep } from '../../../src/sweep/sweep';
import type { Results, SweepOptions } from '../../../src/results/types';

const tracker = installBufferTracker();

export interface SameRuns {
  runs: number;
  raw: QuantumDetection;
  quantized: QuantumDetection;
  /** Per node: its per-run totals (ms) from the stamps as read and as quantized. */
  nodes: { name: string; asRead: number[]; quantized: number[] }[];
  asRead: Pick<TimeAggregate, 'nodes' | 'endToEndEstimate'>;
  quantizedAgg: Pick<TimeAggregate, 'nodes' | 'endToEndEstimate' | 'sumOfDispatchesEstimate' | 'issues'>;
}

function nodeTotals(engine: Engine, durs: (number | null)[]): Map<string, number> {
  const out = new Map<string, number>();
  engine.dispatches.forEach((d, i) => out.set(d.node.name, (out.get(d.node.name) ?? 0) + (durs[i] ?? NaN)));
  return out;
}

/** `runs` timed runs of the built-in network at b1@size, each run's raw stamps kept. */
export async function sameRunsQuantized(size: number, runs: number, quantumNs: number): Promise<SameRuns> {
  const { device } = await getDevice();
  const engine = await Engine.create(device, optimize(jeongwonnet({ size, seed: 1 })), { mode: 'arena' });
  const raws: BigInt64Array[] = [];
  const tq = new TimestampQuery(device, engine.dispatches.length, { onRaw: (r) => raws.push(r.slice()) });
  try {
    const feeds = { input: seededUniform(3, 'input', 3 * size * size, 1) };
    for (let r = 0; r < runs + 1; r++) {
      ditherPhase(quantumNs);
      await engine.submit(feeds, { timestampWrites: (d) => tq.passWrites(d), afterDispatches: (enc) => tq.resolve(enc) });
      await tq.read();
    }
  } finally {
    tq.destroy();
    engine.destroy();
  }
  const timed = raws.slice(1);
  const passes = engine.dispatches.length;
  const rawDetector = new QuantumDetector();
  const qDetector = new QuantumDetector();
  const asRead = timed.map((r) => relativeTimes(r, passes));
  const quantized = timed.map((r) => {
    rawDetector.add(r);
    const q = r.slice();
    quantizeStamps(q, quantumNs);
    qDetector.add(q);
    return relativeTimes(q, passes);
  });
  const perRunRead = asRead.map((t) => nodeTotals(engine, durationsMs(t)));
  const perRunQ = quantized.map((t) => nodeTotals(engine, durationsMs(t)));
  const names = [...new Set(engine.dispatches.map((d) => d.node.name))];
  const a = aggregateTimes(engine.dispatches, asRead, 1);
  const q = aggregateTimes(engine.dispatches, quantized, qDetector.result().quantumNs);
  return {
    runs: timed.length,
    raw: rawDetector.result(),
    quantized: qDetector.result(),
    nodes: names.map((name) => ({ name, asRead: perRunRead.map((m) => m.get(name)!), quantized: perRunQ.map((m) => m.get(name)!) })),
    asRead: { nodes: a.nodes, endToEndEstimate: a.endToEndEstimate },
    quantizedAgg: { nodes: q.nodes, endToEndEstimate: q.endToEndEstimate, sumOfDispatchesEstimate: q.sumOfDispatchesEstimate, issues: q.issues },
  };
}

export async function quantizedSweep(opts: Partial<SweepOptions>): Promise<Results> {
  return runSweep(opts, { handle: await getDevice(), tracker, host: { host: 'browser', userAgent: navigator.userAgent } });
}

/** One Relu dispatch measured with the quantum emulated: its first run alone gives too few stamps to confirm it. */
export async function oneDispatchQuantized(quantumNs: number, reps: number, quantizedReps: number): Promise<{ runs: number; quantum: QuantumDetection; steps: string[] }> {
  const handle = await getDevice();
  const b = new GraphBuilder();
  b.input('x', [1, 4, 64, 64]);
  b.output(b.node('relu', 'y', ['x'], {}, 'only'));
  const engine = await Engine.create(handle.device, b.build(), { mode: 'arena' });
  const scope = tracker.scope(handle.device);
  const steps: string[] = [];
  try {
    const m = await measureEngine(engine, { x: seededUniform(1, 'x', 4 * 64 * 64, 1) }, { reps, warmup: 1, timestamps: true, scope, emulateQuantumNs: quantumNs, quantizedReps, onStep: (p, i, n) => steps.push(`${p} ${i}/${n}`) });
    return { runs: m.runs.length, quantum: m.quantum, steps };
  } finally {
    engine.destroy();
    scope.close();
  }
}
