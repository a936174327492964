// Math rows of the unary table: identity, erf, exp, log, sqrt, reciprocal, neg, abs, floor,
// ceil and sign. The version lists are the ONNX operator versions: 6 dropped the legacy
// `consumed_inputs` attribute and 13 added bfloat16, neither of which changes float32 results.
import { erf } from './reference.js';
import { PASS_THROUGH } from './onnx.js';
import { TRANSCENDENTAL, direct, type UnaryRow } from './row.js';
import { ERF_WGSL } from './wgsl.js';

const V1_6_13 = [1, 6, 13];

/** A row whose kind, ONNX op and WGSL builtin share a name. */
function plain(kind: string, onnxType: string, summary: string, f: (v: number) => number, wgsl: string, flops: number, versions = V1_6_13): UnaryRow {
  return { kind, summary, f, wgsl, flops, converters: direct(kind, onnxType, versions), onnxType };
}

export const MATH_ROWS: readonly UnaryRow[] = [
  {
    kind: 'identity',
    summary: 'y = x',
    f: (v) => v,
    wgsl: 'v',
    flops: 0,
    converters: PASS_THROUGH,
    onnxType: 'Identity',
  },
  {
    kind: 'erf',
    summary: 'y = erf(x)',
    f: erf,
    wgsl: 'erf_approx(v)',
    helpers: ERF_WGSL,
    flops: TRANSCENDENTAL,
    converters: direct('erf', 'Erf', [9, 13]),
    onnxType: 'Erf',
  },
  plain('exp', 'Exp', 'y = exp(x)', Math.exp, 'exp(v)', TRANSCENDENTAL),
  plain('log', 'Log', 'y = log(x) (natural)', Math.log, 'log(v)', TRANSCENDENTAL),
  // Square root and reciprocal count as a divide (one operation), not as transcendentals.
  plain('sqrt', 'Sqrt', 'y = sqrt(x)', Math.sqrt, 'sqrt(v)', 1),
  plain('reciprocal', 'Reciprocal', 'y = 1 / x', (v) => 1 / v, '1.0 / v', 1),
  plain('neg', 'Neg', 'y = -x', (v) => -v, '-v', 1),
  plain('abs', 'Abs', 'y = |x|', Math.abs, 'abs(v)', 1),
  plain('floor', 'Floor', 'y = floor(x)', Math.floor, 'floor(v)', 1),
  plain('ceil', 'Ceil', 'y = ceil(x)', Math.ceil, 'ceil(v)', 1),
  plain('sign', 'Sign', 'y = -1, 0 or 1 by the sign of x', Math.sign, 'sign(v)', 1, [9, 13]),
];
