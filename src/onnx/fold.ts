// Import-time evaluation of nodes whose inputs are all known: Constant nodes, shape
// arithmetic (Shape -> Gather -> Unsqueeze -> Concat -> Reshape/Resize) and any math on
// initializers. Results keep ONNX's dtypes, so int64 shape values stay integers.
import { numel } from '../graph/ir.js';
import { broadcastShapes } from '../graph/shape.js';
import { stridesOf } from '../reference/tensor.js';
import type { ImportContext } from './context.js';
import { DataType } from './schema.js';
import { constTensor, int64s, kindOf, scalarOf, type ConstTensor } from './tensor.js';
import { flattenShape, normAxis, reshapeShape, sliceAxis, squeezeShape, transposePerm, unsqueezeShape } from './shape-math.js';
import { axesInput } from './axes.js';

type Fold = (ctx: ImportContext, ins: ConstTensor[]) => ConstTensor;

const withShape = (t: ConstTensor, shape: number[]): ConstTensor => ({ ...t, shape });

/** Elementwise over broadcast inputs; `type` is the result dtype. */
function broadcastMap(ins: ConstTensor[], type: number, f: (v: number[]) => number): ConstTensor {
  const shape = ins.map((t) => t.shape).reduce((a, b) => broadcastShapes(a, b));
  const so = stridesOf(shape);
  const strides = ins.map((t) => {
    const own = stridesOf(t.shape);
    return shape.map((_, d) => {
      const k = d - (shape.length - t.shape.length);
      return k < 0 || t.shape[k] === 1 ? 0 : own[k];
    });
  });
  const out = new Array<number>(numel(shape));
  const args = new Array<number>(ins.length);
  for (let i = 0; i < out.length; i++) {
    for (let j = 0; j < ins.length; j++) {
      let off = 0;
      let rem = i;
      for (let d = 0; d < shape.length; d++) {
        const q = Math.floor(rem / so[d]);
        rem -= q * so[d];
        off += q * strides[j][d];
      }
      args[j] = ins[j].data[off];
    }
    out[i] = f(args);
  }
  return constTensor(type, shape, out);
}

const isInt = (t: ConstTensor) => kindOf(t.dataType) === 'int';

function arith(f: (a: number, b: number) => number, intF?: (a: number, b: number) => number): Fold {
  return (_, [a, b]) => broadcastMap([a, b], a.dataType, ([x, y]) => (isInt(a) && intF ? intF(x, y) : f(x, y)));
}
const compare = (f: (a: number, b: number) => boolean): Fold => (_, ins) => broadcastMap(ins, DataType.BOOL, ([x, y]) => (f(x, y) ? 1 : 0));
const unary = (f: (a: number) => number): Fold => (_, [x]) => constTensor(x.dataType, x.shape, Array.from(x.data, f));
const variadic = (f: (a: number, b: number) => number): Fold => (_, ins) => broadcastMap(ins, ins[0].dataType, (v) => v.reduce(f));

function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function cast(ctx: ImportContext, [x]: ConstTensor[]): ConstTensor {
  const to = ctx.int('to');
  const kind = kindOf(to);
  if (to === DataType.STRING) ctx.fail('Cast to string is not supported');
  const conv = kind === 'float' ? (v: number) => v : kind === 'bool' ? (v: number) => (v !== 0 ? 1 : 0) : (v: number) => Math.trunc(v);
  return constTensor(to, x.shape, Array.from(x.data, conv));
}

function gather(ctx: ImportContext, [data, idx]: ConstTensor[]): ConstTensor {
  const axis = normAxis(ctx.int('axis', 0), data.shape.length, 'Gather axis');
  const dim = data.shape[axis];
  const outer = numel(data.shape.slice(0, axis));
  const inner = numel(data.shape.slice(axis + 1));
  const out: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (const raw of idx.data) {
      const i = raw < 0 ? raw + dim : raw;
      if (i < 0 || i >= dim) ctx.fail(`Gather index ${raw} is out of range for a dimension of ${dim}`);
      for (let k = 0; k < inner; k++) out.push(data.data[(o * dim + i) * inner + k]);
    }
  }
  return constTensor(data.dataType, [...data.shape.slice(0, axis), ...idx.shape, ...data.shape.slice(axis + 1)], out);
}

