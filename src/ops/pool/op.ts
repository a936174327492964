// maxpool2d / avgpool2d with ONNX semantics: kernel, strides, pads, dilations, ceil_mode and
// (average) count_include_pad, on NCHW input, or NCL input as NCHW with H = 1 (MaxPool1d,
// AvgPool1d; attribute arrays of one spatial axis).
import { attrInts, attrNumber, type Attrs, type Graph, type Node } from '../../graph/ir.js';
import { toRank } from '../conv/window.js';
import type { ImportContext } from '../../onnx/context.js';
import type { NodeWriter } from '../../onnx/node-writer.js';
import { resolvePads } from '../../onnx/shape-math.js';
import { A, type AttrValue } from '../../onnx/writer.js';
import { OnnxExportError } from '../../onnx/errors.js';
import type { OpDef } from '../types.js';
import { poolDims } from './dims.js';
import { pool } from './reference.js';

type PoolKind = 'maxpool2d' | 'avgpool2d';

const ones = (n: number): number[] => new Array<number>(n).fill(1);

function shape(inputs: number[][], attrs: Attrs): number[][] {
  const x = inputs[0];
  const d = poolDims(x, attrs);
  return [toRank([x[0], x[1], d.OH, d.OW], x.length)];
}

function converter(kind: PoolKind) {
  return (ctx: ImportContext): void => {
    const xs = ctx.shape(0);
    if (xs.length !== 3 && xs.length !== 4) ctx.fail(`only 1-D (NCL) and 2-D (NCHW) pooling is supported; input has shape [${xs}]`);
    const n = xs.length - 2;
    const kernel = ctx.ints('kernel_shape');
    const strides = ctx.ints('strides', ones(n));
    const dilations = ctx.ints('dilations', ones(n));
    if (kernel.length !== n || strides.length !== n || dilations.length !== n) ctx.fail(`kernel_shape [${kernel}], strides [${strides}] and dilations [${dilations}] need ${n} value(s) each for input [${xs}]`);
    const pads = resolvePads(ctx.str('auto_pad', 'NOTSET'), ctx.optInts('pads'), xs.slice(2), kernel, strides, dilations);
    const attrs: Attrs = { kernel, strides, pads, dilations, ceil_mode: ctx.int('ceil_mode', 0) };
    if (kind === 'avgpool2d') attrs.count_include_pad = ctx.int('count_include_pad', 0);
    if (kind === 'maxpool2d' && ctx.node.outputs[1]) ctx.fail('the Indices output of MaxPool is not supported');
    ctx.emit(kind, [ctx.tensor(0)], attrs, 0);
  };
}

function exportPool(nw: NodeWriter): void {
  const n = nw.node;
  const kernel = attrInts(n.attrs, 'kernel');
  const dil = attrInts(n.attrs, 'dilations', ones(kernel.length));
  const attrs: Record<string, AttrValue> = {
    ceil_mode: A.int(attrNumber(n.attrs, 'ceil_mode', 0)),
    kernel_shape: A.ints(kernel),
    pads: A.ints(attrInts(n.attrs, 'pads', new Array<number>(2 * kernel.length).fill(0))),
    strides: A.ints(attrInts(n.attrs, 'strides', kernel)),
  };
  if (dil.some((d) => d !== 1)) {
    if (n.op === 'avgpool2d' && nw.opset < 19) throw new OnnxExportError(`node '${n.name}': AveragePool dilations need opset 19`);
    attrs.dilations = A.ints(dil);
  }
  if (n.op === 'avgpool2d') attrs.count_include_pad = A.int(attrNumber(n.attrs, 'count_include_pad', 0));
  nw.finish(n.op === 'maxpool2d' ? 'MaxPool' : 'AveragePool', nw.inputs(), attrs);
}

/** The encoder's plain 2x2 / stride 2 max pool, whose fast kernel reads a prescaled input. */
function plain2x2(node: Node): boolean {
  const k = attrInts(node.attrs, 'kernel');
  const s = attrInts(node.attrs, 'strides', k);
  return node.op === 'maxpool2d' && k.join() === '2,2' && s.join() === '2,2' && attrInts(node.attrs, 'pads', [0, 0, 0, 0]).every((p) => p === 0) && !node.attrs.ceil_mode;
}

const windowSize = (attrs: Attrs): number => attrInts(attrs, 'kernel').reduce((a, b) => a * b, 1);

function poolDef(kind: PoolKind): OpDef {
  const max = kind === 'maxpool2d';
  return {
    kind,
    summary: max ? 'y = max over each window' : 'y = mean over each window',
    attrs: { kernel: null, strides: null, pads: [0, 0, 0, 0], dilations: [1, 1], ceil_mode: 0, ...(max ? {} : { count_include_pad: 0 }) },
    shape,
    reference: ([x], attrs) => [pool(x, attrs, max ? 'max' : 'avg')],
    // A max over k values is k - 1 comparisons; a mean is k - 1 adds and a divide.
    flops: (c) => c.outElems * (windowSize(c.attrs) - (max ? 1 : 0)),
    fusion: { prescale: (node: Node, _g: Graph) => plain2x2(node) },
    onnx: {
      converters: [max ? { opType: 'MaxPool', versions: [1, 8, 10, 11, 12], convert: converter(kind) } : { opType: 'AveragePool', versions: [1, 7, 10, 11, 19], convert: converter(kind) }],
      export: exportPool,
    },
  };
}

export const POOL_OPS: readonly OpDef[] = [poolDef('maxpool2d'), poolDef('avgpool2d')];
