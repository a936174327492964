// The element-wise families through the importer and the CPU reference: opset differences
// (Clip's bounds as attributes then inputs, Selu-1's defaults, legacy attributes), attribute
// defaults, Pow with negative bases and integer exponents, PRelu slope shapes, and the
// variadic Max / Min / Sum / Mean with 1-3 inputs and broadcasting. Expected values by hand.
import { describe, expect, it } from 'vitest';
import { A, expectClose, floats, longs, nested, opModel, runOp, type OpCase } from './helpers.js';
import { exportOnnx, importOnnx, summarizeOnnx } from '../../src/onnx/index.js';
import { erf } from '../../src/ops/unary/reference.js';
import { GraphBuilder } from '../../src/graph/builder.js';
import type { Attrs } from '../../src/graph/ir.js';
import { runReference } from '../../src/reference/run.js';
import { compare, tensor } from '../../src/reference/tensor.js';

const X = [-3, -1.5, -0.25, 0, 0.5, 2, 4, 7];
const x8 = { name: 'x', shape: [2, 4] };
const unaryOp = (op: string, opset: number, attrs: OpCase['attrs'] = {}): OpCase => ({ op, opset, inputs: [x8], attrs });
const run = (c: OpCase, values = X) => nested(runOp(c, values));
const map = (f: (v: number) => number) => X.map(f);
const FLT_MAX = 3.4028234663852886e38;
const f32 = Math.fround;

describe('Clip', () => {
  const clip = (lo: number, hi: number) => map((v) => Math.min(Math.max(v, lo), hi));

  it('opset 6 takes min/max attributes, defaulting to the float32 limits', () => {
    expect(run(unaryOp('Clip', 6, { min: A.float(0), max: A.float(6) }))).toEqual(clip(0, 6));
    expect(run(unaryOp('Clip', 6, { max: A.float(1) }))).toEqual(clip(-FLT_MAX, 1));
    expect(run(unaryOp('Clip', 6))).toEqual(X);
    // Clip-1's legacy consumed_inputs changes nothing.
    expect(run(unaryOp('Clip', 1, { min: A.float(-1), max: A.float(1), consumed_inputs: A.ints([0]) }))).toEqual(clip(-1, 1));
  });

  it('opset 11+ takes them as optional inputs, empty names included', () => {
    const c = (consts: OpCase['consts'], opset = 13, constNodes = false): OpCase => ({ op: 'Clip', opset, inputs: [x8], consts, constNodes });
    const s = (v: number) => floats([v], []);
    expect(run(c([s(0), s(6)]))).toEqual(clip(0, 6));
    expect(run(c([s(0), s(6)], 11, true))).toEqual(clip(0, 6));
    expect(run(c(['', s(1)]))).toEqual(clip(-FLT_MAX, 1));
    expect(run(c([s(-1)], 12))).toEqual(clip(-1, FLT_MAX));
    expect(run(c(['', '']))).toEqual(X);
    expect(run(c([]))).toEqual(X);
    // min > max: every value becomes max, as numpy.clip does.
    expect(run(c([s(2), s(1)]))).toEqual(X.map(() => 1));
  });

  it('refuses bounds that are runtime data or not scalars', () => {
    const runtime: OpCase = { op: 'Clip', opset: 13, inputs: [x8, { name: 'lo', shape: [] }] };
    expect(() => runOp(runtime, X, [0])).toThrow(/input 1 \(min\) must be computable at import time/);
    expect(() => run({ op: 'Clip', opset: 13, inputs: [x8], consts: [floats([0, 1], [2])] })).toThrow(/Clip min must be a scalar, got shape \[2\]/);
  });
});

