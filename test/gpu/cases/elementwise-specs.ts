// The element-wise GPU cases: every unary row in its vec4, scalar and prescale variants (and
// wide input ranges where a formula could overflow), and the binary rows pow, prelu, max and
// min over their operand layouts (same shape, per-channel, scalar, generic broadcast). Each
// case states its tolerance on max|y - ref| / max|ref|. Pure data, shared with the page.
import type { Attrs } from '../../../src/graph/ir';
import type { CaseInput, MiscCase } from './misc-cases';

export interface ElementwiseCase extends MiscCase {
  tolerance: number;
}

/** Ops whose GPU result rounds like the reference: comparisons, selects, one multiply-add. */
const EXACT = 1e-6;
/**
 * exp/log/pow/tanh/erf-based rows: WGSL allows exp and log errors of a few ulp growing with
 * |x| (3 + 2|x| ulp for exp), and the erf / tanh approximations add up to 2e-7.
 */
const TRANSCENDENTAL = 1e-5;

const VEC4 = [2, 3, 4, 4];
const SCALAR = [2, 3, 5, 7];
const scale = (shape: number[], range: [number, number]): CaseInput => ({ name: 's', shape: [shape[0], shape[1], 1, 1], range });

interface UnarySpec {
  op: string;
  attrs?: Attrs;
  range?: [number, number];
  tolerance: number;
  /** An extra case over this range, where a naive formula would overflow. */
  wide?: [number, number];
}

const POSITIVE: [number, number] = [0.05, 8];

const UNARY: UnarySpec[] = [
  { op: 'identity', tolerance: EXACT },
  { op: 'relu', tolerance: EXACT },
  { op: 'sigmoid', tolerance: TRANSCENDENTAL },
  { op: 'silu', tolerance: TRANSCENDENTAL, wide: [-100, 100] },
  { op: 'clip', attrs: { min: -1, max: 2.5 }, tolerance: EXACT },
  { op: 'clip', attrs: { min: 0, max: 6 }, range: [-9, 9], tolerance: EXACT },
  { op: 'clip', tolerance: EXACT },
  { op: 'hardsigmoid', tolerance: EXACT },
  { op: 'hardsigmoid', attrs: { alpha: 0.3, beta: 0.6 }, tolerance: EXACT },
  { op: 'hardswish', tolerance: EXACT },
  { op: 'leakyrelu', tolerance: EXACT },
  { op: 'leakyrelu', attrs: { alpha: 0.2 }, tolerance: EXACT },
  { op: 'elu', tolerance: TRANSCENDENTAL, wide: [-100, 100] },
  { op: 'elu', attrs: { alpha: 0.5 }, tolerance: TRANSCENDENTAL },
  { op: 'selu', tolerance: TRANSCENDENTAL, wide: [-100, 100] },
  { op: 'tanh', tolerance: TRANSCENDENTAL, wide: [-100, 100] },
  { op: 'tanh', range: [-0.5, 0.5], tolerance: TRANSCENDENTAL },
  { op: 'softplus', tolerance: TRANSCENDENTAL, wide: [-100, 100] },
  { op: 'mish', tolerance: TRANSCENDENTAL, wide: [-100, 100] },
  { op: 'gelu', tolerance: TRANSCENDENTAL, wide: [-100, 100] },
  { op: 'gelu_tanh', tolerance: TRANSCENDENTAL, wide: [-100, 100] },
  { op: 'erf', range: [-4, 4], tolerance: TRANSCENDENTAL, wide: [-100, 100] },
  { op: 'erf', range: [-0.9, 0.9], tolerance: TRANSCENDENTAL },
  { op: 'exp', tolerance: TRANSCENDENTAL },
  { op: 'log', range: POSITIVE, tolerance: TRANSCENDENTAL },
  { op: 'sqrt', range: POSITIVE, tolerance: EXACT },
  { op: 'reciprocal', range: POSITIVE, tolerance: EXACT },
  { op: 'neg', tolerance: EXACT },
  { op: 'abs', tolerance: EXACT },
  { op: 'floor', tolerance: EXACT },
  { op: 'ceil', tolerance: EXACT },
  { op: 'sign', tolerance: EXACT },
];

function unaryCases(): ElementwiseCase[] {
  const out: ElementwiseCase[] = [];
  for (const s of UNARY) {
    const attrs = s.attrs ?? {};
    const tag = `${s.op}${Object.keys(attrs).length ? ` ${JSON.stringify(attrs)}` : ''}`;
    const range = s.range ?? [-6, 6];
    // Rows defined on positive inputs only get positive prescales.
    const scaleRange: [number, number] = range[0] < 0 ? [-1.5, 1.5] : [0.5, 1.5];
    const c = (shape: number[], pre: boolean, r = range, label = ''): ElementwiseCase => ({
      name: `${tag} ${shape.join('x')}${pre ? ' prescale' : ''}${label} [${r}]`,
      op: s.op,
      inputs: [{ name: 'x', shape, range: r }, ...(pre ? [scale(shape, scaleRange)] : [])],
      attrs: pre ? { ...attrs, prescale: true } : attrs,
      kernel: 'unary',
      tolerance: s.tolerance,
    });
    out.push(c(VEC4, false), c(SCALAR, false), c(VEC4, true), c(SCALAR, true));
    if (s.wide) out.push(c(SCALAR, false, s.wide, ' wide'));
  }
  return out;
}

interface BinarySpec {
  name: string;
  op: string;
  a: CaseInput;
  b: CaseInput;
  attrs?: Attrs;
  tolerance: number;
}

