// Expand (numpy broadcasting of x to a shape) and Tile (x repeated along each axis) on
// runtime data; the shape and repeats must be known at import time.
import { attrInts, type Attrs } from '../../graph/ir.js';
import { broadcastShapes, check } from '../../graph/shape.js';
import type { ImportContext } from '../../onnx/context.js';
import type { NodeWriter } from '../../onnx/node-writer.js';
import { normAxis } from '../../onnx/shape-math.js';
import { scalarOf } from '../../onnx/tensor.js';
import { forEachIndex } from '../../reference/elementwise.js';
import { stridesOf, tensor, type Tensor } from '../../reference/tensor.js';
import type { OpDef } from '../types.js';

/** Pure data movement. */
const noFlops = (): number => 0;

function expandShape([x]: number[][], attrs: Attrs): number[][] {
  const shape = attrInts(attrs, 'shape');
  check(broadcastShapes(x, shape).join() === shape.join(), `expand: [${x}] does not broadcast to [${shape}]`);
  return [[...shape]];
}

/** Right-aligned broadcasting: a size-1 (or missing) input dim repeats its one element. */
function expandReference([x]: Tensor[], attrs: Attrs): Tensor[] {
  const y = tensor(expandShape([x.shape], attrs)[0]);
  const lead = y.shape.length - x.shape.length;
  const st = stridesOf(x.shape);
  forEachIndex(y.shape, (i, c) => {
    let off = 0;
    for (let d = 0; d < x.shape.length; d++) off += (x.shape[d] === 1 ? 0 : c[d + lead]) * st[d];
    y.data[i] = x.data[off];
  });
  return [y];
}

/** Expand-8/13: the output is the broadcast of the input and `shape` (either may be larger per dim). */
function convertExpand(ctx: ImportContext): void {
  const x = ctx.shape(0);
  const target = Array.from(ctx.constant(1, 'shape').data);
  let out: number[];
  try {
    out = broadcastShapes(x, target);
  } catch {
    return ctx.fail(`input [${x}] does not broadcast with shape [${target}]`);
  }
  if (out.join() === x.join()) return ctx.alias(0, ctx.tensor(0));
  ctx.emit('expand', [ctx.tensor(0)], { shape: out }, 0);
}

export const EXPAND: OpDef = {
  kind: 'expand',
  summary: 'y = x broadcast to shape (numpy rules, dims right-aligned)',
  attrs: { shape: null },
  shape: expandShape,
  reference: expandReference,
  flops: noFlops,
  onnx: {
    converters: [{ opType: 'Expand', versions: [8, 13], convert: convertExpand }],
    export: (nw: NodeWriter) => nw.finish('Expand', [...nw.inputs(), nw.constInts(attrInts(nw.node.attrs, 'shape'))]),
  },
};

function tileShape([x]: number[][], attrs: Attrs): number[][] {
  const repeats = attrInts(attrs, 'repeats');
  check(repeats.length === x.length && repeats.every((r) => Number.isInteger(r) && r >= 1), `tile: repeats [${repeats}] need one positive count per dim of [${x}]`);
  return [x.map((d, i) => d * repeats[i])];
}

function tileReference([x]: Tensor[], attrs: Attrs): Tensor[] {
  const y = tensor(tileShape([x.shape], attrs)[0]);
  const st = stridesOf(x.shape);
  forEachIndex(y.shape, (i, c) => {
    let off = 0;
    for (let d = 0; d < c.length; d++) off += (c[d] % x.shape[d]) * st[d];
    y.data[i] = x.data[off];
  });
  return [y];
}

/** Tile-1 repeats one axis (inputs `tiles` and `axis`); Tile-6/13 take one count per axis. */
function convertTile(ctx: ImportContext): void {
  const x = ctx.shape(0);
  let repeats: number[];
  if (ctx.opset < 6) {
    const axis = normAxis(scalarOf(ctx.constant(2, 'axis')), x.length, 'Tile axis');
    repeats = x.map((_, d) => (d === axis ? scalarOf(ctx.constant(1, 'tiles')) : 1));
  } else repeats = Array.from(ctx.constant(1, 'repeats').data);
  if (repeats.length !== x.length) ctx.fail(`repeats [${repeats}] need one value per dim of the input [${x}]`);
  if (repeats.some((r) => !Number.isInteger(r) || r < 0)) ctx.fail(`repeats [${repeats}] must be non-negative integers`);
  if (repeats.includes(0)) ctx.fail(`repeats [${repeats}] include 0, which gives an empty output; tensors with a zero-sized dimension are not supported`);
  if (repeats.every((r) => r === 1)) return ctx.alias(0, ctx.tensor(0));
  ctx.emit('tile', [ctx.tensor(0)], { repeats }, 0);
}

export const TILE: OpDef = {
  kind: 'tile',
  summary: 'y = x repeated repeats[d] times along each dim d (numpy tile)',
  attrs: { repeats: null },
  shape: tileShape,
  reference: tileReference,
  flops: noFlops,
  onnx: {
    converters: [{ opType: 'Tile', versions: [1, 6, 13], convert: convertTile }],
    export: (nw: NodeWriter) => nw.finish('Tile', [...nw.inputs(), nw.constInts(attrInts(nw.node.attrs, 'repeats'))]),
  },
};

export const REPEAT_OPS: readonly OpDef[] = [EXPAND, TILE];
