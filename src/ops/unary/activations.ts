// Activation rows of the unary table: ReLU, sigmoid, SiLU, clip (ReLU6), the hard and leaky variants,
// ELU/SELU, tanh, softplus, Mish and GELU. Rows with `params` run in the unary program only
// (their parameters are uniforms); see epilogue.ts for what fuses into other kernels.
import { attrNumber, type Attrs } from '../../graph/ir.js';
import type { NodeWriter } from '../../onnx/node-writer.js';
import { A, floats } from '../../onnx/writer.js';
import { CLIP_CONVERTERS, FLT_MAX, GELU_CONVERTERS } from './onnx.js';
import { geluTanh, gelu, softplus } from './reference.js';
import { TRANSCENDENTAL, direct, rowAttr, type UnaryRow } from './row.js';
import { ERF_WGSL, SOFTPLUS_WGSL, TANH_WGSL } from './wgsl.js';

const HARD_SIGMOID = { alpha: 0.2, beta: 0.5 };
const LEAKY = { alpha: 0.01 };
const ELU = { alpha: 1 };
/** Selu-6 defaults (Selu-1 had rounded ones, see the converter). */
const SELU = { alpha: 1.67326319217681884765625, gamma: 1.05070102214813232421875 };
const CLIP = { min: -FLT_MAX, max: FLT_MAX };

const hardSigmoid = (v: number, alpha: number, beta: number) => Math.max(0, Math.min(1, alpha * v + beta));
const scalarConst = (nw: NodeWriter, v: number) => nw.x.w.constant(nw.scope, floats([v], []));

/** Clip at opset >= 11 takes its bounds as inputs; an unset bound is an empty input name. */
function exportClip(nw: NodeWriter): void {
  const lo = attrNumber(nw.node.attrs, 'min', -FLT_MAX);
  const hi = attrNumber(nw.node.attrs, 'max', FLT_MAX);
  const ins = [...nw.inputs(), lo === -FLT_MAX ? '' : scalarConst(nw, lo), hi === FLT_MAX ? '' : scalarConst(nw, hi)];
  while (ins[ins.length - 1] === '') ins.pop();
  nw.finish('Clip', ins);
}

/** Before HardSwish-14, torch writes x * HardSigmoid(x; 1/6, 1/2). */
function exportHardSwish(nw: NodeWriter): void {
  const [x] = nw.inputs();
  if (nw.opset >= 14) return nw.finish('HardSwish', [x]);
  const hs = nw.op('HardSigmoid', [x], { alpha: A.float(1 / 6), beta: A.float(0.5) });
  nw.finish('Mul', [x, hs]);
}

/** torch writes SiLU as x * Sigmoid(x) (ONNX has no SiLU operator at these opsets). */
function exportSilu(nw: NodeWriter): void {
  const [x] = nw.inputs();
  nw.finish('Mul', [x, nw.op('Sigmoid', [x], {})]);
}

/** torch writes Mish as x * Tanh(Softplus(x)) (ONNX Mish-18 is later than most exports). */
function exportMish(nw: NodeWriter): void {
  const [x] = nw.inputs();
  const t = nw.op('Tanh', [nw.op('Softplus', [x], {})], {});
  nw.finish('Mul', [x, t]);
}

/** Gelu-20 is past the exporter's opsets: torch's decomposition 0.5 x (1 + erf(x / sqrt 2)). */
function exportGelu(nw: NodeWriter): void {
  const [x] = nw.inputs();
  const e = nw.op('Erf', [nw.op('Div', [x, scalarConst(nw, Math.SQRT2)], {})], {});
  const y = nw.op('Mul', [x, nw.op('Add', [e, scalarConst(nw, 1)], {})], {}, 'Mul_1');
  nw.finish('Mul', [y, scalarConst(nw, 0.5)]);
}

/** 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))), as torch writes approximate='tanh'. */
function exportGeluTanh(nw: NodeWriter): void {
  const [x] = nw.inputs();
  const cube = nw.op('Pow', [x, scalarConst(nw, 3)], {});
  const inner = nw.op('Mul', [nw.op('Add', [x, nw.op('Mul', [cube, scalarConst(nw, 0.044715)], {}, 'Mul_1')], {}), scalarConst(nw, Math.sqrt(2 / Math.PI))], {}, 'Mul_2');
  const y = nw.op('Mul', [x, nw.op('Add', [nw.op('Tanh', [inner], {}), scalarConst(nw, 1)], {}, 'Add_1')], {}, 'Mul_3');
  nw.finish('Mul', [y, scalarConst(nw, 0.5)]);
}

