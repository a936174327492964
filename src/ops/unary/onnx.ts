// ONNX converters of the unary rows that are more than one op type onto one kind: Clip (bounds
// as attributes, then as inputs), Gelu (two kinds by `approximate`) and the pass-through ops.
import type { ImportContext } from '../../onnx/context.js';
import { DataType } from '../../onnx/schema.js';
import type { OnnxConverter } from '../types.js';

/** The limits of float32: Clip's defaults in the ONNX spec (numeric_limits lowest / max). */
export const FLT_MAX = 3.4028234663852886e38;

/** A Clip bound given as input i (Clip-11+), which must be a known scalar; absent or '' = no bound. */
function clipBound(ctx: ImportContext, i: number, what: 'min' | 'max', fallback: number): number {
  if (!ctx.has(i)) return fallback;
  const c = ctx.constant(i, what);
  if (c.data.length !== 1) ctx.fail(`Clip ${what} must be a scalar, got shape [${c.shape}]`);
  return c.data[0];
}

export const CLIP_CONVERTERS: OnnxConverter[] = [
  {
    opType: 'Clip',
    versions: [1, 6, 11, 12, 13],
    convert(ctx) {
      // Clip-1 and -6 take the bounds as attributes (consumed_inputs of Clip-1 is ignored).
      const attrs =
        ctx.opset < 11
          ? { min: ctx.float('min', -FLT_MAX), max: ctx.float('max', FLT_MAX) }
          : { min: clipBound(ctx, 1, 'min', -FLT_MAX), max: clipBound(ctx, 2, 'max', FLT_MAX) };
      ctx.emit('clip', [ctx.tensor(0)], attrs, 0);
    },
  },
];

export const GELU_CONVERTERS: OnnxConverter[] = [
  {
    opType: 'Gelu',
    versions: [20],
    convert(ctx) {
      const approximate = ctx.str('approximate', 'none');
      if (approximate !== 'none' && approximate !== 'tanh') ctx.fail(`approximate='${approximate}' is not a Gelu mode (supported: none, tanh)`);
      ctx.emit(approximate === 'tanh' ? 'gelu_tanh' : 'gelu', [ctx.tensor(0)], {}, 0);
    },
  },
];

/** Ops that pass their input through: Identity, Dropout (always in inference mode) and float-to-float Cast. */
export const PASS_THROUGH: OnnxConverter[] = [
  { opType: 'Identity', versions: [1, 13, 14, 16, 19, 21], convert: (ctx) => ctx.alias(0, ctx.tensor(0)) },
  {
    opType: 'Dropout',
    versions: [1, 6, 7, 10, 12, 13],
    convert(ctx) {
      if (ctx.has(2) && ctx.constant(2, 'training_mode').data[0] !== 0) ctx.fail('training_mode=true is not supported; export in eval mode');
      if (ctx.node.outputs[1]) ctx.fail('the mask output of Dropout is not supported');
      ctx.alias(0, ctx.tensor(0));
    },
  },
  {
    opType: 'Cast',
    versions: [1, 6, 9, 13, 19, 21],
    convert(ctx) {
      const to = ctx.opset < 6 ? ctx.str('to') : String(ctx.int('to'));
      if (to !== String(DataType.FLOAT) && to !== 'FLOAT') ctx.fail(`Cast of runtime float32 data to data type ${to} is not supported; only float32 tensors flow through the graph`);
      ctx.alias(0, ctx.tensor(0));
    },
  },
];
