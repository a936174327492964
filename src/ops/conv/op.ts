// conv2d: grouped, strided, padded, dilated 2-D convolution of NCHW input with OIHW weights and
// an optional bias; may carry a fused activation and a per-input-channel prescale.
import { attrInts, attrNumber, type Graph, type Node } from '../../graph/ir.js';
import { check, expectRank, windowOut } from '../../graph/shape.js';
import { A } from '../../onnx/writer.js';
import type { ImportContext } from '../../onnx/context.js';
import type { NodeWriter } from '../../onnx/node-writer.js';
import { resolvePads } from '../../onnx/shape-math.js';
import type { OpDef } from '../types.js';
import { conv2d } from './reference.js';

function shape(inputs: number[][], attrs: Node['attrs']): number[][] {
  const [x, w] = inputs;
  expectRank(x, 4, 'conv2d input');
  expectRank(w, 4, 'conv2d weight');
  const group = attrNumber(attrs, 'group', 1);
  const [sh, sw] = attrInts(attrs, 'strides', [1, 1]);
  const [pt, pl, pb, pr] = attrInts(attrs, 'pads', [0, 0, 0, 0]);
  const [dh, dw] = attrInts(attrs, 'dilations', [1, 1]);
  check(x[1] === w[1] * group, `conv2d: input has ${x[1]} channels, weight expects ${w[1]} x group ${group}`);
  check(w[0] % group === 0, `conv2d: ${w[0]} output channels not divisible by group ${group}`);
  return [[x[0], w[0], windowOut(x[2], w[2], sh, pt, pb, dh), windowOut(x[3], w[3], sw, pl, pr, dw)]];
}

function convert(ctx: ImportContext): void {
  const xs = ctx.shape(0);
  if (xs.length !== 4) ctx.fail(`only 2-D convolution on NCHW input is supported; input has shape [${xs}]`);
  const ws = ctx.shape(1);
  const kernel = ctx.ints('kernel_shape', ws.slice(2));
  if (kernel.join() !== ws.slice(2).join()) ctx.fail(`kernel_shape [${kernel}] disagrees with weight shape [${ws}]`);
  const strides = ctx.ints('strides', [1, 1]);
  const dilations = ctx.ints('dilations', [1, 1]);
  const pads = resolvePads(ctx.str('auto_pad', 'NOTSET'), ctx.optInts('pads'), xs.slice(2), kernel, strides, dilations);
  const inputs = [ctx.tensor(0), ctx.tensor(1), ...(ctx.has(2) ? [ctx.tensor(2)] : [])];
  ctx.emit('conv2d', inputs, { group: ctx.int('group', 1), strides, pads, dilations }, 0);
}

function exportConv(nw: NodeWriter): void {
  const n = nw.node;
  const ws = nw.shape(n.inputs[1]);
  const ints = (k: string, d: number[]) => A.ints(attrInts(n.attrs, k, d));
  nw.finish('Conv', nw.inputs(), {
    dilations: ints('dilations', [1, 1]),
    group: A.int(attrNumber(n.attrs, 'group', 1)),
    kernel_shape: A.ints(ws.slice(2)),
    pads: ints('pads', [0, 0, 0, 0]),
    strides: ints('strides', [1, 1]),
  });
}

/** The compute-roof class of the kernel the runtime picks for this conv (see gpu/index.ts). */
function kernelClass(node: Node, g: Graph): string {
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

export const CONV2D: OpDef = {
  kind: 'conv2d',
  summary: 'y = act(conv(x, w) + b), NCHW, grouped, strided, padded, dilated',
  attrs: { group: 1, strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1], activation: 'none' },
  shape,
  reference: ([x, w, b], attrs) => [conv2d(x, w, b, attrs, shape([x.shape, w.shape], attrs)[0])],
  flops(c) {
    const [, cinPerGroup, kh, kw] = c.inputs[1];
    return 2 * c.outElems * cinPerGroup * kh * kw + (c.inputs[2] ? c.outElems : 0);
  },
  fusion: { activation: true, prescale: () => true },
  kernelClass,
  onnx: { converters: [{ opType: 'Conv', versions: [1, 11], convert }], export: exportConv },
};

export const CONV_OPS: readonly OpDef[] = [CONV2D];

