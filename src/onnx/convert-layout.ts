// Converters for ops that move or relabel data: the reshape family becomes one `reshape`
// (a contiguous relabel), Identity and Dropout become aliases, and Transpose/Concat/Pad
// get their own kinds. Shape is answered from the static shapes at import time.
import type { ImportContext } from './context.js';
import type { Convert } from './convert-nn.js';
import { axesInput } from './axes.js';
import { DataType } from './schema.js';
import { constTensor, int64s, scalarOf } from './tensor.js';
import { flattenShape, normAxes, normAxis, reshapeShape, squeezeShape, transposePerm, unsqueezeShape } from './shape-math.js';

function relabel(ctx: ImportContext, shape: number[]): void {
  const x = ctx.tensor(0);
  if (shape.join() === ctx.shapeOfTensor(x).join()) ctx.alias(0, x);
  else ctx.emit('reshape', [x], { shape }, 0);
}

function reshape(ctx: ImportContext): void {
  const target = Array.from(ctx.constant(1, 'shape').data);
  relabel(ctx, reshapeShape(ctx.shape(0), target, ctx.int('allowzero', 0) === 1));
}

function passThrough(ctx: ImportContext): void {
  if (ctx.node.opType === 'Dropout') {
    if (ctx.has(2) && scalarOf(ctx.constant(2, 'training_mode')) !== 0) ctx.fail('training_mode=true is not supported; export in eval mode');
    if (ctx.node.outputs[1]) ctx.fail('the mask output of Dropout is not supported');
  }
  ctx.alias(0, ctx.tensor(0));
}

function transpose(ctx: ImportContext): void {
  const rank = ctx.shape(0).length;
  const perm = transposePerm(rank, ctx.optInts('perm'));
  if (perm.every((p, i) => p === i)) return ctx.alias(0, ctx.tensor(0));
  ctx.emit('transpose', [ctx.tensor(0)], { perm }, 0);
}

function concat(ctx: ImportContext): void {
  const inputs = ctx.node.inputs.map((_, i) => ctx.tensor(i));
  if (inputs.length === 1) return ctx.alias(0, inputs[0]);
  const axis = normAxis(ctx.int('axis'), ctx.shape(0).length, 'Concat axis');
  ctx.emit('concat', inputs, { axis }, 0);
}

/** Pad: attributes before opset 11, inputs (pads, constant_value, axes at 18) after. */
function pad(ctx: ImportContext): void {
  const mode = ctx.str('mode', 'constant');
  if (mode !== 'constant') ctx.fail(`mode '${mode}' is not supported (supported: constant)`);
  const rank = ctx.shape(0).length;
  let pads: number[];
  let value = 0;
  if (ctx.opset < 11) {
    pads = ctx.ints('pads');
    value = ctx.float('value', 0);
  } else {
    pads = Array.from(ctx.constant(1, 'pads').data);
    if (ctx.has(2)) value = scalarOf(ctx.constant(2, 'constant_value'));
    if (ctx.has(3)) {
      const axes = normAxes(Array.from(ctx.constant(3, 'axes').data), rank, 'Pad axes');
      const full = new Array<number>(2 * rank).fill(0);
      axes.forEach((a, i) => ((full[a] = pads[i]), (full[a + rank] = pads[i + axes.length])));
      pads = full;
    }
  }
  if (pads.length !== 2 * rank) ctx.fail(`pads [${pads}] need ${2 * rank} values for rank ${rank}`);
  if (pads.every((p) => p === 0)) return ctx.alias(0, ctx.tensor(0));
  ctx.emit('pad', [ctx.tensor(0)], { pads, value }, 0);
}

/** Shape works on runtime tensors too: every shape is static after import. */
export function shapeNode(ctx: ImportContext): void {
  const shape = ctx.shape(0);
  const r = shape.length;
  const clip = (v: number) => Math.min(Math.max(v < 0 ? v + r : v, 0), r);
  const start = ctx.opset >= 15 ? clip(ctx.int('start', 0)) : 0;
  const end = ctx.opset >= 15 && ctx.hasAttr('end') ? clip(ctx.int('end')) : r;
  ctx.setConst(0, int64s(shape.slice(start, Math.max(start, end))));
}

/** Size, like Shape, needs only the static shape. */
export function sizeNode(ctx: ImportContext): void {
  ctx.setConst(0, int64s([ctx.shape(0).reduce((a, b) => a * b, 1)], []));
}

export function constantNode(ctx: ImportContext): void {
  const a = ctx.node.attrs;
  const t = a.get('value')?.t;
  if (t) return ctx.setConst(0, t);
  if (a.has('value_float')) return ctx.setConst(0, constTensor(DataType.FLOAT, [], [ctx.float('value_float')]));
  if (a.has('value_floats')) return ctx.setConst(0, constTensor(DataType.FLOAT, [a.get('value_floats')!.floats?.length ?? 0], a.get('value_floats')!.floats ?? []));
  if (a.has('value_int')) return ctx.setConst(0, int64s([ctx.int('value_int')], []));
  if (a.has('value_ints')) return ctx.setConst(0, int64s(ctx.ints('value_ints')));
  ctx.fail(`only value, value_float(s) and value_int(s) are supported; got ${[...a.keys()].join(', ') || 'no attribute'}`);
}

/** Cast on runtime data: only float32 -> float32 (exporters emit it as a no-op). */
function castData(ctx: ImportContext): void {
  const to = ctx.int('to');
  if (to !== DataType.FLOAT) ctx.fail(`Cast of runtime float32 data to data type ${to} is not supported; only float32 tensors flow through the graph`);
  ctx.alias(0, ctx.tensor(0));
}

export const LAYOUT_CONVERTERS: Record<string, Convert> = {
  Cast: castData,
  Reshape: reshape,
  Flatten: (ctx) => relabel(ctx, flattenShape(ctx.shape(0), ctx.int('axis', 1))),
  Squeeze: (ctx) => relabel(ctx, squeezeShape(ctx.shape(0), axesInput(ctx, 13, false))),
  Unsqueeze: (ctx) => relabel(ctx, unsqueezeShape(ctx.shape(0), axesInput(ctx, 13, true)!)),
  Identity: passThrough,
  Dropout: passThrough,
  Transpose: transpose,
  Concat: concat,
  Pad: pad,
};
