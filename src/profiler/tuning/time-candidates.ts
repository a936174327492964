// Times one node's variants: each candidate runs the node alone (a one-node graph with the
// node's own weights), all engines alive at once, and the runs interleave candidate by candidate
// so drift on a shared machine falls on every candidate alike. Timestamp queries when the device
// has them (the span of the node's dispatches), else the submit's wall clock. A candidate far
// behind after the first round (stillRacing; never the default) keeps its one run and is not
// timed again.
import { numel, type Graph, type Node, type TensorInfo } from '../../graph/ir.js';
import { Engine } from '../../runtime/engine.js';
import { DeviceLostError } from '../../runtime/errors.js';
import type { PipelineCache } from '../../runtime/pipelines.js';
import { TimestampQuery } from '../timestamps.js';
import { median, stillRacing, type CandidateTiming } from './pick.js';

export interface CandidateRunOptions {
  /** Timed runs per candidate, after one warm-up run each. */
  runs: number;
  timestamps: boolean;
  pipelines?: PipelineCache;
  /** performance.now() after which no further round starts (the ones done still count). */
  deadline?: number;
}

/** The node alone: its activation inputs become graph inputs, its weights stay weights. */
export function nodeGraph(graph: Graph, node: Node): Graph {
  const tensors = new Map<string, TensorInfo>();
  const inputs: string[] = [];
  for (const t of node.inputs) {
    const info = graph.tensors.get(t);
    if (!info || tensors.has(t)) continue;
    const weight = info.role === 'weight' && info.data;
    tensors.set(t, weight ? info : { ...info, role: 'input', data: undefined });
    if (!weight) inputs.push(t);
  }
  for (const t of node.outputs) tensors.set(t, { ...graph.tensors.get(t)!, role: 'output', data: undefined });
  return { tensors, nodes: [node], inputs, outputs: [...node.outputs] };
}

/** Deterministic values in [-1, 1): timing must not depend on zeros or denormals. */
function feedsOf(g: Graph): Record<string, Float32Array> {
  const out: Record<string, Float32Array> = {};
  for (const name of g.inputs) {
    const a = new Float32Array(numel(g.tensors.get(name)!.shape));
    for (let i = 0; i < a.length; i++) a[i] = ((i * 2654435761) % 2048) / 1024 - 1;
    out[name] = a;
  }
  return out;
}

interface Live {
  name: string;
  engine?: Engine;
  tq?: TimestampQuery;
  samples: number[];
  error?: string;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0];

async function runOnce(c: Live, feeds: Record<string, Float32Array>): Promise<number> {
  const engine = c.engine!;
  const tq = c.tq!;
  const t0 = { at: 0 };
  await engine.submit(feeds, {
    timestampWrites: (d) => tq.passWrites(d),
    afterDispatches: (enc) => {
      tq.resolve(enc);
      t0.at = performance.now();
    },
  });
  const wall = performance.now() - t0.at;
  const times = await tq.read();
  if (!times) return wall;
  const begins = times.beginNs.filter((x): x is number => x !== null);
  const ends = times.endNs.filter((x): x is number => x !== null);
  return begins.length && ends.length ? (Math.max(...ends) - Math.min(...begins)) / 1e6 : wall;
}

/** Marks the candidate failed unless the device itself is gone (then nothing else can run). */
async function guarded(c: Live, fn: () => Promise<void>): Promise<void> {
  if (c.error) return;
  try {
    await fn();
  } catch (e) {
    if (e instanceof DeviceLostError) throw e;
    c.error = message(e);
  }
}

export async function timeCandidates(device: GPUDevice, graph: Graph, node: Node, candidates: readonly string[], o: CandidateRunOptions): Promise<CandidateTiming[]> {
  const g = nodeGraph(graph, node);
  const feeds = feedsOf(g);
  const live: Live[] = candidates.map((name) => ({ name, samples: [] }));
  try {
    for (const c of live) {
      if (o.deadline !== undefined && performance.now() > o.deadline && live.some((x) => x.engine)) {
        c.error = 'not timed: the tuning budget ran out while compiling the candidates';
        continue;
      }
      await guarded(c, async () => {
        c.engine = await Engine.create(device, g, { mode: 'arena', pipelines: o.pipelines, chooseVariant: () => c.name });
        c.tq = new TimestampQuery(device, c.engine.dispatches.length, { enabled: o.timestamps });
        await c.tq.ready();
        await runOnce(c, feeds); // warm-up: first-use costs stay out of the samples
      });
    }
    let racing = live;
    for (let r = 0; r < o.runs; r++) {
      if (r > 0 && o.deadline !== undefined && performance.now() > o.deadline) break;
      for (const c of racing) await guarded(c, async () => void c.samples.push(await runOnce(c, feeds)));
      // Far behind after one run: keep that run as the candidate's time and stop timing it.
      if (r === 0) {
        const keep = stillRacing(new Map(live.filter((c) => !c.error && c.samples.length).map((c) => [c.name, c.samples[0]])), candidates[0]);
        racing = live.filter((c) => keep.has(c.name));
      }
    }
  } finally {
    for (const c of live) {
      c.tq?.destroy();
      c.engine?.destroy();
    }
  }
  return live.map((c) => ({ name: c.name, ms: c.error ? null : median(c.samples), samplesMs: c.samples, ...(c.error ? { error: c.error } : {}) }));
}
