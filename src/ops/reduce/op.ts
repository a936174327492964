// Reductions: reduce_mean_hw (per-(n, c) mean over H x W of NCHW, the PRCM context and global
// average pooling) and one kind per reduction over any axes (table in reductions.ts): sum,
// mean, max, min, prod, L1, L2, sum of squares, log-sum, log-sum-exp, argmax and argmin.
import { attrInts, attrNumber, numel, type Attrs } from '../../graph/ir.js';
import { check, expectRank } from '../../graph/shape.js';
import type { NodeWriter } from '../../onnx/node-writer.js';
import type { OpDef } from '../types.js';
import { reducedShape } from './layout.js';
import { convertGlobalAveragePool, exportReduce, reduceConverters, writeReduce } from './onnx.js';
import { reduceAxes, reduceMeanHW } from './reference.js';
import { REDUCTIONS, reduction, type Reduction } from './reductions.js';

export { reduceMeanHW } from './reference.js';

const MEAN = reduction('reduce_mean')!;

/** ReduceMean as the opset writes it: axes as an attribute before 18, as an input from 18. */
export function writeReduceMean(nw: NodeWriter, x: string, axes: number[], keepdims: number, last: boolean): string {
  return writeReduce(nw, MEAN, x, axes, keepdims, last);
}

function reduceShape(kind: string) {
  return ([x]: number[][], attrs: Attrs): number[][] => {
    const axes = attrInts(attrs, 'axes');
    check(axes.every((a) => Number.isInteger(a) && a >= 0 && a < x.length) && new Set(axes).size === axes.length, `${kind}: axes [${axes}] do not fit rank ${x.length}`);
    check(axes.every((a) => x[a] > 0), `${kind}: reduces an empty dimension of [${x}]`);
    return [reducedShape(x, axes, attrNumber(attrs, 'keepdims', 1) === 1)];
  };
}

export const REDUCE_MEAN_HW: OpDef = {
  kind: 'reduce_mean_hw',
  summary: 'y[n, c] = mean over H x W of x[n, c] (NCHW, keeps [N, C, 1, 1])',
  attrs: {},
  shape([x]) {
    expectRank(x, 4, 'reduce_mean_hw input');
    return [[x[0], x[1], 1, 1]];
  },
  reference: ([x]) => [reduceMeanHW(x)],
  // k - 1 adds and a divide per output.
  flops: (c) => numel(c.inputs[0]),
  onnx: {
    converters: [{ opType: 'GlobalAveragePool', versions: [1], convert: convertGlobalAveragePool }],
    export: (nw) => void writeReduceMean(nw, nw.inputs()[0], [2, 3], 1, true),
  },
};

function reduceDef(r: Reduction): OpDef {
  const arg = r.kind.startsWith('arg');
  return {
    kind: r.kind,
    summary: `y = ${r.summary} of x over \`axes\` (keepdims leaves them as 1)`,
    attrs: { axes: null, keepdims: 1, ...(arg ? { select_last_index: 0 } : {}) },
    shape: reduceShape(r.kind),
    reference: ([x], attrs) => [reduceAxes(r, x, attrs)],
    flops: (c) => Math.max(0, r.flops[0] * numel(c.inputs[0]) + r.flops[1] * c.outElems),
    onnx: { converters: reduceConverters(r), export: exportReduce(r) },
  };
}

export const REDUCE_OPS: readonly OpDef[] = [REDUCE_MEAN_HW, ...REDUCTIONS.map(reduceDef)];
