// Converters for ops that move or relabel data: the reshape family becomes one `reshape`
// (a contiguous relabel), and Transpose/Concat/Pad get their own kinds.
import type { ImportContext } from '../../onnx/context.js';
import { axesInput } from '../../onnx/axes.js';
import { scalarOf } from '../../onnx/tensor.js';
import { flattenShape, normAxes, normAxis, reshapeShape, squeezeShape, transposePerm, unsqueezeShape } from '../../onnx/shape-math.js';
import type { OnnxConverter } from '../types.js';

function relabel(ctx: ImportContext, shape: number[]): void {
  const x = ctx.tensor(0);
  if (shape.join() === ctx.shapeOfTensor(x).join()) ctx.alias(0, x);
  else ctx.emit('reshape', [x], { shape }, 0);
}

/** Reshape-1 takes the target as an attribute, later versions as input 1. */
function reshape(ctx: ImportContext): void {
  const target = ctx.opset < 5 ? ctx.ints('shape') : Array.from(ctx.constant(1, 'shape').data);
  relabel(ctx, reshapeShape(ctx.shape(0), target, ctx.int('allowzero', 0) === 1));
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
  // Concat-1 defaulted the axis to 1; from 4 it is required.
  const axis = normAxis(ctx.opset < 4 ? ctx.int('axis', 1) : ctx.int('axis'), ctx.shape(0).length, 'Concat axis');
  ctx.emit('concat', inputs, { axis }, 0);
}

/** Pad's mode: constant, reflect and edge from Pad-1, wrap from Pad-19. */
function padMode(ctx: ImportContext): string {
  const mode = ctx.str('mode', 'constant');
  const modes = ctx.opset >= 19 ? ['constant', 'reflect', 'edge', 'wrap'] : ['constant', 'reflect', 'edge'];
  if (!modes.includes(mode)) ctx.fail(`mode '${mode}' is not supported at opset ${ctx.opset} (supported: ${modes.join(', ')}${ctx.opset < 19 ? '; wrap needs opset 19' : ''})`);
  return mode;
}

/** Pad: attributes before opset 11, inputs (pads, constant_value, axes at 18) after. */
function pad(ctx: ImportContext): void {
  const mode = padMode(ctx);
  const rank = ctx.shape(0).length;
  let pads: number[];
  let value = 0;
  if (ctx.opset < 11) {
    // Pad-1 named the attribute `paddings`.
    pads = ctx.opset < 2 ? ctx.ints('paddings') : ctx.ints('pads');
    value = ctx.float('value', 0);
  } else {
    pads = Array.from(ctx.constant(1, 'pads').data);
    if (ctx.has(2) && mode === 'constant') value = scalarOf(ctx.constant(2, 'constant_value'));
    if (ctx.has(3)) {
      const axes = normAxes(Array.from(ctx.constant(3, 'axes').data), rank, 'Pad axes');
      if (pads.length !== 2 * axes.length) ctx.fail(`pads [${pads}] need ${2 * axes.length} values for axes [${axes}]`);
      const full = new Array<number>(2 * rank).fill(0);
      axes.forEach((a, i) => ((full[a] = pads[i]), (full[a + rank] = pads[i + axes.length])));
      pads = full;
    }
  }
  if (pads.length !== 2 * rank) ctx.fail(`pads [${pads}] need ${2 * rank} values for rank ${rank}`);
  if (pads.every((p) => p === 0)) return ctx.alias(0, ctx.tensor(0));
  ctx.emit('pad', [ctx.tensor(0)], mode === 'constant' ? { pads, value } : { pads, mode }, 0);
}

export const LAYOUT_CONVERTERS: readonly OnnxConverter[] = [
  { opType: 'Reshape', versions: [1, 5, 13, 14, 19, 21], convert: reshape },
  { opType: 'Flatten', versions: [1, 9, 11, 13, 21], convert: (ctx) => relabel(ctx, flattenShape(ctx.shape(0), ctx.int('axis', 1))) },
  { opType: 'Squeeze', versions: [1, 11, 13, 21], convert: (ctx) => relabel(ctx, squeezeShape(ctx.shape(0), axesInput(ctx, 13, false))) },
  { opType: 'Unsqueeze', versions: [1, 11, 13, 21], convert: (ctx) => relabel(ctx, unsqueezeShape(ctx.shape(0), axesInput(ctx, 13, true)!)) },
  { opType: 'Transpose', versions: [1, 13, 21], convert: transpose },
  { opType: 'Concat', versions: [1, 4, 11, 13], convert: concat },
  { opType: 'Pad', versions: [1, 2, 11, 13, 18, 19, 21], convert: pad },
];
