// Page side of the conv kernel tests: one-node conv2d graphs with seeded inputs, run on the
// engine and checked against the CPU reference; plus timestamped timings at real shapes.
import { getDevice } from '../device';
import { runReference } from '../../../src/reference/run';
import { compare, tensor, type ErrorStats, type Tensor } from '../../../src/reference/tensor';
import { Engine } from '../../../src/runtime/engine';
import { keyString } from '../../../src/runtime/kernel';
import { timeDispatches, type KernelTiming } from './timing';
import { buildConv, type BuiltConv, type ConvSpec } from './conv-graph';

export type { ConvSpec } from './conv-graph';

function reference(built: BuiltConv): Tensor {
  const feeds: Record<string, Tensor> = {};
  for (const name of built.graph.inputs) feeds[name] = tensor(built.graph.tensors.get(name)!.shape, built.feeds[name]);
  return runReference(built.graph, feeds).outputs.get('y')!;
}

const forced = (s: ConvSpec) => (s.variant ? { chooseVariant: () => s.variant } : {});

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
  const engine = await Engine.create(device, built.graph, { mode: 'pool', ...forced(s) });
  try {
    const out = await engine.run(built.feeds);
    const ref = reference(built);
    const key = engine.dispatches[0].spec.key;
    return { kernel: key.kernel, variant: engine.dispatches[0].variant, key: keyString(key), shape: ref.shape, stats: compare(out.y, ref.data) };
  } finally {
    engine.destroy();
  }
}

export type ConvTiming = KernelTiming;

/** GPU time of the node's dispatches (timestamp queries), over `reps` inferences after a warm-up. */
export async function convTiming(s: ConvSpec, reps: number, mode: 'arena' | 'pool' = 'arena'): Promise<ConvTiming> {
  const { device } = await getDevice();
  const built = buildConv(s);
  const engine = await Engine.create(device, built.graph, { mode, ...forced(s) });
  try {
    return await timeDispatches(engine, built.feeds, reps);
  } finally {
    engine.destroy();
  }
}