describe('activations: attribute defaults and versions', () => {
  it('HardSigmoid (alpha 0.2, beta 0.5) and HardSwish', () => {
    const hs = (v: number, a: number, b: number) => Math.max(0, Math.min(1, a * v + b));
    expectClose(run(unaryOp('HardSigmoid', 6)), map((v) => hs(v, f32(0.2), 0.5)), 1e-6);
    expectClose(run(unaryOp('HardSigmoid', 1, { alpha: A.float(0.5), beta: A.float(0.25), consumed_inputs: A.ints([0]) })), map((v) => hs(v, 0.5, 0.25)), 1e-6);
    expectClose(run(unaryOp('HardSwish', 14)), map((v) => v * hs(v, 1 / 6, 0.5)), 1e-6);
    expect(() => run(unaryOp('HardSwish', 13))).toThrow(/HardSwish does not exist at opset 13/);
  });

  it('LeakyRelu (alpha 0.01), Elu (alpha 1)', () => {
    expectClose(run(unaryOp('LeakyRelu', 16)), map((v) => (v < 0 ? f32(0.01) * v : v)), 1e-6);
    expectClose(run(unaryOp('LeakyRelu', 6, { alpha: A.float(0.2) })), map((v) => (v < 0 ? f32(0.2) * v : v)), 1e-6);
    expectClose(run(unaryOp('Elu', 6)), map((v) => (v < 0 ? Math.expm1(v) : v)), 1e-6);
    expectClose(run(unaryOp('Elu', 1, { alpha: A.float(2), consumed_inputs: A.ints([0]) })), map((v) => (v < 0 ? 2 * Math.expm1(v) : v)), 1e-6);
  });

  it("Selu: version 6's defaults, and version 1's rounded ones", () => {
    const selu = (a: number, g: number) => map((v) => g * (v > 0 ? v : a * Math.expm1(v)));
    expectClose(run(unaryOp('Selu', 6)), selu(1.67326319217681884765625, 1.05070102214813232421875), 1e-6);
    expectClose(run(unaryOp('Selu', 1)), selu(f32(1.6732), f32(1.0507)), 1e-6);
    expect(Math.abs(run(unaryOp('Selu', 1))[0] - run(unaryOp('Selu', 6))[0])).toBeGreaterThan(1e-5);
  });

  it('Tanh, Softplus, Mish, Erf, Gelu (none and tanh)', () => {
    const softplus = (v: number) => Math.log(1 + Math.exp(v));
    expectClose(run(unaryOp('Tanh', 1, { consumed_inputs: A.ints([0]) })), map(Math.tanh), 1e-6);
    expectClose(run(unaryOp('Softplus', 1)), map(softplus), 1e-6);
    expectClose(run(unaryOp('Mish', 18)), map((v) => v * Math.tanh(softplus(v))), 1e-6);
    expectClose(run(unaryOp('Erf', 9)), [-0.9999779095030014, -0.9661051464753108, -0.2763263901682369, 0, 0.5204998778130465, 0.9953222650189527, 0.9999999845827421, 1], 1e-6);
    expectClose(run(unaryOp('Gelu', 20)), map((v) => 0.5 * v * (1 + erf(v / Math.SQRT2))), 1e-6);
    const tanhGelu = (v: number) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3)));
    expectClose(run(unaryOp('Gelu', 20, { approximate: A.str('tanh') })), map(tanhGelu), 1e-6);
    expect(() => run(unaryOp('Gelu', 20, { approximate: A.str('fast') }))).toThrow(/approximate='fast' is not a Gelu mode \(supported: none, tanh\)/);
    expect(() => run(unaryOp('Gelu', 18))).toThrow(/Gelu does not exist at opset 18/);
  });

  it('math ops at every version', () => {
    const pos = [0.25, 0.5, 1, 2, 3, 4, 9, 16];
    for (const opset of [1, 6, 13]) {
      expectClose(run(unaryOp('Exp', opset)), map(Math.exp), 1e-6);
      expectClose(run(unaryOp('Log', opset), pos), pos.map(Math.log), 1e-6);
      expectClose(run(unaryOp('Sqrt', opset), pos), pos.map(Math.sqrt), 1e-6);
      expectClose(run(unaryOp('Reciprocal', opset), pos), pos.map((v) => 1 / v), 1e-6);
      expect(run(unaryOp('Neg', opset))).toEqual(map((v) => -v));
      expect(run(unaryOp('Abs', opset))).toEqual(map(Math.abs));
      expect(run(unaryOp('Floor', opset))).toEqual(map(Math.floor));
      expect(run(unaryOp('Ceil', opset))).toEqual(map(Math.ceil));
    }
    expect(run(unaryOp('Sign', 9))).toEqual([-1, -1, -1, 0, 1, 1, 1, 1]);
  });
});

describe('Pow', () => {
  const pow = (exponent: number, opset = 15, consts = [floats([exponent], [])]): OpCase => ({ op: 'Pow', opset, inputs: [x8], consts });

  it('integral exponents of negative bases are exact and sign-correct', () => {
    expect(run(pow(2))).toEqual(map((v) => v * v));
    expect(run(pow(3))).toEqual(map((v) => f32(v * v * v)));
    expect(run(pow(-1))).toEqual(map((v) => f32(1 / v)));
    expect(run(pow(0))).toEqual(X.map(() => 1));
    expect(run(pow(2, 15, [longs([2], [])]))).toEqual(map((v) => v * v));
    expect(run(pow(3, 12, [longs([3], [])]))).toEqual(map((v) => f32(v ** 3)));
  });

  it('fractional exponents: sqrt of positive bases, NaN for negative ones', () => {
    const y = run(pow(0.5));
    expectClose(y.slice(3), X.slice(3).map(Math.sqrt), 1e-7);
    expect(y.slice(0, 3).every(Number.isNaN)).toBe(true);
  });

  it('broadcasts numpy-style from opset 7, and with broadcast=1 / axis before', () => {
    const y = runOp({ op: 'Pow', opset: 13, inputs: [x8, { name: 'e', shape: [4] }] }, X, [1, 2, 3, 0.5]);
    expectClose(nested(y), [-3, 2.25, -0.015625, 0, 0.5, 4, 64, Math.sqrt(7)], 1e-7);
    const legacy = (attrs: OpCase['attrs']): OpCase => ({ op: 'Pow', opset: 6, inputs: [x8, { name: 'e', shape: [2] }], attrs });
    expect(nested(runOp(legacy({ broadcast: A.int(1), axis: A.int(0) }), X, [2, 1]))).toEqual([9, 2.25, 0.0625, 0, 0.5, 2, 4, 7]);
    expect(() => runOp(legacy({}), X, [2, 1])).toThrow(/broadcast=0/);
  });
});

