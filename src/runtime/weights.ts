// All weights in one buffer, uploaded once, each at an aligned offset so it can be bound alone.
// Packed weights (see packs.ts) take the place of their originals when nothing reads those.
import { tensorBytes, type Graph } from '../graph/ir.js';
import type { Slot } from '../plan/index.js';
import { packData, type PackedWeight } from './packs.js';
import type { Allocations } from './allocations.js';

export interface WeightStore {
  buffer: GPUBuffer;
  slots: Map<string, Slot>;
  /** Exact bytes per uploaded tensor (before alignment padding). */
  bytes: Map<string, number>;
}

const roundUp = (x: number, a: number): number => Math.ceil(x / a) * a;

interface Packs {
  packed: Map<string, PackedWeight>;
  unpackedReads: Set<string>;
}

export function uploadWeights(allocs: Allocations, g: Graph, alignment: number, packs: Packs = { packed: new Map(), unpackedReads: new Set() }): WeightStore {
  const packedSources = new Set([...packs.packed.values()].map((p) => p.source));
  const uploads: { name: string; data: () => Float32Array; bytes: number }[] = [];
  for (const t of g.tensors.values()) {
    if (t.role !== 'weight') continue;
    if (!t.data) throw new Error(`weight '${t.name}' has no data`);
    if (packedSources.has(t.name) && !packs.unpackedReads.has(t.name)) continue;
    uploads.push({ name: t.name, data: () => t.data!, bytes: tensorBytes(t) });
  }
  for (const [name, p] of packs.packed) uploads.push({ name, data: () => packData(g, p), bytes: tensorBytes(g.tensors.get(p.source)!) });
  const slots = new Map<string, Slot>();
  const bytes = new Map<string, number>();
  let size = 0;
  for (const u of uploads) {
    slots.set(u.name, { buffer: 0, offset: size, size: roundUp(u.bytes, 16) });
    bytes.set(u.name, u.bytes);
    size += roundUp(Math.max(u.bytes, 16), alignment);
  }
  const what = `the weights buffer (${uploads.length} tensors, each bound alone at an aligned offset)`;
  const hint = 'the model is too large for this device (the weights do not depend on the batch or input size)';
  const buffer = allocs.buffer({ label: 'weights', size: Math.max(size, 16), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST, mappedAtCreation: true }, { what, hint });
  const view = new Float32Array(buffer.getMappedRange());
  for (const u of uploads) {
    view.set(u.data(), slots.get(u.name)!.offset / 4);
  }
  buffer.unmap();
  return { buffer, slots, bytes };
}
