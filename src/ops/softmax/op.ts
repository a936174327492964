// softmax and log_softmax along one axis, or (the opset 1 and 11 form) over the flattened block
// of dims axis..rank-1. Both subtract the row's max before exp, so large inputs do not overflow.
import { attrNumber, numel, type Attrs } from '../../graph/ir.js';
import { check } from '../../graph/shape.js';
import type { ImportContext } from '../../onnx/context.js';
import type { NodeWriter } from '../../onnx/node-writer.js';
import { normAxis } from '../../onnx/shape-math.js';
import { A } from '../../onnx/writer.js';
import { tensor, type Tensor } from '../../reference/tensor.js';
import type { OpDef } from '../types.js';

/** The rows a softmax normalizes: row (o, i) holds x[o, 0..len, i], its elements `inner` apart. */
export interface SoftmaxRows {
  outer: number;
  len: number;
  inner: number;
}

export function softmaxRows(shape: readonly number[], attrs: Attrs): SoftmaxRows {
  const axis = attrNumber(attrs, 'axis');
  const coerce = attrNumber(attrs, 'coerce', 0) === 1;
  return { outer: numel(shape.slice(0, axis)), len: coerce ? numel(shape.slice(axis)) : shape[axis], inner: coerce ? 1 : numel(shape.slice(axis + 1)) };
}

function softmax(x: Tensor, attrs: Attrs, log: boolean): Tensor {
  const { outer, len, inner } = softmaxRows(x.shape, attrs);
  const y = tensor(x.shape);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const at = (k: number) => (o * len + k) * inner + i;
      let m = -Infinity;
      for (let k = 0; k < len; k++) m = Math.max(m, x.data[at(k)]);
      let s = 0;
      for (let k = 0; k < len; k++) s += Math.exp(x.data[at(k)] - m);
      const l = m + Math.log(s);
      for (let k = 0; k < len; k++) y.data[at(k)] = log ? x.data[at(k)] - l : Math.exp(x.data[at(k)] - l);
    }
  }
  return y;
}

/**
 * Opsets 1 and 11 coerce the input to 2-D at `axis` (default 1) and normalize each row of the
 * flattened trailing block; 13 normalizes along `axis` alone (default -1). A block of one
 * non-trivial dim is the same either way, so it becomes the one-axis form.
 */
function convert(kind: string) {
  return (ctx: ImportContext): void => {
    const xs = ctx.shape(0);
    const legacy = ctx.opset < 13;
    const axis = normAxis(ctx.int('axis', legacy ? 1 : -1), xs.length, 'Softmax axis');
    const coerce = legacy && xs.slice(axis + 1).some((d) => d !== 1) ? 1 : 0;
    ctx.emit(kind, [ctx.tensor(0)], { axis, coerce }, 0);
  };
}

function exportSoftmax(opType: string) {
  return (nw: NodeWriter): void => {
    const axis = attrNumber(nw.node.attrs, 'axis');
    if (attrNumber(nw.node.attrs, 'coerce', 0) !== 1) return nw.finish(opType, nw.inputs(), { axis: A.int(axis) });
    // The exporter writes opset 13+, where the flattened form is Flatten -> Softmax -> Reshape.
    const flat = nw.op('Flatten', nw.inputs(), { axis: A.int(axis) });
    const sm = nw.op(opType, [flat], { axis: A.int(1) });
    nw.finish('Reshape', [sm, nw.constInts(nw.shape(nw.node.outputs[0]))]);
  };
}

function softmaxDef(kind: 'softmax' | 'log_softmax'): OpDef {
  const log = kind === 'log_softmax';
  const opType = log ? 'LogSoftmax' : 'Softmax';
  return {
    kind,
    summary: log ? 'y = x - max - log(sum(exp(x - max))) along `axis` (or over dims axis.. when coerce=1)' : 'y = exp(x - max) / sum(exp(x - max)) along `axis` (or over dims axis.. when coerce=1)',
    attrs: { axis: null, coerce: 0 },
    shape([x], attrs) {
      const axis = attrNumber(attrs, 'axis');
      check(Number.isInteger(axis) && axis >= 0 && axis < x.length, `${kind}: axis ${axis} out of range for shape [${x}]`);
      return [[...x]];
    },
    reference: ([x], attrs) => [softmax(x, attrs, log)],
    // Per element: compare (max), subtract, exp, add (sum), then divide or subtract; a log per row.
    flops: (c) => 8 * c.outElems + (log ? 4 * (c.outElems / Math.max(1, softmaxRows(c.inputs[0], c.attrs).len)) : 0),
    onnx: { converters: [{ opType, versions: [1, 11, 13], convert: convert(kind) }], export: exportSoftmax(opType) },
  };
}

export const SOFTMAX_OPS: readonly OpDef[] = [softmaxDef('softmax'), softmaxDef('log_softmax')];