/** Copies a strided N-d window: out index -> sum(coord * step * stride) + start offset. */
function window(x: ConstTensor, starts: number[], steps: number[], counts: number[]): ConstTensor {
  const st = stridesOf(x.shape);
  const so = stridesOf(counts);
  const out = new Array<number>(numel(counts));
  for (let i = 0; i < out.length; i++) {
    let off = 0;
    let rem = i;
    for (let d = 0; d < counts.length; d++) {
      const q = Math.floor(rem / so[d]);
      rem -= q * so[d];
      off += (starts[d] + q * steps[d]) * st[d];
    }
    out[i] = x.data[off];
  }
  return constTensor(x.dataType, counts, out);
}

function slice(ctx: ImportContext, ins: ConstTensor[]): ConstTensor {
  const x = ins[0];
  const old = ctx.opset < 10;
  const starts = old ? ctx.ints('starts') : Array.from(ins[1].data);
  const ends = old ? ctx.ints('ends') : Array.from(ins[2].data);
  const axes = old ? ctx.ints('axes', starts.map((_, i) => i)) : ctx.has(3) ? Array.from(ctx.constant(3, 'axes').data) : starts.map((_, i) => i);
  const steps = !old && ctx.has(4) ? Array.from(ctx.constant(4, 'steps').data) : starts.map(() => 1);
  const s = x.shape.map(() => 0);
  const step = x.shape.map(() => 1);
  const count = [...x.shape];
  axes.forEach((a, i) => {
    const d = normAxis(a, x.shape.length, 'Slice axis');
    const r = sliceAxis(x.shape[d], starts[i], ends[i], steps[i]);
    [s[d], step[d], count[d]] = [r.start, r.step, r.count];
  });
  return window(x, s, step, count);
}

function concat(ctx: ImportContext, ins: ConstTensor[]): ConstTensor {
  const axis = normAxis(ctx.int('axis'), ins[0].shape.length, 'Concat axis');
  const outer = numel(ins[0].shape.slice(0, axis));
  const out: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (const t of ins) {
      const chunk = numel(t.shape.slice(axis));
      for (let k = 0; k < chunk; k++) out.push(t.data[o * chunk + k]);
    }
  }
  const shape = [...ins[0].shape];
  shape[axis] = ins.reduce((a, t) => a + t.shape[axis], 0);
  return constTensor(ins[0].dataType, shape, out);
}

function transpose(ctx: ImportContext, [x]: ConstTensor[]): ConstTensor {
  const perm = transposePerm(x.shape.length, ctx.optInts('perm'));
  const st = stridesOf(x.shape);
  const shape = perm.map((p) => x.shape[p]);
  const so = stridesOf(shape);
  const data = new Array<number>(x.data.length);
  for (let i = 0; i < data.length; i++) {
    let off = 0;
    let rem = i;
    for (let d = 0; d < perm.length; d++) {
      const q = Math.floor(rem / so[d]);
      rem -= q * so[d];
      off += q * st[perm[d]];
    }
    data[i] = x.data[off];
  }
  return constTensor(x.dataType, shape, data);
}

function range(_: ImportContext, [start, limit, delta]: ConstTensor[]): ConstTensor {
  const [s, l, d] = [scalarOf(start), scalarOf(limit), scalarOf(delta)];
  const n = Math.max(Math.ceil((l - s) / d), 0);
  return constTensor(start.dataType, [n], Array.from({ length: n }, (_, i) => s + i * d));
}

function constantOfShape(ctx: ImportContext, [shape]: ConstTensor[]): ConstTensor {
  const v = ctx.node.attrs.get('value')?.t ?? constTensor(DataType.FLOAT, [1], [0]);
  const dims = Array.from(shape.data);
  return constTensor(v.dataType, dims, new Array(numel(dims)).fill(v.data[0]));
}

