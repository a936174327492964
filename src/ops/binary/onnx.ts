// ONNX converters of the binary family: the two-input arithmetic ops (with the pre-opset-7
// `broadcast`/`axis` form), Pow (an integer exponent becomes a float weight), PRelu (the
// per-channel slope of versions 1 and 6) and the variadic Max, Min, Sum and Mean, which become
// chains of binary nodes.
import { numel } from '../../graph/ir.js';
import type { ImportContext } from '../../onnx/context.js';
import { kindOf } from '../../onnx/tensor.js';
import type { OnnxConverter } from '../types.js';

/**
 * Before opset 7 broadcasting was opt-in: `broadcast=1` aligns B with A starting at `axis`
 * (default: the trailing dims). B is reshaped so that numpy broadcasting gives the same result.
 */
function legacyOperands(ctx: ImportContext, a: string, b: string): [string, string] {
  const [sa, sb] = [ctx.shapeOfTensor(a), ctx.shapeOfTensor(b)];
  if (ctx.opset >= 7 || sa.join() === sb.join()) return [a, b];
  if (ctx.int('broadcast', 0) !== 1) ctx.fail(`shapes [${sa}] and [${sb}] differ and broadcast=0 (opset ${ctx.opset} broadcasts only with broadcast=1)`);
  const axis = ctx.int('axis', sa.length - sb.length);
  if (axis < 0 || axis + sb.length > sa.length) ctx.fail(`axis ${axis} does not place B [${sb}] inside A [${sa}]`);
  const shape = sa.map((_, d) => (d >= axis && d < axis + sb.length ? sb[d - axis] : 1));
  return [a, ctx.emit('reshape', [b], { shape })];
}

export function twoInput(kind: string, opType: string, versions: readonly number[]): OnnxConverter {
  return { opType, versions, convert: (ctx) => void ctx.emit(kind, legacyOperands(ctx, ctx.tensor(0), ctx.tensor(1)), {}, 0) };
}

/** Pow-12+ allows an integer exponent; a constant one is applied as float32 (exact below 2^24). */
function exponent(ctx: ImportContext): string {
  if (ctx.isConst(1)) {
    const c = ctx.constant(1, 'exponent');
    if (kindOf(c.dataType) !== 'float') return ctx.weight('exponent', c.shape, Float32Array.from(c.data));
  }
  return ctx.tensor(1);
}

export const POW_CONVERTER: OnnxConverter = {
  opType: 'Pow',
  versions: [1, 7, 12, 13, 15],
  convert: (ctx) => void ctx.emit('pow', legacyOperands(ctx, ctx.tensor(0), exponent(ctx)), {}, 0),
};

/**
 * PRelu-1 and -6 predate broadcasting: the slope is one value, one per channel (dim 1, the
 * Caffe form) or X's shape. A per-channel [C] slope is reshaped to [C, 1, ...] so that numpy
 * broadcasting applies it along dim 1.
 */
function legacySlope(ctx: ImportContext, x: string, slope: string): string {
  const [sx, ss] = [ctx.shapeOfTensor(x), ctx.shapeOfTensor(slope)];
  if (numel(ss) === 1 || ss.join() === sx.join()) return slope;
  if (ss.length === 1 && sx.length >= 2 && ss[0] === sx[1]) return ctx.emit('reshape', [slope], { shape: [ss[0], ...new Array<number>(sx.length - 2).fill(1)] });
  return ctx.fail(`opset ${ctx.opset} PRelu takes a slope of one value, one per channel ([${sx[1]}]) or X's shape [${sx}]; got [${ss}]`);
}

export const PRELU_CONVERTER: OnnxConverter = {
  opType: 'PRelu',
  versions: [1, 6, 7, 9, 16],
  convert(ctx) {
    const x = ctx.tensor(0);
    const slope = ctx.opset < 7 ? legacySlope(ctx, x, ctx.tensor(1)) : ctx.tensor(1);
    ctx.emit('prelu', [x, slope], {}, 0);
  },
};

/**
 * Max, Min, Sum and Mean of 1..N inputs as a chain of binary nodes (numpy broadcasting is
 * associative, so the chain broadcasts like the variadic op); Mean scales the sum by 1/N.
 * One input is the input itself. Versions before 8 take inputs of one shape only.
 */
function variadic(opType: string, kind: string, versions: readonly number[], mean = false): OnnxConverter {
  return {
    opType,
    versions,
    convert(ctx) {
      const n = ctx.node.inputs.length;
      if (n === 0) ctx.fail(`${opType} needs at least one input`);
      const ins = ctx.node.inputs.map((_, i) => ctx.tensor(i));
      const shapes = ins.map((t) => ctx.shapeOfTensor(t));
      if (ctx.opset < 8 && shapes.some((s) => s.join() !== shapes[0].join()))
        ctx.fail(`inputs of shapes ${shapes.map((s) => `[${s}]`).join(', ')} differ; ${opType} broadcasts from opset 8 (${opType}-8), before that its inputs share one shape`);
      if (n === 1) return ctx.alias(0, ins[0]);
      let acc = ins[0];
      for (let i = 1; i < n; i++) acc = ctx.emit(kind, [acc, ins[i]], {}, i === n - 1 && !mean ? 0 : undefined);
      if (mean) ctx.emit('mul', [acc, ctx.weight('reciprocal_count', [], Float32Array.of(1 / n))], {}, 0);
    },
  };
}

export const MAX_CONVERTER = variadic('Max', 'max', [1, 6, 8, 12, 13]);
export const MIN_CONVERTER = variadic('Min', 'min', [1, 6, 8, 12, 13]);
export const SUM_CONVERTER = variadic('Sum', 'add', [1, 6, 8, 13]);
export const MEAN_CONVERTER = variadic('Mean', 'add', [1, 6, 8, 13], true);
