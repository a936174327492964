// Page side of the ceiling tests: microbenchmarks on the shared device, and the roofline
// of a timed network run (test code is where measurements and the model may meet).
import { getDevice } from '../device';
import { getCeilings, measureCeilings, QUICK_CEILING_OPTIONS, type DeviceCeilings, type KeyValueStore, type MeasureOptions } from '../../../src/profiler/ceilings/index';
import { TimestampQuery, type PassTimes } from '../../../src/profiler/timestamps';
import { aggregateTimes } from '../../../src/profiler/aggregate';
import { layerRoofline, nodeTimings, rooflineCeilings, rooflineForGraph } from '../../../src/analysis/roofline/index';
import { jeongwonnet } from '../../../src/graph/jeongwonnet';
import { seededUniform } from '../../../src/graph/rng';
import { optimize } from '../../../src/passes/index';
import { Engine } from '../../../src/runtime/engine';

export async function quickCeilings(overrides: MeasureOptions = {}): Promise<DeviceCeilings> {
  const h = await getDevice();
  return measureCeilings(h.device, h.adapterInfo, { ...QUICK_CEILING_OPTIONS, ...overrides });
}

/** The full default measurement (about half a minute on SwiftShader). */
export async function fullCeilings(overrides: MeasureOptions = {}): Promise<DeviceCeilings> {
  const h = await getDevice();
  return measureCeilings(h.device, h.adapterInfo, overrides);
}

function memoryStore(): KeyValueStore & { keys(): string[] } {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
    keys: () => [...m.keys()],
  };
}

/** Measures, then reads back from the cache, then forces a re-measurement. */
export async function cacheRoundTrip(): Promise<{ first: boolean; second: boolean; forced: boolean; sameKey: boolean; keys: string[] }> {
  const h = await getDevice();
  const store = memoryStore();
  const opts = { ...QUICK_CEILING_OPTIONS, kinds: ['read' as const], maxBytes: 64 * 1024, repeats: 2, fmaTargetMs: 1, fmaInvocations: 1024, store };
  const a = await getCeilings(h, opts);
  const b = await getCeilings(h, opts);
  const c = await getCeilings(h, { ...opts, force: true });
  return { first: a.fromCache, second: b.fromCache, forced: c.fromCache, sameKey: a.key === b.key && b.key === c.key, keys: store.keys() };
}

/** Roofline entries for every node of a small timed network run, against given ceilings. */
export async function networkRoofline(ceilings: DeviceCeilings, size = 64, reps = 3) {
  const { device } = await getDevice();
  const g = optimize(jeongwonnet({ size, seed: 1 }));
  const engine = await Engine.create(device, g, { mode: 'arena' });
  const tq = new TimestampQuery(device, engine.dispatches.length);
  try {
    const feeds = { input: seededUniform(3, 'input', 3 * size * size, 1) };
    await engine.submit(feeds);
    const runs: PassTimes[] = [];
    for (let r = 0; r < reps; r++) {
      await engine.submit(feeds, { timestampWrites: (d) => tq.passWrites(d), afterDispatches: (enc) => tq.resolve(enc) });
      const t = await tq.read();
      if (t) runs.push(t);
    }
    const agg = aggregateTimes(engine.dispatches, runs);
    const nodeMs = new Map(agg.nodes.map((n) => [n.name, n.gpuTimeMs?.median ?? null]));
    const timings = nodeTimings(engine.dispatches, nodeMs);
    const entries = rooflineForGraph(g, rooflineCeilings(ceilings), timings, { parallelUnits: navigator.hardwareConcurrency });
    return {
      timed: runs.length,
      dispatchNodes: engine.dispatches.map((d) => d.node.name),
      entries,
      layers: layerRoofline(entries),
    };
  } finally {
    tq.destroy();
    engine.destroy();
  }
}
