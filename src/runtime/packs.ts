// Plan-time weight relayouts. A dispatch may ask for a weight in a kernel-friendly layout
// (DispatchSpec.packs); its binding is renamed to the packed tensor, and the weight store
// uploads the packed data in place of the original when no dispatch still reads that.
import type { Graph } from '../graph/ir.js';
import type { DispatchSpec, WeightPack } from './kernel.js';

export interface PackedWeight {
  source: string;
  pack: WeightPack;
}

export const packedName = (weight: string, tag: string): string => `${weight}|${tag}`;

/** Renames packed bindings in place; returns the packed tensors and the originals still read as written. */
export function applyPacks(specs: DispatchSpec[], graph: Graph): { packed: Map<string, PackedWeight>; unpackedReads: Set<string> } {
  const packed = new Map<string, PackedWeight>();
  const packedSources = new Set<string>();
  for (const spec of specs) {
    for (const [binding, pack] of Object.entries(spec.packs ?? {})) {
      const i = bindingIndex(spec, binding);
      const source = spec.tensors[i];
      if (graph.tensors.get(source)?.role !== 'weight') throw new Error(`${spec.label}: binding '${binding}' packs '${source}', which is not a weight`);
      const name = packedName(source, pack.tag);
      spec.tensors[i] = name;
      packed.set(name, { source, pack });
      packedSources.add(source);
    }
  }
  const unpackedReads = new Set(specs.flatMap((s) => s.tensors).filter((t) => packedSources.has(t)));
  return { packed, unpackedReads };
}

/** Binding names follow the program's declaration order, which `tensors` mirrors. */
function bindingIndex(spec: DispatchSpec, binding: string): number {
  const names = spec.bindingNames ?? [];
  const i = names.indexOf(binding);
  if (i < 0) throw new Error(`${spec.label}: pack for unknown binding '${binding}' (bindings: ${names.join(', ')})`);
  return i;
}

export function packData(graph: Graph, p: PackedWeight): Float32Array {
  const t = graph.tensors.get(p.source)!;
  const out = p.pack.pack(t.data!, t.shape);
  if (out.length !== t.data!.length) throw new Error(`pack '${p.pack.tag}' of '${p.source}' changed its size from ${t.data!.length} to ${out.length} values`);
  return out;
}
