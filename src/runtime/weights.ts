// All weights in one buffer, uploaded once, each at an aligned offset so it can be bound alone.
import { tensorBytes, type Graph } from '../graph/ir.js';
import type { Slot } from '../plan/index.js';

export interface WeightStore {
  buffer: GPUBuffer;
  slots: Map<string, Slot>;
}

const roundUp = (x: number, a: number): number => Math.ceil(x / a) * a;

export function uploadWeights(device: GPUDevice, g: Graph, alignment: number): WeightStore {
  const slots = new Map<string, Slot>();
  let size = 0;
  const weights = [...g.tensors.values()].filter((t) => t.role === 'weight');
  for (const t of weights) {
    if (!t.data) throw new Error(`weight '${t.name}' has no data`);
    const bytes = tensorBytes(t);
    slots.set(t.name, { buffer: 0, offset: size, size: roundUp(bytes, 16) });
    size += roundUp(Math.max(bytes, 16), alignment);
  }
  const buffer = device.createBuffer({ label: 'weights', size: Math.max(size, 16), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST, mappedAtCreation: true });
  const view = new Float32Array(buffer.getMappedRange());
  for (const t of weights) view.set(t.data!, slots.get(t.name)!.offset / 4);
  buffer.unmap();
  return { buffer, slots };
}
