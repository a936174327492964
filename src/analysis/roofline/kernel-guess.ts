// The compute-roof class a node is expected to run under, from its op and attributes alone.
// The results layer knows the class from the dispatch actually used; a prediction for a graph
// that has not run (a what-if variant) needs the same answer without running it.
import { attrInts, attrNumber, type Graph, type Node } from '../../graph/ir.js';

export function expectedKernelClass(node: Node, g: Graph): string | null {
  if (node.op !== 'conv2d') return null;
  const [cout, cinPerGroup, kh, kw] = g.tensors.get(node.inputs[1])!.shape;
  const group = attrNumber(node.attrs, 'group', 1);
  const pads = attrInts(node.attrs, 'pads', [0, 0, 0, 0]);
  const unitStride = attrInts(node.attrs, 'strides', [1, 1]).every((s) => s === 1);
  const undilated = attrInts(node.attrs, 'dilations', [1, 1]).every((d) => d === 1);
  const plain = unitStride && undilated;
  if (plain && group === cout && cinPerGroup === 1 && kh === kw && kh % 2 === 1 && pads.every((p) => p === (kh - 1) / 2)) return `dwconv:k${kh}`;
  if (plain && group === 1 && kh === 1 && kw === 1 && pads.every((p) => p === 0)) return 'pwconv';
  return 'conv2d';
}
