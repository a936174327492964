// The compute-roof class a node is expected to run under, from its op module's rule alone.
// The results layer knows the class from the dispatch actually used; a prediction for a graph
// that has not run (a what-if variant) needs the same answer without running it.
import type { Graph, Node } from '../../graph/ir.js';
import { getOp, hasOp } from '../../ops/registry.js';

export function expectedKernelClass(node: Node, g: Graph): string | null {
  return hasOp(node.op) ? (getOp(node.op).kernelClass?.(node, g) ?? null) : null;
}
