// Page side of the misc-kernel tests: one-node graphs (misc-cases.ts) run on the engine and
// compared with the CPU reference, plus timestamped timings at the network's shapes.
import { getDevice } from '../device';
import { acquireDevice } from '../../../src/runtime/device';
import { compare, type ErrorStats } from '../../../src/reference/tensor';
import { Engine } from '../../../src/runtime/engine';
import { keyString } from '../../../src/runtime/kernel';
import { timeDispatches, type KernelTiming } from './timing';
import { buildCase, referenceOutput, type MiscCase } from './misc-cases';

export interface MiscResult {
  kernel: string;
  variant?: string;
  /** The variants the kernel offered for this node. */
  candidates: string[];
  key: string;
  shape: number[];
  stats: ErrorStats;
}

export interface MiscOptions {
  /** Run on a separate device without the subgroups feature (exercises the fallback paths). */
  noSubgroups?: boolean;
}

async function deviceFor(opts: MiscOptions): Promise<{ device: GPUDevice; own: boolean }> {
  if (!opts.noSubgroups) return { device: (await getDevice()).device, own: false };
  const h = await acquireDevice({ wantFeatures: ['timestamp-query'] });
  if (h.device.features.has('subgroups')) throw new Error('asked for a device without subgroups, got one with them');
  return { device: h.device, own: true };
}

export async function miscCase(c: MiscCase, opts: MiscOptions = {}): Promise<MiscResult> {
  const { device, own } = await deviceFor(opts);
  const built = buildCase(c);
  const variant = c.variant;
  const engine = await Engine.create(device, built.graph, { mode: 'pool', chooseVariant: variant === undefined ? undefined : () => variant });
  try {
    const out = await engine.run(built.feeds);
    const ref = referenceOutput(built);
    const d = engine.dispatches[0];
    const key = d.spec.key;
    return { kernel: d.kernel, variant: d.variant, candidates: d.candidates, key: keyString(key), shape: ref.shape, stats: compare(out[built.output], ref.data) };
  } finally {
    engine.destroy();
    if (own) device.destroy();
  }
}

export type MiscTiming = KernelTiming;

/** GPU time of the node's dispatches (timestamp queries), over `reps` inferences after a warm-up. */
export async function miscTiming(c: MiscCase, reps: number): Promise<MiscTiming> {
  const { device } = await getDevice();
  const built = buildCase(c);
  const variant = c.variant;
  const engine = await Engine.create(device, built.graph, { mode: 'arena', chooseVariant: variant === undefined ? undefined : () => variant });
  try {
    return await timeDispatches(engine, built.feeds, reps);
  } finally {
    engine.destroy();
  }
}
