// Slice and Split on runtime data, both normalized to `slice` nodes (one per Split output):
// per input axis a start, a step and a count, with the spec's clamping already applied.
// Starts, ends, axes, steps and split sizes must be known at import time; in CNN exports they
// are constants or Shape arithmetic, which folds.
import type { ImportContext } from '../../onnx/context.js';
import { normAxes, normAxis, sliceAxis } from '../../onnx/shape-math.js';
import type { OnnxConverter } from '../types.js';

interface Canonical {
  starts: number[];
  steps: number[];
  counts: number[];
}

const whole = (shape: number[]): Canonical => ({ starts: shape.map(() => 0), steps: shape.map(() => 1), counts: [...shape] });
const isWhole = (c: Canonical, shape: number[]): boolean => shape.every((n, d) => c.starts[d] === 0 && c.steps[d] === 1 && c.counts[d] === n);
const ints = (ctx: ImportContext, i: number, what: string): number[] => Array.from(ctx.constant(i, what).data);

/** Emits the slice for ONNX output k, or aliases the input when the slice takes all of it. */
function emitSlice(ctx: ImportContext, c: Canonical, k: number): void {
  const shape = ctx.shape(0);
  if (isWhole(c, shape)) return ctx.alias(k, ctx.tensor(0));
  ctx.emit('slice', [ctx.tensor(0)], { starts: c.starts, steps: c.steps, counts: c.counts }, k);
}

/** Slice-1 takes starts/ends/axes as attributes; 10+ as inputs 1-4 (axes, steps optional). */
function sliceParams(ctx: ImportContext): { starts: number[]; ends: number[]; axes?: number[]; steps?: number[] } {
  if (ctx.opset < 10) return { starts: ctx.ints('starts'), ends: ctx.ints('ends'), axes: ctx.optInts('axes') };
  return {
    starts: ints(ctx, 1, 'starts'),
    ends: ints(ctx, 2, 'ends'),
    axes: ctx.has(3) ? ints(ctx, 3, 'axes') : undefined,
    steps: ctx.has(4) ? ints(ctx, 4, 'steps') : undefined,
  };
}

function slice(ctx: ImportContext): void {
  const shape = ctx.shape(0);
  const p = sliceParams(ctx);
  const n = p.starts.length;
  const axes = normAxes(p.axes ?? p.starts.map((_, i) => i), shape.length, 'Slice axes');
  const steps = p.steps ?? p.starts.map(() => 1);
  if (p.ends.length !== n || axes.length !== n || steps.length !== n) ctx.fail(`starts [${p.starts}], ends [${p.ends}], axes [${axes}] and steps [${steps}] must have the same length`);
  const c = whole(shape);
  axes.forEach((a, i) => {
    if (steps[i] === 0) ctx.fail(`step of axis ${a} is 0; steps must not be 0`);
    const r = sliceAxis(shape[a], p.starts[i], p.ends[i], steps[i]);
    if (r.count === 0) ctx.fail(`axis ${a} of [${shape}] sliced from ${p.starts[i]} to ${p.ends[i]} in steps of ${steps[i]} is empty; tensors with a zero-sized dimension are not supported`);
    [c.starts[a], c.steps[a], c.counts[a]] = [r.start, r.step, r.count];
  });
  emitSlice(ctx, c, 0);
}

/** Split sizes as the version gives them: Split-1 input 1 or attribute, 2-12 attribute, 13+ input 1. */
function givenSplit(ctx: ImportContext): number[] | undefined {
  if (ctx.opset < 2 && ctx.has(1)) return ints(ctx, 1, 'split');
  if (ctx.opset < 13) return ctx.optInts('split');
  return ctx.has(1) ? ints(ctx, 1, 'split') : undefined;
}

/**
 * Split-18's num_outputs: parts of ceil(dim / n), the last one smaller. Without sizes and
 * without num_outputs (earlier versions, and 18 as onnxruntime reads it) the parts are equal.
 */
function splitSizes(ctx: ImportContext, dim: number, outputs: number): number[] {
  const given = givenSplit(ctx);
  const numOutputs = ctx.opset >= 18 && ctx.hasAttr('num_outputs') ? ctx.int('num_outputs') : undefined;
  if (given && numOutputs !== undefined) ctx.fail('gives both the split input and the num_outputs attribute; the spec allows one of them');
  if (given) return given;
  if (numOutputs !== undefined) {
    if (numOutputs !== outputs) ctx.fail(`num_outputs ${numOutputs} differs from the node's ${outputs} outputs`);
    const chunk = Math.ceil(dim / numOutputs);
    const sizes = new Array<number>(numOutputs).fill(chunk);
    sizes[numOutputs - 1] = dim - chunk * (numOutputs - 1);
    return sizes;
  }
  if (dim % outputs !== 0) ctx.fail(`a dimension of ${dim} does not split into ${outputs} equal parts; give split sizes${ctx.opset >= 18 ? ' or num_outputs' : ''}`);
  return new Array<number>(outputs).fill(dim / outputs);
}

function split(ctx: ImportContext): void {
  const shape = ctx.shape(0);
  const axis = normAxis(ctx.int('axis', 0), shape.length, 'Split axis');
  const outputs = ctx.node.outputs.length;
  const sizes = splitSizes(ctx, shape[axis], outputs);
  if (sizes.length !== outputs) ctx.fail(`split sizes [${sizes}] give ${sizes.length} parts for ${outputs} outputs`);
  if (sizes.some((s) => s < 1)) ctx.fail(`split sizes [${sizes}] of a dimension of ${shape[axis]} include an empty part; tensors with a zero-sized dimension are not supported`);
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total !== shape[axis]) ctx.fail(`split sizes [${sizes}] sum to ${total}, not to the dimension ${shape[axis]} of axis ${axis} of [${shape}]`);
  let at = 0;
  sizes.forEach((size, k) => {
    const c = whole(shape);
    [c.starts[axis], c.counts[axis]] = [at, size];
    at += size;
    if (ctx.node.outputs[k]) emitSlice(ctx, c, k);
  });
}

export const SLICE_CONVERTERS: readonly OnnxConverter[] = [
  { opType: 'Slice', versions: [1, 10, 11, 13], convert: slice },
  { opType: 'Split', versions: [1, 2, 11, 13, 18], convert: split },
];
