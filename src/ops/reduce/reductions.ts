// The reductions, one table row each: the double-precision reference over one output's values,
// the WGSL step and finish the general reduction program specializes on, the per-plane
// combine where the fast per-row program applies, the cost, and the ONNX form.
import type { Attrs } from '../../graph/ir.js';
import { attrNumber } from '../../graph/ir.js';

export interface Reduction {
  kind: string;
  summary: string;
  onnxType: string;
  versions: readonly number[];
  /** The opset from which `axes` is input 1 and `noop_with_empty_axes` exists (ArgMax: never). */
  axesInputFrom: number;
  /** Reference: the reduction of one output's values (in index order), in double precision. */
  reduce(v: Float64Array, attrs: Attrs): number;
  /** WGSL accumulator start (the program's `init` uniform: infinities are not WGSL literals). */
  init: number;
  /** WGSL statements updating `r: Acc` (fields v, w: f32, i: u32) with value `v` at reduced index `k`. */
  step: string | ((attrs: Attrs) => string);
  /** WGSL expression of the output from `a: Acc`. */
  finish: string;
  /** How the per-row program combines, when this reduction is one of its three. */
  rows?: 'sum' | 'max' | 'min';
  /** FLOPs per input element and per output. */
  flops: [number, number];
}

const TRANSCENDENTAL = 4;

function sum(v: Float64Array, f: (x: number) => number = (x) => x): number {
  let s = 0;
  for (const x of v) s += f(x);
  return s;
}

function extreme(v: Float64Array, better: (a: number, b: number) => boolean): number {
  let m = v[0];
  for (const x of v) if (better(x, m)) m = x;
  return m;
}

function argExtreme(v: Float64Array, attrs: Attrs, max: boolean): number {
  const last = attrNumber(attrs, 'select_last_index', 0) === 1;
  let best = 0;
  for (let k = 1; k < v.length; k++) {
    const better = max ? v[k] > v[best] : v[k] < v[best];
    if (better || (last && v[k] === v[best])) best = k;
  }
  return best;
}

function logSumExp(v: Float64Array): number {
  const m = extreme(v, (a, b) => a > b);
  return m + Math.log(sum(v, (x) => Math.exp(x - m)));
}

const argStep = (cmp: string) => (attrs: Attrs) => `if (v ${cmp}${attrNumber(attrs, 'select_last_index', 0) === 1 ? '=' : ''} r.v) { r.v = v; r.i = k; }`;

export const REDUCTIONS: readonly Reduction[] = [
  { kind: 'reduce_sum', summary: 'sum', onnxType: 'ReduceSum', versions: [1, 11, 13], axesInputFrom: 13, reduce: (v) => sum(v), init: 0, step: 'r.v += v;', finish: 'a.v', rows: 'sum', flops: [1, -1] },
  // A mean of k values is k - 1 adds and a divide.
  { kind: 'reduce_mean', summary: 'mean', onnxType: 'ReduceMean', versions: [1, 11, 13, 18], axesInputFrom: 18, reduce: (v) => sum(v) / v.length, init: 0, step: 'r.v += v;', finish: 'a.v * u.inv_count', rows: 'sum', flops: [1, 0] },
  { kind: 'reduce_max', summary: 'max', onnxType: 'ReduceMax', versions: [1, 11, 12, 13, 18, 20], axesInputFrom: 18, reduce: (v) => extreme(v, (a, b) => a > b), init: -Infinity, step: 'r.v = max(r.v, v);', finish: 'a.v', rows: 'max', flops: [1, -1] },
  { kind: 'reduce_min', summary: 'min', onnxType: 'ReduceMin', versions: [1, 11, 12, 13, 18, 20], axesInputFrom: 18, reduce: (v) => extreme(v, (a, b) => a < b), init: Infinity, step: 'r.v = min(r.v, v);', finish: 'a.v', rows: 'min', flops: [1, -1] },
  { kind: 'reduce_prod', summary: 'product', onnxType: 'ReduceProd', versions: [1, 11, 13, 18], axesInputFrom: 18, reduce: (v) => v.reduce((a, b) => a * b, 1), init: 1, step: 'r.v *= v;', finish: 'a.v', flops: [1, -1] },
  { kind: 'reduce_l1', summary: 'sum of |x|', onnxType: 'ReduceL1', versions: [1, 11, 13, 18], axesInputFrom: 18, reduce: (v) => sum(v, Math.abs), init: 0, step: 'r.v += abs(v);', finish: 'a.v', flops: [2, -1] },
  { kind: 'reduce_l2', summary: 'sqrt of the sum of x^2', onnxType: 'ReduceL2', versions: [1, 11, 13, 18], axesInputFrom: 18, reduce: (v) => Math.sqrt(sum(v, (x) => x * x)), init: 0, step: 'r.v = fma(v, v, r.v);', finish: 'sqrt(a.v)', flops: [2, TRANSCENDENTAL - 1] },
  { kind: 'reduce_sum_square', summary: 'sum of x^2', onnxType: 'ReduceSumSquare', versions: [1, 11, 13, 18], axesInputFrom: 18, reduce: (v) => sum(v, (x) => x * x), init: 0, step: 'r.v = fma(v, v, r.v);', finish: 'a.v', flops: [2, -1] },
  { kind: 'reduce_log_sum', summary: 'log of the sum', onnxType: 'ReduceLogSum', versions: [1, 11, 13, 18], axesInputFrom: 18, reduce: (v) => Math.log(sum(v)), init: 0, step: 'r.v += v;', finish: 'log(a.v)', flops: [1, TRANSCENDENTAL - 1] },
  {
    kind: 'reduce_log_sum_exp',
    summary: 'log of the sum of exp(x), computed as max + log(sum(exp(x - max)))',
    onnxType: 'ReduceLogSumExp',
    versions: [1, 11, 13, 18],
    axesInputFrom: 18,
    reduce: logSumExp,
    init: -Infinity,
    // One pass with a running max m (r.v) and sum of exp(x - m) (r.w), rescaled when m grows.
    step: 'if (v > r.v) { r.w = r.w * exp(r.v - v) + 1.0; r.v = v; } else { r.w += exp(v - r.v); }',
    finish: 'a.v + log(a.w)',
    // compare, subtract, exp, add per element; a log per output.
    flops: [TRANSCENDENTAL + 3, TRANSCENDENTAL - 1],
  },
  // ArgMax / ArgMin write the index as float32 (exact below 2^24): only float32 flows through the graph.
  { kind: 'argmax', summary: 'index of the max (as float32; select_last_index picks the last of ties)', onnxType: 'ArgMax', versions: [1, 11, 12, 13], axesInputFrom: Infinity, reduce: (v, a) => argExtreme(v, a, true), init: -Infinity, step: argStep('>'), finish: 'f32(a.i)', flops: [1, -1] },
  { kind: 'argmin', summary: 'index of the min (as float32; select_last_index picks the last of ties)', onnxType: 'ArgMin', versions: [1, 11, 12, 13], axesInputFrom: Infinity, reduce: (v, a) => argExtreme(v, a, false), init: Infinity, step: argStep('<'), finish: 'f32(a.i)', flops: [1, -1] },
];

export function reduction(kind: string): Reduction | undefined {
  return REDUCTIONS.find((r) => r.kind === kind);
}

export function stepOf(r: Reduction, attrs: Attrs): string {
  return typeof r.step === 'string' ? r.step : r.step(attrs);
}
