// Tensor lifetimes in node indices, from the execution order.
// Contract (the analysis package computes the same numbers on its own): a non-weight tensor is
// live from its producer's index (graph inputs: 0) to the last node that reads it (graph outputs:
// the last node; a tensor nobody reads: its producer's index), both ends inclusive. A view
// (TensorInfo.view) owns no memory: its interval is folded into the tensor that owns it, which is
// then live from the first producer of any part to the last read of any part.
import { tensorBytes, type Graph } from '../graph/ir.js';
import { viewRoot } from '../graph/views.js';

export interface Lifetime {
  tensor: string;
  first: number;
  last: number;
  bytes: number;
}

/** Lifetimes of the tensors that own memory (views are folded into their owners). */
export function lifetimes(g: Graph): Lifetime[] {
  const own = new Map<string, Lifetime>();
  for (const l of ownLifetimes(g)) {
    const root = viewRoot(g, l.tensor).root;
    const cur = own.get(root);
    if (!cur) own.set(root, { ...l, tensor: root, bytes: tensorBytes(g.tensors.get(root)!) });
    else own.set(root, { ...cur, first: Math.min(cur.first, l.first), last: Math.max(cur.last, l.last) });
  }
  return [...own.values()];
}

function ownLifetimes(g: Graph): Lifetime[] {
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  for (const name of g.inputs) first.set(name, 0);
  g.nodes.forEach((n, i) => {
    for (const t of n.inputs) if (g.tensors.get(t)?.role !== 'weight') last.set(t, i);
    for (const t of n.outputs) if (!first.has(t)) first.set(t, i);
  });
  const end = g.nodes.length - 1;
  for (const o of g.outputs) last.set(o, end);
  return [...first].map(([tensor, f]) => ({
    tensor,
    first: f,
    last: Math.max(f, last.get(tensor) ?? f),
    bytes: tensorBytes(g.tensors.get(tensor)!),
  }));
}

export const overlaps = (a: Lifetime, b: Lifetime): boolean => a.first <= b.last && b.first <= a.last;
