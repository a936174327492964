// Small graph-rewriting utilities shared by the passes.
import type { Graph, Node } from '../graph/ir.js';

export function consumers(g: Graph, tensor: string): Node[] {
  return g.nodes.filter((n) => n.inputs.includes(tensor));
}

export function producer(g: Graph, tensor: string): Node | undefined {
  return g.nodes.find((n) => n.outputs.includes(tensor));
}

/** A tensor that one node reads exactly once and that is not a graph output. */
export function hasSingleUse(g: Graph, tensor: string): boolean {
  if (g.outputs.includes(tensor)) return false;
  let uses = 0;
  for (const n of g.nodes) for (const i of n.inputs) if (i === tensor) uses++;
  return uses === 1;
}

export function replaceUses(g: Graph, from: string, to: string): void {
  for (const n of g.nodes) n.inputs = n.inputs.map((i) => (i === from ? to : i));
}

/** Removes nodes, then tensors nobody reads or writes any more. */
export function removeNodes(g: Graph, dead: Set<Node>): void {
  g.nodes = g.nodes.filter((n) => !dead.has(n));
  pruneTensors(g);
}

export function pruneTensors(g: Graph): void {
  const used = new Set<string>([...g.inputs, ...g.outputs]);
  for (const n of g.nodes) for (const t of [...n.inputs, ...n.outputs]) used.add(t);
  for (const name of [...g.tensors.keys()]) if (!used.has(name)) g.tensors.delete(name);
}
