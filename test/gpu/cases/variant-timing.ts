// Page side of variant comparisons: one engine per variant of a one-node graph, timed in
// interleaved rounds (so load on a shared machine hits every variant alike).
import { getDevice } from '../device';
import { Engine } from '../../../src/runtime/engine';
import { timeDispatches } from './timing';
import { buildConv, type ConvSpec } from './conv-graph';
import { buildCase, type MiscCase } from './misc-cases';
import { measureFma } from '../../../src/profiler/ceilings/compute';
import { QUICK_CEILING_OPTIONS } from '../../../src/profiler/ceilings/index';
import { PassTimer } from '../../../src/profiler/ceilings/timer';

export interface VariantTimes {
  /** Per variant: the fastest and the median of the per-round medians, ms. */
  min: Record<string, number>;
  median: Record<string, number>;
  /** The FMA roof (bench_fma), measured once per round in the same page: median GFLOP/s. */
  roofGflops: number;
}

export async function variantTimings(kind: 'conv' | 'misc', spec: ConvSpec | MiscCase, variants: string[], rounds: number, reps: number): Promise<VariantTimes> {
  const { device } = await getDevice();
  const built = kind === 'conv' ? buildConv(spec as ConvSpec) : buildCase(spec as MiscCase);
  const engines = new Map<string, Engine>();
  try {
    for (const v of variants) engines.set(v, await Engine.create(device, built.graph, { mode: 'arena', chooseVariant: () => v }));
    const all: Record<string, number[]> = {};
    const med: Record<string, number[]> = {};
    const roofs: number[] = [];
    const timer = new PassTimer(device, 8);
    for (let r = 0; r < rounds; r++) {
      roofs.push((await measureFma(device, timer, 'f32', { ...QUICK_CEILING_OPTIONS, repeats: 3 })).gflops);
      for (const v of variants) {
        const t = await timeDispatches(engines.get(v)!, built.feeds, reps);
        (all[v] ??= []).push(...t.ms);
        (med[v] ??= []).push(t.ms[Math.floor(t.ms.length / 2)]);
      }
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return {
      min: Object.fromEntries(variants.map((v) => [v, Math.min(...all[v])])),
      median: Object.fromEntries(variants.map((v) => [v, median(med[v])])),
      roofGflops: median(roofs),
    };
  } finally {
    for (const e of engines.values()) e.destroy();
  }
}
