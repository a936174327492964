// Page side of the misc-kernel tests: one-node graphs (misc-cases.ts) run on the engine and
// compared with the CPU reference, plus timestamped timings at the network's shapes.
import { getDevice } from '../device';
import { acquireDevice } from '../../../src/runtime/device';
import { compare, type ErrorStats } from '../../../src/reference/tensor';
import { Engine } from '../../../src/runtime/engine';
import { keyString } from '../../../src/runtime/kernel';
import { buildCase, referenceOutput, type MiscCase } from './misc-cases';

export interface MiscResult {
  kernel: string;
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
  const engine = await Engine.create(device, built.graph, { mode: 'pool' });
  try {
    const out = await engine.run(built.feeds);
    const ref = referenceOutput(built);
    const key = engine.dispatches[0].spec.key;
    return { kernel: key.kernel, key: keyString(key), shape: ref.shape, stats: compare(out[built.output], ref.data) };
  } finally {
    engine.destroy();
    if (own) device.destroy();
  }
}

export interface MiscTiming {
  key: string;
  /** Sorted GPU times of the node's dispatches, one per inference, in ms. */
  ms: number[];
}

/** GPU time of the node's dispatches (timestamp queries), over `reps` inferences after a warm-up. */
export async function miscTiming(c: MiscCase, reps: number): Promise<MiscTiming> {
  const { device } = await getDevice();
  const built = buildCase(c);
  const engine = await Engine.create(device, built.graph, { mode: 'arena' });
  const n = engine.dispatches.length;
  const querySet = device.createQuerySet({ type: 'timestamp', count: 2 * n });
  const resolve = device.createBuffer({ size: 16 * n, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
  const read = device.createBuffer({ size: 16 * n, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const hooks = {
    timestampWrites: (d: number) => ({ querySet, beginningOfPassWriteIndex: 2 * d, endOfPassWriteIndex: 2 * d + 1 }),
    afterDispatches: (enc: GPUCommandEncoder) => {
      enc.resolveQuerySet(querySet, 0, 2 * n, resolve, 0);
      enc.copyBufferToBuffer(resolve, 0, read, 0, 16 * n);
    },
  };
  const ms: number[] = [];
  try {
    await engine.submit(built.feeds);
    for (let r = 0; r < reps; r++) {
      await engine.submit(built.feeds, hooks);
      await read.mapAsync(GPUMapMode.READ);
      const t = new BigUint64Array(read.getMappedRange().slice(0));
      read.unmap();
      let total = 0;
      for (let d = 0; d < n; d++) total += Number(t[2 * d + 1] - t[2 * d]) / 1e6;
      ms.push(total);
    }
    return { key: keyString(engine.dispatches[0].spec.key), ms: ms.sort((a, b) => a - b) };
  } finally {
    engine.destroy();
    querySet.destroy();
    resolve.destroy();
    read.destroy();
  }
}
