// Allocations the device itself refuses, past the size pre-check (an unlimited maxBufferSize is
// given to Allocations, so the request reaches the device): the error scopes must catch each and
// name what was asked for. Runs in the page and in the Node host (test/host/node-faults.ts).
import { Allocations } from '../../../src/runtime/allocations';

const message = async (f: () => Promise<unknown>): Promise<string> => {
  try {
    await f();
    return 'no error';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
};

export interface Refusals {
  /** A buffer 4 bytes over maxBufferSize, and what the pre-check says of it. */
  oversized: string;
  preChecked: string;
  /** A query set beyond the 4096 queries WebGPU allows. */
  querySet: string;
  /** The same allocator goes on working after a refusal. */
  afterwards: string;
}

export async function refusedAllocations(device: GPUDevice): Promise<Refusals> {
  const bytes = device.limits.maxBufferSize + 4;
  const unchecked = new Allocations(device, Infinity);
  const oversized = await message(async () => {
    unchecked.buffer({ label: 'huge', size: bytes, usage: GPUBufferUsage.STORAGE }, { what: 'a test buffer' });
    await unchecked.settle();
  });
  const checked = new Allocations(device);
  const preChecked = await message(async () => void checked.buffer({ label: 'huge', size: bytes, usage: GPUBufferUsage.STORAGE }, { what: 'a test buffer' }));
  const querySet = await message(async () => {
    unchecked.querySet({ type: 'timestamp', count: 4097 }, { what: 'a test query set' });
    await unchecked.settle();
  });
  const afterwards = await message(async () => {
    unchecked.buffer({ label: 'small', size: 256, usage: GPUBufferUsage.STORAGE }, { what: 'a small buffer' });
    await unchecked.settle();
  });
  unchecked.destroyAll();
  return { oversized, preChecked, querySet, afterwards };
}
