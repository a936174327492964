// Page side of the conv kernel tests: one-node conv2d graphs with seeded inputs, run on the
// engine and checked against the CPU reference; plus timestamped timings at real shapes.
import { getDevice } from '../device';
import { runReference } from '../../../src/reference/run';
import { compare, tensor, type ErrorStats, type Tensor } from '../../../src/reference/tensor';
import { Engine, type VariantChooser } from '../../../src/runtime/engine';
import { keyString } from '../../../src/runtime/kernel';
import { timeDispatches, type KernelTiming } from './timing';
import { buildConv, type BuiltConv, type ConvSpec } from './conv-graph';

export type { ConvSpec } from './conv-graph';

function reference(built: BuiltConv): Tensor {
  const feeds: Record<string, Tensor> = {};
  for (const name of built.graph.inputs) feeds[name] = tensor(built.graph.tensors.get(name)!.shape, built.feeds[name]);
  return runReference(built.graph, feeds).outputs.get('y')!;
}

const forced = (s: ConvSpec): VariantChooser | undefined => (s.variant === undefined ? undefined : () => s.variant);

export interface ConvResult {
  kernel: string;
  variant?: string;
  key: string;
  shape: number[];
  stats: ErrorStats;
}

export async function convCase(s: ConvSpec): Promise<ConvResult> {
  const { device } = await getDevice();
  const built = buildConv(s);
  const engine = await Engine.create(device, built.graph, { mode: 'pool', chooseVariant: forced(s) });
  try {
    const out = await engine.run(built.feeds);
    const ref = reference(built);
    const d = engine.dispatches[0];
    return { kernel: d.kernel, variant: d.variant, key: keyString(d.spec.key), shape: ref.shape, stats: compare(out.y, ref.data) };
  } finally {
    engine.destroy();
  }
}

export type ConvTiming = KernelTiming;

/** GPU time of the node's dispatches (timestamp queries), over `reps` inferences after a warm-up. */
export async function convTiming(s: ConvSpec, reps: number, mode: 'arena' | 'pool' = 'arena'): Promise<ConvTiming> {
  const { device } = await getDevice();
  const built = buildConv(s);
  const engine = await Engine.create(device, built.graph, { mode, chooseVariant: forced(s) });
  try {
    return await timeDispatches(engine, built.feeds, reps);
  } finally {
    engine.destroy();
  }
}

export interface VariantTimings {
  /** Per variant: sorted GPU times (ms) of its rounds. */
  ms: Record<string, number[]>;
  keys: Record<string, string>;
}

/**
 * The same node under each variant, timed interleaved (one inference of each per round, after a
 * warm-up each), so the machine's drift hits every candidate alike.
 */
export async function convVariantTimings(s: ConvSpec, variants: string[], rounds: number): Promise<VariantTimings> {
  const { device } = await getDevice();
  const built = buildConv(s);
  const engines = [];
  try {
    for (const v of variants) engines.push(await Engine.create(device, built.graph, { mode: 'arena', chooseVariant: () => v }));
    const ms: Record<string, number[]> = Object.fromEntries(variants.map((v) => [v, []]));
    const keys: Record<string, string> = {};
    for (let r = 0; r < rounds; r++) {
      for (const [i, v] of variants.entries()) {
        const t = await timeDispatches(engines[i], built.feeds, 1);
        ms[v].push(t.ms[0]);
        keys[v] = t.key;
      }
    }
    for (const v of variants) ms[v].sort((a, b) => a - b);
    return { ms, keys };
  } finally {
    for (const e of engines) e.destroy();
  }
}
