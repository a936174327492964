// Means: reduce_mean_hw (per-(n, c) mean over H x W of NCHW, the PRCM context and global
// average pooling) and reduce_mean over any axes.
import { attrInts, attrNumber, numel, type Attrs } from '../../graph/ir.js';
import { check, expectRank } from '../../graph/shape.js';
import { forEachIndex } from '../../reference/elementwise.js';
import { stridesOf, tensor, type Tensor } from '../../reference/tensor.js';
import type { ImportContext } from '../../onnx/context.js';
import type { NodeWriter } from '../../onnx/node-writer.js';
import { axesInput } from '../../onnx/axes.js';
import { normAxes } from '../../onnx/shape-math.js';
import { A } from '../../onnx/writer.js';
import type { OpDef } from '../types.js';

export function reduceMeanHW(x: Tensor): Tensor {
  const [N, C, H, W] = x.shape;
  const plane = H * W;
  const y = tensor([N, C, 1, 1]);
  for (let nc = 0; nc < N * C; nc++) {
    let s = 0;
    for (let i = nc * plane; i < (nc + 1) * plane; i++) s += x.data[i];
    y.data[nc] = s / plane;
  }
  return y;
}

function meanShape([x]: number[][], attrs: Attrs): number[][] {
  const axes = attrInts(attrs, 'axes');
  check(axes.every((a) => a >= 0 && a < x.length), `reduce_mean: axes [${axes}] out of range for rank ${x.length}`);
  const keep = attrNumber(attrs, 'keepdims', 1) === 1;
  return [x.flatMap((d, i) => (axes.includes(i) ? (keep ? [1] : []) : [d]))];
}

function reduceMean(x: Tensor, attrs: Attrs): Tensor {
  const axes = attrInts(attrs, 'axes');
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const sums = new Float64Array(numel(kept));
  const ks = stridesOf(kept);
  forEachIndex(x.shape, (i, c) => {
    let o = 0;
    for (let d = 0; d < c.length; d++) if (!axes.includes(d)) o += c[d] * ks[d];
    sums[o] += x.data[i];
  });
  const count = numel(x.shape) / sums.length;
  return tensor(meanShape([x.shape], attrs)[0], Float32Array.from(sums, (s) => s / count));
}

/** A mean over H and W of NCHW maps onto the dedicated reduce_mean_hw kernel; any other axes go general. */
function convertReduceMean(ctx: ImportContext): void {
  const xs = ctx.shape(0);
  const x = ctx.tensor(0);
  const keep = ctx.int('keepdims', 1) === 1;
  let axes = axesInput(ctx, 18, false);
  if (!axes || axes.length === 0) {
    if (ctx.opset >= 18 && ctx.int('noop_with_empty_axes', 0) === 1) return ctx.alias(0, x);
    axes = xs.map((_, i) => i);
  }
  const sorted = normAxes(axes, xs.length, 'ReduceMean axes').sort((a, b) => a - b);
  if (xs.length === 4 && sorted.join() === '2,3') {
    if (keep) ctx.emit('reduce_mean_hw', [x], {}, 0);
    else ctx.emit('reshape', [ctx.emit('reduce_mean_hw', [x], {})], { shape: xs.slice(0, 2) }, 0);
    return;
  }
  ctx.emit('reduce_mean', [x], { axes: sorted, keepdims: keep ? 1 : 0 }, 0);
}

function convertGlobalAveragePool(ctx: ImportContext): void {
  const xs = ctx.shape(0);
  if (xs.length === 4) ctx.emit('reduce_mean_hw', [ctx.tensor(0)], {}, 0);
  else ctx.emit('reduce_mean', [ctx.tensor(0)], { axes: xs.map((_, i) => i).slice(2), keepdims: 1 }, 0);
}

/** ReduceMean as the opset writes it: axes as an attribute before 18, as an input from 18. */
export function writeReduceMean(nw: NodeWriter, x: string, axes: number[], keepdims: number, last: boolean): string {
  if (nw.opset >= 18) return nw.op('ReduceMean', [x, nw.constInts(axes)], { keepdims: A.int(keepdims) }, 'ReduceMean', last);
  return nw.op('ReduceMean', [x], { axes: A.ints(axes), keepdims: A.int(keepdims) }, 'ReduceMean', last);
}

const REDUCE_MEAN_VERSIONS = [1, 11, 13, 18];
// A mean of k values is k - 1 adds and a divide.
const meanFlops = (c: { inputs: number[][] }): number => numel(c.inputs[0]);

export const REDUCE_MEAN_HW: OpDef = {
  kind: 'reduce_mean_hw',
  summary: 'y[n, c] = mean over H x W of x[n, c] (NCHW, keeps [N, C, 1, 1])',
  attrs: {},
  shape([x]) {
    expectRank(x, 4, 'reduce_mean_hw input');
    return [[x[0], x[1], 1, 1]];
  },
  reference: ([x]) => [reduceMeanHW(x)],
  flops: meanFlops,
  onnx: {
    converters: [
      { opType: 'ReduceMean', versions: REDUCE_MEAN_VERSIONS, convert: convertReduceMean },
      { opType: 'GlobalAveragePool', versions: [1], convert: convertGlobalAveragePool },
    ],
    export: (nw) => void writeReduceMean(nw, nw.inputs()[0], [2, 3], 1, true),
  },
};

export const REDUCE_MEAN: OpDef = {
  kind: 'reduce_mean',
  summary: 'y = mean of x over `axes` (keepdims leaves them as 1)',
  attrs: { axes: null, keepdims: 1 },
  shape: meanShape,
  reference: ([x], attrs) => [reduceMean(x, attrs)],
  flops: meanFlops,
  onnx: {
    converters: [],
    formedBy: 'the ReduceMean and GlobalAveragePool converters (reduce_mean_hw module)',
    export: (nw) => void writeReduceMean(nw, nw.inputs()[0], attrInts(nw.node.attrs, 'axes'), attrNumber(nw.node.attrs, 'keepdims', 1), true),
  },
};

export const REDUCE_OPS: readonly OpDef[] = [REDUCE_MEAN_HW, REDUCE_MEAN];