describe('PRelu', () => {
  const x = { name: 'x', shape: [1, 2, 2, 2] };
  const slopeC = [0.1, 0.5];
  // X is [1, 2, 2, 2]: channel 0 holds X[0..3], channel 1 X[4..7].
  const want = X.map((v, i) => (v < 0 ? v * slopeC[i >> 2] : v));
  const prelu = (opset: number, slope: number[], shape: number[]): OpCase => ({ op: 'PRelu', opset, inputs: [x], consts: [floats(slope, shape)] });

  it('opset 7+: a [C, 1, 1] slope, a scalar slope, a full-shape slope', () => {
    expectClose(run(prelu(16, slopeC, [2, 1, 1])), want, 1e-7);
    expectClose(run(prelu(9, [0.25], [1])), map((v) => (v < 0 ? v * 0.25 : v)), 1e-7);
    expectClose(run(prelu(7, X.map(() => 0.5), [1, 2, 2, 2])), map((v) => (v < 0 ? v * 0.5 : v)), 1e-7);
  });

  it('a [C] slope follows numpy rules from opset 7: it fits [N, C], not NCHW with W != C', () => {
    const y = runOp({ op: 'PRelu', opset: 16, inputs: [{ name: 'x', shape: [4, 2] }], consts: [floats(slopeC, [2])] }, X);
    expectClose(nested(y), X.map((v, i) => (v < 0 ? v * slopeC[i % 2] : v)), 1e-7);
    const nchw: OpCase = { op: 'PRelu', opset: 16, inputs: [{ name: 'x', shape: [1, 2, 2, 3] }], consts: [floats(slopeC, [2])] };
    expect(() => runOp(nchw, new Array(12).fill(-1))).toThrow(/\[2\] does not broadcast to \[1,2,2,3\] one way .* \[C, 1, 1\]/);
  });

  it('opsets 1 and 6: a [C] slope is per channel (dim 1)', () => {
    expectClose(run(prelu(6, slopeC, [2])), want, 1e-7);
    expectClose(run({ ...prelu(1, slopeC, [2]), attrs: { consumed_inputs: A.ints([0]) } }), want, 1e-7);
    expect(() => run(prelu(6, [1, 2, 3], [3]))).toThrow(/PRelu takes a slope of one value, one per channel \(\[2\]\) or X's shape/);
  });
});

describe('variadic Max / Min / Sum / Mean', () => {
  const a = { name: 'a', shape: [2, 3] };
  const b = { name: 'b', shape: [3] };
  const c = { name: 'c', shape: [2, 1] };
  const A6 = [1, -2, 3, -4, 5, -6];
  const B3 = [0, 0.5, -1];
  const C2 = [2, -3];
  const variadic = (op: string, opset: number, inputs: OpCase['inputs']): OpCase => ({ op, opset, inputs });

  it('one input is the input itself', () => {
    for (const op of ['Max', 'Min', 'Sum', 'Mean']) {
      const g = importOnnx(opModel(variadic(op, 13, [a])));
      expect(g.nodes.map((n) => n.op)).toEqual(['identity']);
      expect(nested(runOp(variadic(op, 13, [a]), A6))).toEqual(A6);
    }
  });

  it('two and three inputs broadcast multidirectionally from opset 8', () => {
    const at = (i: number) => [A6[i], B3[i % 3], C2[Math.floor(i / 3)]];
    const expect3 = (f: (v: number[]) => number) => A6.map((_, i) => f(at(i)));
    expect(nested(runOp(variadic('Max', 8, [a, b]), A6, B3))).toEqual(A6.map((v, i) => Math.max(v, B3[i % 3])));
    expect(nested(runOp(variadic('Max', 13, [a, b, c]), A6, B3, C2))).toEqual(expect3((v) => Math.max(...v)));
    expect(nested(runOp(variadic('Min', 12, [a, b, c]), A6, B3, C2))).toEqual(expect3((v) => Math.min(...v)));
    expect(nested(runOp(variadic('Sum', 13, [a, b, c]), A6, B3, C2))).toEqual(expect3((v) => v[0] + v[1] + v[2]));
    expectClose(nested(runOp(variadic('Mean', 13, [a, b, c]), A6, B3, C2)), expect3((v) => (v[0] + v[1] + v[2]) / 3), 1e-6);
    expect(nested(runOp(variadic('Mean', 13, [a, b]), A6, B3))).toEqual(A6.map((v, i) => (v + B3[i % 3]) / 2));
  });

  it('lowers into a chain of binary nodes; Mean scales the sum by 1/N', () => {
    const ops = (op: string) => importOnnx(opModel(variadic(op, 13, [a, b, c]))).nodes.map((n) => n.op);
    expect(ops('Max')).toEqual(['max', 'max']);
    expect(ops('Sum')).toEqual(['add', 'add']);
    expect(ops('Mean')).toEqual(['add', 'add', 'mul']);
  });

  it('before opset 8 the inputs share one shape', () => {
    const same = { name: 'b', shape: [2, 3] };
    expect(nested(runOp(variadic('Sum', 6, [a, same]), A6, A6))).toEqual(A6.map((v) => 2 * v));
    expect(nested(runOp(variadic('Max', 1, [a, same]), A6, [0, 0, 0, 0, 0, 0]))).toEqual(A6.map((v) => Math.max(v, 0)));
    expect(() => runOp(variadic('Mean', 6, [a, b]), A6, B3)).toThrow(/inputs of shapes \[2,3\], \[3\] differ; Mean broadcasts from opset 8/);
  });
});

describe('export', () => {
  const UNARY: [string, Attrs][] = [
    ['clip', { min: 0, max: 6 }], ['clip', { max: 1 }], ['clip', {}], ['hardsigmoid', { alpha: 0.3, beta: 0.4 }], ['hardswish', {}], ['leakyrelu', { alpha: 0.1 }],
    ['elu', { alpha: 0.7 }], ['selu', {}], ['tanh', {}], ['softplus', {}], ['mish', {}], ['gelu', {}], ['gelu_tanh', {}], ['silu', {}], ['erf', {}], ['exp', {}],
    ['abs', {}], ['neg', {}], ['floor', {}], ['ceil', {}], ['sign', {}],
  ];
  const data = Float32Array.from({ length: 24 }, (_, i) => (i - 11.5) / 3);
  const build = (op: string, attrs: Attrs, second?: number[]) => {
    const b = new GraphBuilder();
    const x = b.input('x', [1, 2, 3, 4]);
    const ins = second ? [x, b.weight('w', second, Float32Array.from({ length: second.reduce((p, q) => p * q, 1) }, (_, i) => 1 + i))] : [x];
    b.output(b.node(op, 'y', ins, attrs, 'layer'));
    return b.build();
  };
  const out = (g: ReturnType<typeof build>) => runReference(g, { x: tensor([1, 2, 3, 4], data) }).outputs.get(g.outputs[0])!.data;

  it.each(UNARY.flatMap(([op, attrs]) => [13, 14, 18].map((opset) => [op, attrs, opset] as const)))('%s %o at opset %d imports back to the same values', (op, attrs, opset) => {
    const g = build(op, attrs);
    const back = importOnnx(exportOnnx(g, { opset }));
    expect(compare(out(back), out(g)).maxRelError).toBeLessThanOrEqual(1e-6);
  });

  it('writes the ONNX forms torch writes at each opset', () => {
    const ops = (op: string, attrs: Attrs, opset: number) => Object.keys(summarizeOnnx(exportOnnx(build(op, attrs), { opset })).opCounts).sort();
    expect(ops('clip', { min: 0, max: 6 }, 13)).toEqual(['Clip', 'Constant']);
    expect(ops('hardswish', {}, 13)).toEqual(['HardSigmoid', 'Mul']);
    expect(ops('hardswish', {}, 14)).toEqual(['HardSwish']);
    expect(ops('mish', {}, 18)).toEqual(['Mul', 'Softplus', 'Tanh']);
    expect(ops('silu', {}, 13)).toEqual(['Mul', 'Sigmoid']);
    expect(ops('gelu', {}, 18)).toEqual(['Add', 'Constant', 'Div', 'Erf', 'Mul']);
  });

  it.each([
    ['pow', [4]],
    ['prelu', [2, 1, 1]],
    ['max', [3, 1]],
    ['min', []],
  ])('%s with a [%s] operand round-trips', (op, shape) => {
    const g = build(op as string, {}, shape as number[]);
    expect(compare(out(importOnnx(exportOnnx(g))), out(g)).maxAbsError).toBe(0);
  });
});
