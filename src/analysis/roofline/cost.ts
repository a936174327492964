// FLOPs and minimum bytes of one node, from shapes alone.
//
// Conventions (the roofline needs one, and these are the usual ones):
// - a multiply-add is 2 flops; a comparison, add, multiply or divide is 1; a sigmoid is 4
//   (negate, exp, add, divide); a fused ReLU is 1 per output element;
// - attrs.prescale (a per-channel scale applied on read) costs 1 flop per element of input 0;
// - minimum bytes = every distinct input (weights included) read once + every output written
//   once: the traffic no kernel can avoid, so achieved GB/s against it is a lower bound;
// - the working set is the same distinct tensors (what must be resident while the node runs).
// Unknown op kinds cost 0 flops and their inputs + outputs in bytes.
import { attrInts, attrString, numel, type Graph, type Node } from '../../graph/ir.js';

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

const SIGMOID_FLOPS = 4;

type Shapes = (name: string) => number[];

function activationFlops(node: Node, outElems: number): number {
  const act = node.attrs.activation;
  if (act === undefined || act === 'none') return 0;
  return act === 'sigmoid' ? SIGMOID_FLOPS * outElems : outElems;
}

function prescaleFlops(node: Node, shape: Shapes): number {
  return node.attrs.prescale ? numel(shape(node.inputs[0])) : 0;
}

/** Inputs without the trailing prescale tensor. */
function mainInputs(node: Node): string[] {
  return node.attrs.prescale ? node.inputs.slice(0, -1) : node.inputs;
}

function convFlops(node: Node, shape: Shapes, out: number): number {
  const [, w, b] = mainInputs(node);
  const [, cinPerGroup, kh, kw] = shape(w);
  return 2 * out * cinPerGroup * kh * kw + (b ? out : 0);
}

function poolWindow(node: Node): number {
  const [kh, kw] = attrInts(node.attrs, 'kernel');
  return kh * kw;
}

function resizeFlops(node: Node, out: number): number {
  const nearest = attrString(node.attrs, 'mode', 'linear') === 'nearest';
  // Bilinear: 4 taps weighted and summed (4 multiplies + 3 adds) per output.
  return (nearest ? 0 : 7 * out) + (node.op === 'resize_add' ? out : 0);
}

function matmulFlops(node: Node, shape: Shapes, out: number): number {
  const a = shape(node.inputs[0]);
  return 2 * out * a[a.length - 1];
}

function prcmGateFlops(node: Node, shape: Shapes): number {
  const [n, c] = shape(node.inputs[0]);
  const b = shape(node.inputs[1])[0];
  return 2 * n * b * c + 2 * n * c * b + SIGMOID_FLOPS * n * c;
}

/** The op's own arithmetic, before fused activation and prescale. */
function coreFlops(node: Node, shape: Shapes, out: number): number | null {
  const x = numel(shape(node.inputs[0]));
  switch (node.op) {
    case 'conv2d':
      return convFlops(node, shape, out);
    case 'maxpool2d':
      return out * (poolWindow(node) - 1);
    case 'avgpool2d':
      return out * poolWindow(node);
    case 'reduce_mean_hw':
      return x;
    case 'prcm_gate':
      return prcmGateFlops(node, shape);
    case 'prcm':
      return 2 * x + prcmGateFlops(node, shape);
    case 'resize':
    case 'resize_add':
      return resizeFlops(node, out);
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'relu':
      return out;
    case 'sigmoid':
      return SIGMOID_FLOPS * out;
    case 'identity':
      return 0;
    case 'batchnorm':
      // Folded to one multiply-add per element (scale and shift precomputed).
      return 2 * out;
    case 'matmul':
      return matmulFlops(node, shape, out);
    default:
      return null;
  }
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
  const core = coreFlops(node, shape, out);
  const flops = core === null ? 0 : core + activationFlops(node, out) + prescaleFlops(node, shape);
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
    known: core !== null,
  };
}

export function graphCosts(g: Graph, opts: CostOptions = {}): NodeCost[] {
  return g.nodes.map((n) => nodeCost(g, n, opts));
}
