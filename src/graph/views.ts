// Tensors that live inside another tensor (TensorInfo.view): resolution to the tensor that owns
// the memory, read alike by the planner, the analysis and the kernels.
import { attrNumber, numel, type Graph, type Node } from './ir.js';

export interface ViewRoot {
  /** The tensor that owns the memory (itself when the tensor is no view). */
  root: string;
  /** Element offset of the tensor inside root. */
  offset: number;
}

export function viewRoot(g: Graph, name: string): ViewRoot {
  let root = name;
  let offset = 0;
  for (let view = g.tensors.get(root)?.view; view; view = g.tensors.get(root)?.view) {
    offset += view.offset;
    root = view.of;
  }
  return { root, offset };
}

export const isView = (g: Graph, name: string): boolean => g.tensors.get(name)?.view !== undefined;

/** A concat whose output is its inputs laid end to end (every axis before `axis` has size 1). */
export function isFlatConcat(g: Graph, node: Node): boolean {
  if (node.op !== 'concat' || node.attrs.prescale) return false;
  const shape = g.tensors.get(node.outputs[0])!.shape;
  return numel(shape.slice(0, attrNumber(node.attrs, 'axis'))) === 1;
}

/** Element offset of each input of a concat along its flat output (meaningful for flat concats). */
export function concatOffsets(g: Graph, node: Node): number[] {
  let at = 0;
  return node.inputs.map((t) => {
    const o = at;
    at += numel(g.tensors.get(t)!.shape);
    return o;
  });
}

/** Whether concat input `i` already sits where the concat would copy it (no copy needed). */
export function concatPartInPlace(g: Graph, node: Node, i: number): boolean {
  const part = viewRoot(g, node.inputs[i]);
  const out = viewRoot(g, node.outputs[0]);
  return isFlatConcat(g, node) && isView(g, node.inputs[i]) && part.root === out.root && part.offset === out.offset + concatOffsets(g, node)[i];
}