const attrsOf = (defaults: Record<string, number>) => (attrs: Attrs) => Object.fromEntries(Object.keys(defaults).map((k) => [k, A.float(rowAttr(attrs, k, defaults))]));

export const ACTIVATION_ROWS: readonly UnaryRow[] = [
  {
    kind: 'relu',
    summary: 'y = max(x, 0)',
    f: (v) => (v > 0 ? v : 0),
    wgsl: 'max(v, T(0.0))',
    flops: 1,
    converters: direct('relu', 'Relu', [1, 6, 13, 14]),
    onnxType: 'Relu',
  },
  {
    kind: 'sigmoid',
    summary: 'y = 1 / (1 + exp(-x))',
    f: (v) => 1 / (1 + Math.exp(-v)),
    wgsl: '1.0 / (1.0 + exp(-v))',
    // negate, exp, add, divide
    flops: TRANSCENDENTAL,
    converters: direct('sigmoid', 'Sigmoid', [1, 6, 13]),
    onnxType: 'Sigmoid',
  },
  {
    kind: 'silu',
    summary: 'y = x / (1 + exp(-x)) (SiLU, swish)',
    f: (v) => v / (1 + Math.exp(-v)),
    wgsl: 'v / (1.0 + exp(-v))',
    // sigmoid, then a multiply
    flops: TRANSCENDENTAL + 1,
    converters: [],
    formedBy: 'fuseActivationPatterns (x * Sigmoid(x))',
    onnxType: 'Sigmoid',
    export: exportSilu,
  },
  {
    kind: 'clip',
    summary: 'y = min(max(x, min), max) (ReLU6 is clip(0, 6))',
    attrs: CLIP,
    f: (v, a) => Math.min(Math.max(v, rowAttr(a, 'min', CLIP)), rowAttr(a, 'max', CLIP)),
    // Not clamp(): WGSL leaves clamp with low > high implementation-defined; numpy gives max.
    wgsl: 'min(max(v, T(u.alpha)), T(u.beta))',
    params: (a) => [rowAttr(a, 'min', CLIP), rowAttr(a, 'max', CLIP)],
    flops: 2,
    converters: CLIP_CONVERTERS,
    onnxType: 'Clip',
    export: exportClip,
  },
  {
    kind: 'hardsigmoid',
    summary: 'y = max(0, min(1, alpha x + beta))',
    attrs: HARD_SIGMOID,
    f: (v, a) => hardSigmoid(v, rowAttr(a, 'alpha', HARD_SIGMOID), rowAttr(a, 'beta', HARD_SIGMOID)),
    wgsl: 'max(T(0.0), min(T(1.0), u.alpha * v + u.beta))',
    params: (a) => [rowAttr(a, 'alpha', HARD_SIGMOID), rowAttr(a, 'beta', HARD_SIGMOID)],
    // multiply-add, min, max
    flops: 4,
    converters: direct('hardsigmoid', 'HardSigmoid', [1, 6], (ctx) => ({ alpha: ctx.float('alpha', 0.2), beta: ctx.float('beta', 0.5) })),
    onnxType: 'HardSigmoid',
    onnxAttrs: attrsOf(HARD_SIGMOID),
  },
  {
    kind: 'hardswish',
    summary: 'y = x max(0, min(1, x / 6 + 1/2))',
    f: (v) => v * hardSigmoid(v, 1 / 6, 0.5),
    wgsl: 'v * max(T(0.0), min(T(1.0), v * (1.0 / 6.0) + 0.5))',
    flops: 5,
    converters: direct('hardswish', 'HardSwish', [14]),
    onnxType: 'HardSwish',
    export: exportHardSwish,
  },
  {
    kind: 'leakyrelu',
    summary: 'y = x for x >= 0, alpha x below',
    attrs: LEAKY,
    f: (v, a) => (v < 0 ? rowAttr(a, 'alpha', LEAKY) * v : v),
    wgsl: 'select(v, v * u.alpha, v < T(0.0))',
    params: (a) => [rowAttr(a, 'alpha', LEAKY), 0],
    flops: 2,
    converters: direct('leakyrelu', 'LeakyRelu', [1, 6, 16], (ctx) => ({ alpha: ctx.float('alpha', 0.01) })),
    onnxType: 'LeakyRelu',
    onnxAttrs: attrsOf(LEAKY),
  },
  {
    kind: 'elu',
    summary: 'y = x for x >= 0, alpha (exp(x) - 1) below',
    attrs: ELU,
    f: (v, a) => (v < 0 ? rowAttr(a, 'alpha', ELU) * Math.expm1(v) : v),
    // exp of min(v, 0): the branch not taken must not overflow.
    wgsl: 'select(v, u.alpha * (exp(min(v, T(0.0))) - 1.0), v < T(0.0))',
    params: (a) => [rowAttr(a, 'alpha', ELU), 0],
    flops: TRANSCENDENTAL + 3,
    converters: direct('elu', 'Elu', [1, 6], (ctx) => ({ alpha: ctx.float('alpha', 1) })),
    onnxType: 'Elu',
    onnxAttrs: attrsOf(ELU),
  },
  {
    kind: 'selu',
    summary: 'y = gamma x for x > 0, gamma alpha (exp(x) - 1) otherwise',
    attrs: SELU,
    f: (v, a) => rowAttr(a, 'gamma', SELU) * (v > 0 ? v : rowAttr(a, 'alpha', SELU) * Math.expm1(v)),
    wgsl: 'u.beta * select(v, u.alpha * (exp(min(v, T(0.0))) - 1.0), v <= T(0.0))',
    params: (a) => [rowAttr(a, 'alpha', SELU), rowAttr(a, 'gamma', SELU)],
    flops: TRANSCENDENTAL + 4,
    // Selu-1 had defaults rounded to 5 digits.
    converters: direct('selu', 'Selu', [1, 6], (ctx) => ({ alpha: ctx.float('alpha', ctx.opset < 6 ? 1.6732 : SELU.alpha), gamma: ctx.float('gamma', ctx.opset < 6 ? 1.0507 : SELU.gamma) })),
    onnxType: 'Selu',
    onnxAttrs: attrsOf(SELU),
  },
  {
    kind: 'tanh',
    summary: 'y = tanh(x)',
    f: Math.tanh,
    wgsl: 'tanh_approx(v)',
    helpers: TANH_WGSL,
    flops: TRANSCENDENTAL,
    converters: direct('tanh', 'Tanh', [1, 6, 13]),
    onnxType: 'Tanh',
  },
  {
    kind: 'softplus',
    summary: 'y = log(1 + exp(x))',
    f: softplus,
    wgsl: 'softplus_approx(v)',
    helpers: SOFTPLUS_WGSL,
    flops: 2 * TRANSCENDENTAL + 1,
    converters: direct('softplus', 'Softplus', [1]),
    onnxType: 'Softplus',
  },
  {
    kind: 'mish',
    summary: 'y = x tanh(softplus(x))',
    f: (v) => v * Math.tanh(softplus(v)),
    wgsl: 'v * tanh_approx(softplus_approx(v))',
    helpers: SOFTPLUS_WGSL + TANH_WGSL,
    flops: 3 * TRANSCENDENTAL + 2,
    converters: direct('mish', 'Mish', [18]),
    onnxType: 'Mish',
    export: exportMish,
  },
  {
    kind: 'gelu',
    summary: 'y = x / 2 (1 + erf(x / sqrt(2)))',
    f: gelu,
    wgsl: '0.5 * v * (1.0 + erf_approx(v * 0.70710678118654752))',
    helpers: ERF_WGSL,
    flops: TRANSCENDENTAL + 4,
    converters: GELU_CONVERTERS,
    onnxType: 'Gelu',
    export: exportGelu,
  },
  {
    kind: 'gelu_tanh',
    summary: 'y = x / 2 (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3)))',
    f: geluTanh,
    wgsl: '0.5 * v * (1.0 + tanh_approx(0.7978845608028654 * (v + 0.044715 * v * v * v)))',
    helpers: TANH_WGSL,
    // cube (2), multiply-add, scale, tanh, add, two multiplies
    flops: TRANSCENDENTAL + 8,
    converters: [],
    formedBy: "the Gelu converter (approximate='tanh')",
    onnxType: 'Gelu',
    export: exportGeluTanh,
  },
];