const a = (shape: number[], range: [number, number] = [-3, 3]): CaseInput => ({ name: 'a', shape, range });
const w = (shape: number[], values?: number[], range?: [number, number]): CaseInput => ({ name: 'b', shape, weight: true, values, range });
/** Mixed-sign bases away from 0, so that negative exponents stay small (13 values, prime). */
const BASES = [-1.5, -1.2, -0.9, -0.6, 0.55, 0.8, 1.1, 1.45, -1.33, 0.67, -0.71, 1.27, -1.01];
/** Bases near 1 in magnitude, so that exponents around 64 stay finite (7 values). */
const NEAR_ONE = [-1.05, -0.97, 0.93, 1.02, -1.01, 0.99, -0.95];
const bases = (shape: number[], values = BASES): CaseInput => ({ name: 'a', shape, values });

const BINARY: BinarySpec[] = [
  // Negative bases with integral exponents: binary powering, exact for 2.
  { name: 'pow x^2 scalar exponent', op: 'pow', a: a(VEC4), b: w([], [2]), tolerance: EXACT },
  { name: 'pow x^3 scalar exponent (odd size)', op: 'pow', a: a(SCALAR), b: w([1], [3]), tolerance: EXACT },
  { name: 'pow x^-2 scalar exponent', op: 'pow', a: bases(VEC4), b: w([], [-2]), tolerance: EXACT },
  { name: 'pow per-channel integral exponents 0..7 and -1', op: 'pow', a: bases([2, 9, 4, 4]), b: w([9, 1, 1], [0, 1, 2, 3, 4, 5, 7, -1, -3]), tolerance: EXACT },
  { name: 'pow elementwise exponents incl. 64 and 65 (generic)', op: 'pow', a: bases([2, 3, 5], NEAR_ONE), b: w([3, 5], [2, 5, 64, 65, -4, 6, 0, 1, 63, -65, 8, 11, 32, 33, 12]), tolerance: TRANSCENDENTAL },
  { name: 'pow x^0.5 (sqrt) positive bases', op: 'pow', a: a(VEC4, [0, 9]), b: w([], [0.5]), tolerance: EXACT },
  { name: 'pow fractional exponents positive bases', op: 'pow', a: a(SCALAR, [0.25, 4]), b: w([7], undefined, [-2.5, 2.5]), tolerance: TRANSCENDENTAL },
  { name: 'pow scalar base ^ tensor (reversed broadcast)', op: 'pow', a: a([], [1.5, 1.5]), b: w(SCALAR, undefined, [-3, 3]), tolerance: TRANSCENDENTAL },
  // PRelu slopes: [C, 1, 1] (per channel), scalar, full shape, [C] on [N, C].
  { name: 'prelu slope [C,1,1]', op: 'prelu', a: a(VEC4), b: w([3, 1, 1], undefined, [0, 0.5]), tolerance: EXACT },
  { name: 'prelu slope [C,1,1] odd planes', op: 'prelu', a: a(SCALAR), b: w([3, 1, 1], undefined, [0, 0.5]), tolerance: EXACT },
  { name: 'prelu scalar slope', op: 'prelu', a: a(SCALAR), b: w([1], [0.25]), tolerance: EXACT },
  { name: 'prelu full-shape slope', op: 'prelu', a: a(VEC4), b: w(VEC4, undefined, [0, 1]), tolerance: EXACT },
  { name: 'prelu [C] slope on [N, C]', op: 'prelu', a: a([5, 6]), b: w([6], undefined, [0, 1]), tolerance: EXACT },
  { name: 'prelu [C,1] slope on rank 3 (generic)', op: 'prelu', a: a([2, 3, 5]), b: w([3, 1], undefined, [0, 1]), tolerance: EXACT },
  // max / min as the variadic ops lower to them.
  { name: 'max same shape', op: 'max', a: a(SCALAR), b: { name: 'b', shape: SCALAR }, tolerance: EXACT },
  { name: 'max per-channel, relu fused', op: 'max', a: a(VEC4), b: w([1, 3, 1, 1]), attrs: { activation: 'relu' }, tolerance: EXACT },
  { name: 'min scalar', op: 'min', a: a(VEC4), b: w([], [0.5]), tolerance: EXACT },
  { name: 'min generic 2x1x5 / 3x1', op: 'min', a: a([2, 1, 5]), b: { name: 'b', shape: [3, 1] }, tolerance: EXACT },
];

function binaryCases(): ElementwiseCase[] {
  return BINARY.map((s) => ({ name: s.name, op: s.op, inputs: [s.a, s.b], attrs: s.attrs ?? {}, kernel: 'binary', tolerance: s.tolerance }));
}

/** One tensor as both operands (x * x in exported LayerNorm and GELU chains): bound once. */
const SAME_OPERAND: ElementwiseCase[] = [
  { name: 'mul x * x (one binding)', op: 'mul', inputs: [{ name: 'x', shape: VEC4 }], nodeInputs: ['x', 'x'], attrs: {}, kernel: 'binary', tolerance: EXACT },
  { name: 'add x + x odd size (one binding)', op: 'add', inputs: [{ name: 'x', shape: SCALAR }], nodeInputs: ['x', 'x'], attrs: {}, kernel: 'binary', tolerance: EXACT },
];

export const ELEMENTWISE_CASES: ElementwiseCase[] = [...unaryCases(), ...binaryCases(), ...SAME_OPERAND];