function expand(_: ImportContext, [x, shape]: ConstTensor[]): ConstTensor {
  const target = constTensor(x.dataType, Array.from(shape.data), new Array(numel(Array.from(shape.data))).fill(0));
  return broadcastMap([x, target], x.dataType, ([v]) => v);
}

export const FOLDS: Record<string, Fold> = {
  Identity: (_, [x]) => x,
  Dropout: (_, [x]) => x,
  Cast: cast,
  Size: (_, [x]) => int64s([numel(x.shape)], []),
  Gather: gather,
  Slice: slice,
  Concat: concat,
  Transpose: transpose,
  Range: range,
  ConstantOfShape: constantOfShape,
  Expand: expand,
  Unsqueeze: (ctx, [x]) => withShape(x, unsqueezeShape(x.shape, axesInput(ctx, 13, true)!)),
  Squeeze: (ctx, [x]) => withShape(x, squeezeShape(x.shape, axesInput(ctx, 13, false))),
  Reshape: (ctx, [x, s]) => withShape(x, reshapeShape(x.shape, Array.from(s.data), ctx.int('allowzero', 0) === 1)),
  Flatten: (ctx, [x]) => withShape(x, flattenShape(x.shape, ctx.int('axis', 1))),
  Add: arith((a, b) => a + b),
  Sub: arith((a, b) => a - b),
  Mul: arith((a, b) => a * b),
  Div: arith((a, b) => a / b, (a, b) => Math.trunc(a / b)),
  Pow: arith((a, b) => a ** b),
  Mod: arith((a, b) => a - b * Math.floor(a / b)),
  Max: variadic(Math.max),
  Min: variadic(Math.min),
  Sum: variadic((a, b) => a + b),
  Equal: compare((a, b) => a === b),
  Less: compare((a, b) => a < b),
  Greater: compare((a, b) => a > b),
  LessOrEqual: compare((a, b) => a <= b),
  GreaterOrEqual: compare((a, b) => a >= b),
  And: compare((a, b) => a !== 0 && b !== 0),
  Or: compare((a, b) => a !== 0 || b !== 0),
  Not: (_, [x]) => constTensor(DataType.BOOL, x.shape, Array.from(x.data, (v) => (v ? 0 : 1))),
  Where: (_, [c, a, b]) => broadcastMap([c, a, b], a.dataType, ([k, x, y]) => (k ? x : y)),
  Floor: unary(Math.floor),
  Ceil: unary(Math.ceil),
  Round: unary(roundHalfEven),
  Neg: unary((v) => -v),
  Abs: unary(Math.abs),
  Sign: unary(Math.sign),
  Sqrt: unary(Math.sqrt),
  Reciprocal: unary((v) => 1 / v),
  Exp: unary(Math.exp),
  Log: unary(Math.log),
  Relu: unary((v) => Math.max(v, 0)),
  Sigmoid: unary((v) => 1 / (1 + Math.exp(-v))),
};

/** Inputs that are the data being folded; the rest (axes, steps...) are read as parameters. */
const DATA_INPUTS: Record<string, number> = { Slice: 3, Unsqueeze: 1, Squeeze: 1, Reshape: 2, Dropout: 1 };

export function foldable(ctx: ImportContext): boolean {
  const { opType, inputs } = ctx.node;
  if (!FOLDS[opType]) return false;
  const n = Math.min(DATA_INPUTS[opType] ?? inputs.length, inputs.length);
  for (let i = 0; i < n; i++) if (ctx.has(i) && !ctx.isConst(i)) return false;
  return true;
}

export function fold(ctx: ImportContext): void {
  const { opType, inputs } = ctx.node;
  const n = Math.min(DATA_INPUTS[opType] ?? inputs.length, inputs.length);
  const ins: ConstTensor[] = [];
  for (let i = 0; i < n; i++) if (ctx.has(i)) ins.push(ctx.constant(i, 'value'));
  ctx.setConst(0, FOLDS[opType](ctx, ins));
}
