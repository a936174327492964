// conv2d: grouped, strided, padded, dilated 2-D convolution of NCHW input with OIHW weights and
// an optional bias (and the 1-D form: NCL input, OIL weights, H = 1); may carry a fused
// residual Add and activation (any unary kind, see unary/epilogue.ts) and a per-input-channel
// prescale.
import { attrInts, attrNumber, numel, type Graph, type Node } from '../../graph/ir.js';
import { check, splitResidual } from '../../graph/shape.js';
import { A } from '../../onnx/writer.js';
import type { ImportContext } from '../../onnx/context.js';
import type { NodeWriter } from '../../onnx/node-writer.js';
import { resolvePads } from '../../onnx/shape-math.js';
import type { OpDef } from '../types.js';
import { depthwiseClass } from './classes.js';
import { convDims, convOutShape } from './dims.js';
import { conv2d } from './reference.js';

const ones = (n: number): number[] => new Array<number>(n).fill(1);

function shape(inputs: number[][], attrs: Node['attrs']): number[][] {
  const { own: [x, w, bias], residual } = splitResidual(inputs, attrs);
  const d = convDims(x, w, attrs);
  check(!bias || (bias.length === 1 && bias[0] === d.OC), `conv2d: bias [${bias}] must be [${d.OC}]`);
  const y = convOutShape(d);
  check(!residual || residual.join() === y.join(), `conv2d: the fused residual [${residual}] must have the output's shape [${y}]`);
  return [y];
}

/** The op's inputs as its reference and cost rules see them (prescale already removed). */
const ownInputs = <T>(inputs: T[], attrs: Node['attrs']) => splitResidual(inputs, { residual: Boolean(attrs.residual) });

function convert(ctx: ImportContext): void {
  const xs = ctx.shape(0);
  if (xs.length !== 3 && xs.length !== 4) ctx.fail(`only 1-D (NCL) and 2-D (NCHW) convolution is supported; input has shape [${xs}]`);
  const ws = ctx.shape(1);
  if (ws.length !== xs.length) ctx.fail(`weight shape [${ws}] does not match the rank of input [${xs}]`);
  const n = xs.length - 2;
  const kernel = ctx.ints('kernel_shape', ws.slice(2));
  if (kernel.join() !== ws.slice(2).join()) ctx.fail(`kernel_shape [${kernel}] disagrees with weight shape [${ws}]`);
  const strides = ctx.ints('strides', ones(n));
  const dilations = ctx.ints('dilations', ones(n));
  if (strides.length !== n || dilations.length !== n) ctx.fail(`strides [${strides}] and dilations [${dilations}] need ${n} value(s) each`);
  const pads = resolvePads(ctx.str('auto_pad', 'NOTSET'), ctx.optInts('pads'), xs.slice(2), kernel, strides, dilations);
  const inputs = [ctx.tensor(0), ctx.tensor(1), ...(ctx.has(2) ? [ctx.tensor(2)] : [])];
  ctx.emit('conv2d', inputs, { group: ctx.int('group', 1), strides, pads, dilations }, 0);
}

function exportConv(nw: NodeWriter): void {
  const n = nw.node;
  const ws = nw.shape(n.inputs[1]);
  const k = ws.length - 2;
  const ints = (key: string, d: number[]) => A.ints(attrInts(n.attrs, key, d));
  nw.finish('Conv', nw.inputs(), {
    dilations: ints('dilations', ones(k)),
    group: A.int(attrNumber(n.attrs, 'group', 1)),
    kernel_shape: A.ints(ws.slice(2)),
    pads: ints('pads', new Array<number>(2 * k).fill(0)),
    strides: ints('strides', ones(k)),
  });
}

/** The compute-roof class of the kernel the runtime picks for this conv (see gpu/index.ts). */
function kernelClass(node: Node, g: Graph): string {
  const d = convDims(g.tensors.get(node.inputs[0])!.shape, g.tensors.get(node.inputs[1])!.shape, node.attrs);
  const plain = d.strides.every((s) => s === 1) && d.dilations.every((x) => x === 1);
  const { KH, KW, pads } = d;
  if (d.group === d.C && d.group === d.OC) return depthwiseClass(KH, KW, d.strides[0], d.strides[1]);
  if (plain && d.group === 1 && KH === 1 && KW === 1 && pads.every((p) => p === 0)) return 'pwconv';
  return 'conv2d';
}

export const CONV2D: OpDef = {
  kind: 'conv2d',
  summary: 'y = act(conv(x, w) + b [+ r]), NCHW or NCL, grouped, strided, padded, dilated',
  attrs: { group: 1, strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1], activation: 'none' },
  shape,
  reference(inputs, attrs) {
    const { own: [x, w, b], residual } = ownInputs(inputs, attrs);
    return [conv2d(x, w, b, attrs, residual)];
  },
  // Every output is one multiply-add per weight of its group ([cin / group, k...]), padding
  // included; the bias and a fused residual one add each.
  flops(c) {
    const { own, residual } = ownInputs(c.inputs, c.attrs);
    return 2 * c.outElems * numel(own[1].slice(1)) + ((own[2] ? 1 : 0) + (residual ? 1 : 0)) * c.outElems;
  },
  fusion: { activation: true, epilogue: true, prescale: () => true },
  kernelClass,
  onnx: { converters: [{ opType: 'Conv', versions: [1, 11], convert }], export: exportConv },
};

export const CONV_OPS: readonly OpDef[] = [CONV2D];

