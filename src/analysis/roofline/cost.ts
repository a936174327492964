// FLOPs and minimum bytes of one node, from shapes alone.
//
// Conventions (the roofline needs one, and these are the usual ones; each op module's rule
// follows them):
// - a multiply-add is 2 flops; a comparison, add, multiply or divide is 1; a sigmoid is 4
//   (negate, exp, add, divide); a fused activation costs what its unary op costs;
// - attrs.prescale (a per-channel scale applied on read) costs 1 flop per element of input 0;
// - minimum bytes = every distinct input (weights included) read once + every output written
//   once: the traffic no kernel can avoid, so achieved GB/s against it is a lower bound;
// - the working set is the same distinct tensors (what must be resident while the node runs).
// Unknown op kinds cost 0 flops and their inputs + outputs in bytes.
import { attrString, numel, type Graph, type Node } from '../../graph/ir.js';
import { splitPrescale } from '../../graph/shape.js';
import { getOp, hasOp } from '../../ops/registry.js';
import type { CostArgs } from '../../ops/types.js';

export interface NodeCost {
  node: string;
  op: string;
  layer: string;
  flops: number;
  readBytes: number;
  writeBytes: number;
  /** Part of readBytes that is weights. */
  weightBytes: number;
  /** readBytes + writeBytes. */
  bytes: number;
  workingSetBytes: number;
  /** flops / bytes (0 when nothing is moved). */
  intensity: number;
  /** False when the op kind has no FLOP rule here (flops reported as 0). */
  known: boolean;
}

export interface CostOptions {
  /** Bytes per element of every tensor (default 4, float32; 2 models fp16). */
  bytesPerElement?: number;
}

type Shapes = (name: string) => number[];

/** A fused activation costs what its unary op costs on the output. */
function activationFlops(node: Node, args: CostArgs): number {
  const act = attrString(node.attrs, 'activation', 'none');
  return act === 'none' ? 0 : getOp(act).flops({ ...args, node: { ...node, op: act, attrs: {} }, attrs: {}, inputs: args.outputs });
}

function prescaleFlops(node: Node, shape: Shapes): number {
  return node.attrs.prescale ? numel(shape(node.inputs[0])) : 0;
}

/** The op's own FLOPs plus fused activation and prescale; null when no op module knows the kind. */
function flopsOf(node: Node, shape: Shapes, out: number): number | null {
  if (!hasOp(node.op)) return null;
  const { main } = splitPrescale(node.inputs, node.attrs);
  const args: CostArgs = { node, attrs: node.attrs, inputs: node.inputs.slice(0, main).map(shape), outputs: node.outputs.map(shape), outElems: out };
  return getOp(node.op).flops(args) + activationFlops(node, args) + prescaleFlops(node, shape);
}

export function nodeCost(g: Graph, node: Node, opts: CostOptions = {}): NodeCost {
  const bpe = opts.bytesPerElement ?? 4;
  const shape: Shapes = (name) => {
    const t = g.tensors.get(name);
    if (!t) throw new Error(`node '${node.name}' (${node.op}) uses unknown tensor '${name}'`);
    return t.shape;
  };
  const bytesOf = (name: string) => numel(shape(name)) * bpe;
  const inputs = [...new Set(node.inputs)];
  const outputs = [...new Set(node.outputs)];
  const readBytes = inputs.reduce((a, t) => a + bytesOf(t), 0);
  const writeBytes = outputs.reduce((a, t) => a + bytesOf(t), 0);
  const weightBytes = inputs.filter((t) => g.tensors.get(t)?.role === 'weight').reduce((a, t) => a + bytesOf(t), 0);
  const out = outputs.reduce((a, t) => a + numel(shape(t)), 0);
  const total = flopsOf(node, shape, out);
  const flops = total ?? 0;
  const bytes = readBytes + writeBytes;
  return {
    node: node.name,
    op: node.op,
    layer: node.layer,
    flops,
    readBytes,
    writeBytes,
    weightBytes,
    bytes,
    workingSetBytes: bytes,
    intensity: bytes > 0 ? flops / bytes : 0,
    known: total !== null,
  };
}

export function graphCosts(g: Graph, opts: CostOptions = {}): NodeCost[] {
  return g.nodes.map((n) => nodeCost(g, n, opts));
}
