// Reshape clean-up after import: a reshape of a reshape is one reshape, and a reshape to
// the shape it already has is nothing. Each removed node is a full copy pass saved at run time.
import type { Graph, Node } from '../graph/ir.js';
import { hasSingleUse, producer, removeNodes, replaceUses } from './rewrite.js';

export function simplifyReshapes(g: Graph): number {
  const dead = new Set<Node>();
  for (const n of g.nodes) {
    if (n.op !== 'reshape') continue;
    const inner = producer(g, n.inputs[0]);
    if (inner?.op === 'reshape' && !dead.has(inner) && hasSingleUse(g, n.inputs[0])) {
      n.inputs = [inner.inputs[0]];
      dead.add(inner);
    }
    const same = g.tensors.get(n.inputs[0])!.shape.join() === g.tensors.get(n.outputs[0])!.shape.join();
    if (same && !g.outputs.includes(n.outputs[0])) {
      replaceUses(g, n.outputs[0], n.inputs[0]);
      dead.add(n);
    }
  }
  removeNodes(g, dead);
  return dead.size;
}
