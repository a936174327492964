// ONNX forms of the reductions: Reduce* (axes an attribute, then an input from opset 13 for
// ReduceSum and 18 for the others, with noop_with_empty_axes), ArgMax / ArgMin, and the global
// poolings; and the exporters, which write the form the target opset expects.
import { attrInts, attrNumber } from '../../graph/ir.js';
import type { ImportContext } from '../../onnx/context.js';
import { OnnxExportError } from '../../onnx/errors.js';
import type { NodeWriter } from '../../onnx/node-writer.js';
import { axesInput } from '../../onnx/axes.js';
import { DataType } from '../../onnx/schema.js';
import { normAxes, normAxis } from '../../onnx/shape-math.js';
import { A } from '../../onnx/writer.js';
import type { OnnxConverter } from '../types.js';
import type { Reduction } from './reductions.js';

/** The node's reduced axes, sorted; undefined for noop_with_empty_axes with no axes (an identity). */
function reducedAxes(ctx: ImportContext, r: Reduction): number[] | undefined {
  const rank = ctx.shape(0).length;
  const axes = axesInput(ctx, r.axesInputFrom, false);
  if (axes && axes.length) return normAxes(axes, rank, `${r.onnxType} axes`).sort((a, b) => a - b);
  if (ctx.opset >= r.axesInputFrom && ctx.int('noop_with_empty_axes', 0) === 1) return undefined;
  return [...Array(rank).keys()];
}

function convertReduce(r: Reduction) {
  return (ctx: ImportContext): void => {
    const x = ctx.tensor(0);
    const xs = ctx.shape(0);
    const keep = ctx.int('keepdims', 1) === 1;
    const axes = reducedAxes(ctx, r);
    if (!axes) return ctx.alias(0, x);
    // A mean over H and W of NCHW has its own node kind (the PRCM context, global pooling).
    if (r.kind === 'reduce_mean' && xs.length === 4 && axes.join() === '2,3') {
      if (keep) ctx.emit('reduce_mean_hw', [x], {}, 0);
      else ctx.emit('reshape', [ctx.emit('reduce_mean_hw', [x], {})], { shape: xs.slice(0, 2) }, 0);
      return;
    }
    ctx.emit(r.kind, [x], { axes, keepdims: keep ? 1 : 0 }, 0);
  };
}

/**
 * ArgMax / ArgMin: axis (default 0), keepdims, select_last_index (12+). ONNX gives int64
 * indices; only float32 flows through our graphs, so the indices are written as float32,
 * exact for axes shorter than 2^24. A consumer that casts them (Cast to float) is an alias.
 */
function convertArg(r: Reduction) {
  return (ctx: ImportContext): void => {
    const axis = normAxis(ctx.int('axis', 0), ctx.shape(0).length, `${r.onnxType} axis`);
    const attrs = { axes: [axis], keepdims: ctx.int('keepdims', 1) === 1 ? 1 : 0, select_last_index: ctx.int('select_last_index', 0) === 1 ? 1 : 0 };
    ctx.emit(r.kind, [ctx.tensor(0)], attrs, 0);
  };
}

function spatialAxes(ctx: ImportContext): number[] {
  const xs = ctx.shape(0);
  if (xs.length < 3) ctx.fail(`needs an input of rank 3 or more (N, C, spatial...), got shape [${xs}]`);
  return xs.map((_, i) => i).slice(2);
}

export function convertGlobalAveragePool(ctx: ImportContext): void {
  const axes = spatialAxes(ctx);
  if (axes.length === 2) ctx.emit('reduce_mean_hw', [ctx.tensor(0)], {}, 0);
  else ctx.emit('reduce_mean', [ctx.tensor(0)], { axes, keepdims: 1 }, 0);
}

const globalMaxPool: OnnxConverter = {
  opType: 'GlobalMaxPool',
  versions: [1],
  convert: (ctx) => void ctx.emit('reduce_max', [ctx.tensor(0)], { axes: spatialAxes(ctx), keepdims: 1 }, 0),
};

export function reduceConverters(r: Reduction): OnnxConverter[] {
  const own: OnnxConverter = { opType: r.onnxType, versions: r.versions, convert: r.kind.startsWith('arg') ? convertArg(r) : convertReduce(r) };
  return r.kind === 'reduce_max' ? [own, globalMaxPool] : [own];
}

/** A Reduce* node as the opset writes it: axes as an attribute before `axesInputFrom`, as an input from then. */
export function writeReduce(nw: NodeWriter, r: Reduction, x: string, axes: number[], keepdims: number, last: boolean): string {
  if (nw.opset >= r.axesInputFrom) return nw.op(r.onnxType, [x, nw.constInts(axes)], { keepdims: A.int(keepdims) }, r.onnxType, last);
  return nw.op(r.onnxType, [x], { axes: A.ints(axes), keepdims: A.int(keepdims) }, r.onnxType, last);
}

/** ArgMax / ArgMin give int64 in ONNX; a Cast keeps the exported graph float32 as ours is. */
function writeArg(nw: NodeWriter, r: Reduction): void {
  const a = nw.node.attrs;
  const last = attrNumber(a, 'select_last_index', 0);
  if (last && nw.opset < 12) throw new OnnxExportError(`node '${nw.node.name}': select_last_index needs opset 12`);
  const attrs = { axis: A.int(attrInts(a, 'axes')[0]), keepdims: A.int(attrNumber(a, 'keepdims', 1)), ...(nw.opset >= 12 ? { select_last_index: A.int(last) } : {}) };
  const idx = nw.op(r.onnxType, nw.inputs(), attrs);
  nw.op('Cast', [idx], { to: A.int(DataType.FLOAT) }, 'Cast', true);
}

export function exportReduce(r: Reduction) {
  return (nw: NodeWriter): void => {
    if (r.kind.startsWith('arg')) return writeArg(nw, r);
    writeReduce(nw, r, nw.inputs()[0], attrInts(nw.node.attrs, 'axes'), attrNumber(nw.node.attrs, 'keepdims', 1), true);
  };
}
