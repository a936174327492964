// Interleaved timing of one conv node's variants: one engine per variant, built once, then
// rounds that run every variant in turn, so machine noise hits all candidates alike.
import { getDevice } from '../device';
import { Engine } from '../../../src/runtime/engine';
import { timeDispatches } from './timing';
import { buildConv, type ConvSpec } from './conv-graph';

export interface VariantTiming {
  variant: string;
  key: string;
  /** Median GPU ms of each round (sorted). */
  ms: number[];
}

export async function convVariantTimings(s: ConvSpec, variants: string[], rounds: number, reps: number): Promise<VariantTiming[]> {
  const { device } = await getDevice();
  const built = buildConv(s);
  const engines = await Promise.all(variants.map((v) => Engine.create(device, built.graph, { mode: 'arena', chooseVariant: () => v })));
  const out = variants.map((variant) => ({ variant, key: '', ms: [] as number[] }));
  try {
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < engines.length; i++) {
        const t = await timeDispatches(engines[i], built.feeds, reps);
        out[i].key = t.key;
        out[i].ms.push(t.ms[Math.floor(t.ms.length / 2)]);
      }
    }
    for (const o of out) o.ms.sort((a, b) => a - b);
    return out;
  } finally {
    for (const e of engines) e.destroy();
  }
}
