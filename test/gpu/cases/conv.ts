// Page side of the conv kernel tests: one-node conv2d graphs with seeded inputs, run on the
// engine and checked against the CPU reference; plus timestamped timings at real shapes.
import { getDevice } from '../device';
import { runReference } from '../../../src/reference/registry';
import { compare, tensor, type ErrorStats, type Tensor } from '../../../src/reference/tensor';
import { Engine } from '../../../src/runtime/engine';
import { keyString } from '../../../src/runtime/kernel';
import { buildConv, type BuiltConv, type ConvSpec } from './conv-graph';

export type { ConvSpec } from './conv-graph';

function reference(built: BuiltConv): Tensor {
  const feeds: Record<string, Tensor> = {};
  for (const name of built.graph.inputs) feeds[name] = tensor(built.graph.tensors.get(name)!.shape, built.feeds[name]);
  return runReference(built.graph, feeds).outputs.get('y')!;
}

export interface ConvResult {
  kernel: string;
  key: string;
  shape: number[];
  stats: ErrorStats;
}

export async function convCase(s: ConvSpec): Promise<ConvResult> {
  const { device } = await getDevice();
  const built = buildConv(s);
  const engine = await Engine.create(device, built.graph, { mode: 'pool' });
  try {
    const out = await engine.run(built.feeds);
    const ref = reference(built);
    const key = engine.dispatches[0].spec.key;
    return { kernel: key.kernel, key: keyString(key), shape: ref.shape, stats: compare(out.y, ref.data) };
  } finally {
    engine.destroy();
  }
}

export interface ConvTiming {
  key: string;
  /** Sorted GPU times of the node's dispatches, one per inference, in ms. */
  ms: number[];
}

/** GPU time of the node's dispatches (timestamp queries), over `reps` inferences after a warm-up. */
export async function convTiming(s: ConvSpec, reps: number, mode: 'arena' | 'pool' = 'arena'): Promise<ConvTiming> {
  const { device } = await getDevice();
  const built = buildConv(s);
  const engine = await Engine.create(device, built.graph, { mode });
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
