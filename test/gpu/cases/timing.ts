// GPU time of one engine's dispatches with timestamp queries, for kernel variant comparisons.
import { keyString } from '../../../src/runtime/kernel';
import type { Engine } from '../../../src/runtime/engine';

export interface KernelTiming {
  key: string;
  /** Sorted GPU times of the engine's dispatches, one sum per inference, in ms. */
  ms: number[];
}

/** One warm-up inference, then `reps` timed ones; the query buffers are released whatever happens. */
export async function timeDispatches(engine: Engine, feeds: Record<string, Float32Array>, reps: number): Promise<KernelTiming> {
  const device = engine.device;
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
    await engine.submit(feeds);
    for (let r = 0; r < reps; r++) {
      await engine.submit(feeds, hooks);
      await read.mapAsync(GPUMapMode.READ);
      const t = new BigUint64Array(read.getMappedRange().slice(0));
      read.unmap();
      let total = 0;
      for (let d = 0; d < n; d++) total += Number(t[2 * d + 1] - t[2 * d]) / 1e6;
      ms.push(total);
    }
    return { key: keyString(engine.dispatches[0].spec.key), ms: ms.sort((a, b) => a - b) };
  } finally {
    querySet.destroy();
    resolve.destroy();
    read.destroy();
  }
}
