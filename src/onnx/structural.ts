// ONNX ops that are not computations on runtime data: Constant, and Shape and Size, which are
// answered from the static shapes at import time. They become constants for folding.
import type { ImportContext } from './context.js';
import { DataType } from './schema.js';
import { constTensor, int64s } from './tensor.js';

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

