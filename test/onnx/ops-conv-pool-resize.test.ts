// Convolution with dilations, 1-D (NCL) convolution and pooling, and ConvTranspose imported
// from ONNX and run on the CPU reference, checked against hand-computed values and a naive
// per-output implementation written here from the ONNX definitions (cubic Resize is in
// ops-resize-cubic.test.ts).
import { describe, expect, it } from 'vitest';
import { seededUniform } from '../../src/graph/rng.js';
import { nodeCost } from '../../src/analysis/roofline/cost.js';
import { expectedKernelClass } from '../../src/analysis/roofline/kernel-guess.js';
import { exportOnnx, importOnnx } from '../../src/onnx/index.js';
import { selectKernel } from '../../src/ops/kernels.js';
import { kernelClass } from '../../src/profiler/ceilings/kernel-class.js';
import { A, expectClose, floats, iota, nested, opModel, runModel, runOp, type OpCase } from './helpers.js';

const rand = (name: string, n: number): Float32Array => seededUniform(3, name, n, 1);

interface NaiveConv {
  x: Float32Array;
  xs: number[];
  w: Float32Array;
  ws: number[];
  b?: Float32Array;
  group: number;
  strides: number[];
  pads: number[];
  dilations: number[];
}

/** Conv straight from the ONNX definition: every output sums its window's in-bounds taps. */
function naiveConv(c: NaiveConv): number[] {
  const [N, C, ...inS] = c.xs;
  const [OC, icg, ...kS] = c.ws;
  const n = inS.length;
  const outS = inS.map((d, i) => Math.floor((d + c.pads[i] + c.pads[i + n] - c.dilations[i] * (kS[i] - 1) - 1) / c.strides[i]) + 1);
  const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
  const coords = (i: number, s: number[]) => s.map((_, d) => Math.floor(i / size(s.slice(d + 1))) % s[d]);
  const flat = (co: number[], s: number[]) => co.reduce((a, v, d) => a * s[d] + v, 0);
  const out: number[] = [];
  for (let b = 0; b < N; b++) {
    for (let oc = 0; oc < OC; oc++) {
      const g = Math.floor(oc / (OC / c.group));
      for (let o = 0; o < size(outS); o++) {
        const oco = coords(o, outS);
        let acc = c.b ? c.b[oc] : 0;
        for (let ic = 0; ic < icg; ic++) {
          for (let k = 0; k < size(kS); k++) {
            const kco = coords(k, kS);
            const ico = oco.map((v, d) => v * c.strides[d] - c.pads[d] + kco[d] * c.dilations[d]);
            if (ico.some((v, d) => v < 0 || v >= inS[d])) continue;
            acc += c.w[(oc * icg + ic) * size(kS) + k] * c.x[(b * C + g * icg + ic) * size(inS) + flat(ico, inS)];
          }
        }
        out.push(acc);
      }
    }
  }
  return out;
}

function convCase(c: NaiveConv): OpCase {
  return {
    op: 'Conv',
    inputs: [{ name: 'x', shape: c.xs }],
    consts: [floats(Array.from(c.w), c.ws), ...(c.b ? [floats(Array.from(c.b))] : [])],
    attrs: { group: A.int(c.group), strides: A.ints(c.strides), pads: A.ints(c.pads), dilations: A.ints(c.dilations) },
  };
}

describe('Conv with dilations', () => {
  const cases: [string, Omit<NaiveConv, 'x' | 'w'>][] = [
    ['3x3 d2 pad 2 (DeepLab atrous)', { xs: [1, 3, 9, 11], ws: [4, 3, 3, 3], group: 1, strides: [1, 1], pads: [2, 2, 2, 2], dilations: [2, 2] }],
    ['3x3 d3 depthwise pad 3', { xs: [2, 4, 10, 7], ws: [4, 1, 3, 3], group: 4, strides: [1, 1], pads: [3, 3, 3, 3], dilations: [3, 3] }],
    ['3x2 d(2,3) s(2,1) groups 2 asym pads', { xs: [2, 4, 11, 9], ws: [6, 2, 3, 2], group: 2, strides: [2, 1], pads: [1, 0, 2, 3], dilations: [2, 3] }],
    ['5x5 d2 s3 no pads', { xs: [1, 2, 17, 16], ws: [3, 2, 5, 5], group: 1, strides: [3, 3], pads: [0, 0, 0, 0], dilations: [2, 2] }],
    ['1x1 d3 (dilation is a no-op)', { xs: [1, 3, 5, 6], ws: [2, 3, 1, 1], group: 1, strides: [1, 1], pads: [0, 0, 0, 0], dilations: [3, 3] }],
  ];
  for (const [name, c] of cases) {
    it(name, () => {
      const full = { ...c, x: rand('x', c.xs.reduce((a, b) => a * b)), w: rand('w', c.ws.reduce((a, b) => a * b)), b: rand('b', c.ws[0]) };
      const y = runOp(convCase(full), full.x);
      expectClose(y.data, naiveConv(full), 1e-5);
    });
  }

  it('auto_pad SAME_UPPER with dilation 2 keeps the size at stride 1', () => {
    const y = runOp({ op: 'Conv', inputs: [{ name: 'x', shape: [1, 1, 5, 5] }], consts: [floats(new Array(9).fill(1), [1, 1, 3, 3])], attrs: { dilations: A.ints([2, 2]), auto_pad: A.str('SAME_UPPER') } }, iota(25, 0));
    expect(y.shape).toEqual([1, 1, 5, 5]);
    // Centre: the 3x3 window of stride 2 around (2, 2) covers rows and columns 0, 2, 4.
    expect(y.data[12]).toBe([0, 2, 4].flatMap((r) => [0, 2, 4].map((c) => r * 5 + c)).reduce((a, b) => a + b));
  });
});

describe('1-D convolution (NCL)', () => {
  it('kernel 3, pads [1, 1] on a ramp', () => {
    const y = runOp({ op: 'Conv', inputs: [{ name: 'x', shape: [1, 1, 5] }], consts: [floats([1, 1, 1], [1, 1, 3])], attrs: { kernel_shape: A.ints([3]), pads: A.ints([1, 1]) } }, [1, 2, 3, 4, 5]);
    expect(y.shape).toEqual([1, 1, 5]);
    expect(nested(y)).toEqual([3, 6, 9, 12, 9]);
  });

  it('default attributes: no pads, stride 1, dilation 1', () => {
    const y = runOp({ op: 'Conv', inputs: [{ name: 'x', shape: [1, 1, 5] }], consts: [floats([1, 0, -1], [1, 1, 3])] }, [1, 2, 4, 8, 16]);
    expect(nested(y)).toEqual([-3, -6, -12]);
  });

  it('strides, dilations, groups, bias and batch 2 match the naive definition', () => {
    const c = { xs: [2, 6, 23], ws: [4, 3, 3], group: 2, strides: [2], pads: [3, 1], dilations: [3] };
    const full = { ...c, x: rand('x', 2 * 6 * 23), w: rand('w', 36), b: rand('b', 4) };
    const y = runOp(convCase(full), full.x);
    expect(y.shape).toEqual([2, 4, 11]);
    expectClose(y.data, naiveConv(full), 1e-5);
  });

  it('auto_pad SAME_LOWER / SAME_UPPER / VALID on one axis', () => {
    const run = (pad: string) => runOp({ op: 'Conv', inputs: [{ name: 'x', shape: [1, 1, 6] }], consts: [floats([1, 10], [1, 1, 2])], attrs: { auto_pad: A.str(pad), strides: A.ints([2]) } }, [1, 2, 3, 4, 5, 6]);
    // Output 3, total pad 0 at stride 2 for kernel 2 on 6: all three agree.
    expect(nested(run('SAME_UPPER'))).toEqual([21, 43, 65]);
    const odd = (pad: string) => nested(runOp({ op: 'Conv', inputs: [{ name: 'x', shape: [1, 1, 4] }], consts: [floats([1, 10], [1, 1, 2])], attrs: { auto_pad: A.str(pad) } }, [1, 2, 3, 4]));
    // Total pad 1: SAME_UPPER pads the end, SAME_LOWER the beginning.
    expect(odd('SAME_UPPER')).toEqual([21, 32, 43, 4]);
    expect(odd('SAME_LOWER')).toEqual([10, 21, 32, 43]);
    expect(odd('VALID')).toEqual([21, 32, 43]);
  });

  it('refuses attribute arrays of the wrong length', () => {
    const bad = () => runOp({ op: 'Conv', inputs: [{ name: 'x', shape: [1, 1, 5] }], consts: [floats([1, 1, 1], [1, 1, 3])], attrs: { strides: A.ints([1, 1]) } }, iota(5));
    expect(bad).toThrow(/strides/);
  });
});

describe('1-D pooling (NCL)', () => {
  const x = { name: 'x', shape: [1, 2, 7] };
  const v = [1, 5, 2, 8, 3, 9, 4, -1, -5, -2, -8, -3, -9, -4];

  it('MaxPool kernel 3 stride 2, with and without pads', () => {
    expect(nested(runOp({ op: 'MaxPool', inputs: [x], attrs: { kernel_shape: A.ints([3]), strides: A.ints([2]) } }, v))).toEqual([5, 8, 9, -1, -2, -3]);
    const p = runOp({ op: 'MaxPool', inputs: [x], attrs: { kernel_shape: A.ints([3]), strides: A.ints([2]), pads: A.ints([1, 1]) } }, v);
    expect(p.shape).toEqual([1, 2, 4]);
    expect(nested(p)).toEqual([5, 8, 9, 9, -1, -2, -3, -4]);
  });

  it('MaxPool dilation 2 and ceil_mode', () => {
    expect(nested(runOp({ op: 'MaxPool', inputs: [x], attrs: { kernel_shape: A.ints([2]), dilations: A.ints([2]) } }, v))).toEqual([2, 8, 3, 9, 4, -1, -5, -2, -8, -3]);
    const c = runOp({ op: 'MaxPool', inputs: [x], attrs: { kernel_shape: A.ints([2]), strides: A.ints([2]), ceil_mode: A.int(1) } }, v);
    expect(nested(c)).toEqual([5, 8, 9, 4, -1, -2, -3, -4]);
  });

  it('AveragePool count_include_pad 0 and 1, auto_pad SAME_UPPER', () => {
    const attrs = { kernel_shape: A.ints([3]), strides: A.ints([3]), pads: A.ints([1, 1]) };
    expectClose(runOp({ op: 'AveragePool', inputs: [x], attrs }, v).data, [3, 13 / 3, 6.5, -3, -13 / 3, -6.5]);
    expectClose(runOp({ op: 'AveragePool', inputs: [x], attrs: { ...attrs, count_include_pad: A.int(1) } }, v).data, [2, 13 / 3, 13 / 3, -2, -13 / 3, -13 / 3]);
    const same = runOp({ op: 'AveragePool', inputs: [x], attrs: { kernel_shape: A.ints([2]), strides: A.ints([2]), auto_pad: A.str('SAME_UPPER') } }, v);
    expectClose(same.data, [3, 5, 6, 4, -3, -5, -6, -4]);
  });

  it('GlobalAveragePool over L keeps [N, C, 1]', () => {
    const y = runOp({ op: 'GlobalAveragePool', inputs: [x] }, v);
    expect(y.shape).toEqual([1, 2, 1]);
    expectClose(y.data, [32 / 7, -32 / 7]);
  });

  it('refuses 3-D pooling with a clear message', () => {
    expect(() => runOp({ op: 'MaxPool', inputs: [{ name: 'x', shape: [1, 1, 2, 2, 2] }], attrs: { kernel_shape: A.ints([2, 2, 2]) } }, iota(8))).toThrow(/1-D \(NCL\) and 2-D \(NCHW\) pooling/);
  });
});

interface NaiveTranspose {
  x: Float32Array;
  xs: number[];
  w: Float32Array;
  ws: number[];
  b?: Float32Array;
  group: number;
  strides: number[];
  pads: number[];
  dilations: number[];
  outputPadding: number[];
}

/**
 * ConvTranspose as a gather, independent of the reference's scatter: output o of an axis
 * takes tap k from input (o + pad - k * d) / s when that divides exactly and is in range.
 */
function naiveConvTranspose(c: NaiveTranspose): { shape: number[]; data: number[] } {
  const [N, C, ...inS] = c.xs;
  const [, ocg, ...kS] = c.ws;
  const n = inS.length;
  const OC = ocg * c.group;
  const icg = C / c.group;
  const outS = inS.map((d, i) => (d - 1) * c.strides[i] + (kS[i] - 1) * c.dilations[i] + 1 - c.pads[i] - c.pads[i + n] + c.outputPadding[i]);
  const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
  const coords = (i: number, s: number[]) => s.map((_, d) => Math.floor(i / size(s.slice(d + 1))) % s[d]);
  const flat = (co: number[], s: number[]) => co.reduce((a, v, d) => a * s[d] + v, 0);
  const data: number[] = [];
  for (let b = 0; b < N; b++) {
    for (let oc = 0; oc < OC; oc++) {
      const g = Math.floor(oc / ocg);
      for (let o = 0; o < size(outS); o++) {
        const oco = coords(o, outS);
        let acc = c.b ? c.b[oc] : 0;
        for (let k = 0; k < size(kS); k++) {
          const kco = coords(k, kS);
          const num = oco.map((v, d) => v + c.pads[d] - kco[d] * c.dilations[d]);
          if (num.some((v, d) => v < 0 || v % c.strides[d] !== 0 || v / c.strides[d] >= inS[d])) continue;
          const ico = num.map((v, d) => v / c.strides[d]);
          for (let ic = g * icg; ic < (g + 1) * icg; ic++) acc += c.w[(ic * ocg + (oc % ocg)) * size(kS) + k] * c.x[(b * C + ic) * size(inS) + flat(ico, inS)];
        }
        data.push(acc);
      }
    }
  }
  return { shape: [N, OC, ...outS], data };
}

const ct = (xs: number[], ws: number[], attrs: OpCase['attrs'] = {}, extra: Partial<OpCase> = {}): OpCase => ({
  op: 'ConvTranspose',
  inputs: [{ name: 'x', shape: xs }],
  consts: [floats(Array.from(rand('w', ws.reduce((a, b) => a * b))), ws)],
  attrs,
  ...extra,
});

describe('ConvTranspose', () => {
  const randomCases: [string, Omit<NaiveTranspose, 'x' | 'w'>][] = [
    ['U-Net k2 s2', { xs: [1, 4, 5, 6], ws: [4, 3, 2, 2], group: 1, strides: [2, 2], pads: [0, 0, 0, 0], dilations: [1, 1], outputPadding: [0, 0] }],
    ['U-Net k3 s2 p1 output_padding 1', { xs: [2, 3, 4, 7], ws: [3, 5, 3, 3], group: 1, strides: [2, 2], pads: [1, 1, 1, 1], dilations: [1, 1], outputPadding: [1, 1] }],
    ['k3 s3 d2 groups 2 asym pads', { xs: [2, 4, 5, 4], ws: [4, 3, 3, 2], group: 2, strides: [3, 2], pads: [2, 0, 1, 3], dilations: [2, 3], outputPadding: [1, 2] }],
    ['depthwise k4 s2 p1', { xs: [1, 3, 6, 5], ws: [3, 1, 4, 4], group: 3, strides: [2, 2], pads: [1, 1, 1, 1], dilations: [1, 1], outputPadding: [0, 0] }],
    ['1-D k5 s3 d2 g2 bias', { xs: [2, 4, 9], ws: [4, 2, 5], group: 2, strides: [3], pads: [2, 4], dilations: [2], outputPadding: [1] }],
    ['stride 1 (plain transposed conv)', { xs: [1, 2, 4, 4], ws: [2, 2, 3, 3], group: 1, strides: [1, 1], pads: [1, 1, 1, 1], dilations: [1, 1], outputPadding: [0, 0] }],
  ];
  for (const [name, c] of randomCases) {
    it(`${name} matches the gather definition`, () => {
      const full = { ...c, x: rand('x', c.xs.reduce((a, b) => a * b)), w: rand('w', c.ws.reduce((a, b) => a * b)), b: name.includes('bias') ? rand('b', c.ws[1] * c.group) : undefined };
      const attrs = { group: A.int(c.group), strides: A.ints(c.strides), pads: A.ints(c.pads), dilations: A.ints(c.dilations), output_padding: A.ints(c.outputPadding) };
      const consts = [floats(Array.from(full.w), c.ws), ...(full.b ? [floats(Array.from(full.b))] : [])];
      const y = runOp({ op: 'ConvTranspose', inputs: [{ name: 'x', shape: c.xs }], consts, attrs }, full.x);
      const want = naiveConvTranspose(full);
      expect(y.shape).toEqual(want.shape);
      expectClose(y.data, want.data, 1e-5);
    });
  }

  const x33 = { name: 'x', shape: [1, 1, 3, 3] };
  const ones = floats(new Array(18).fill(1), [1, 2, 3, 3]);
  const run = (attrs: OpCase['attrs'], opset = 13) => runOp({ op: 'ConvTranspose', inputs: [x33], consts: [ones], attrs, opset }, iota(9, 0));

  it('output_shape larger than the natural size equals output_padding (extra outputs at the end)', () => {
    const a = run({ strides: A.ints([3, 2]), output_shape: A.ints([10, 8]) });
    const b = run({ strides: A.ints([3, 2]), output_padding: A.ints([1, 1]) });
    expect(a.shape).toEqual([1, 2, 10, 8]);
    expect(nested(a)).toEqual(nested(b));
    // The full shape [N, C, H, W] is accepted too.
    expect(nested(run({ strides: A.ints([3, 2]), output_shape: A.ints([1, 2, 10, 8]) }))).toEqual(nested(b));
  });

  it('output_shape smaller than the natural size crops: the odd pixel at the start, except SAME_UPPER (opset 11)', () => {
    // Natural 1-D row of a 3-wide ramp with a ones 3-tap kernel at stride 2: [0, 0, 1, 1, 3, 2, 2].
    const row = (y: { data: Float32Array; shape: number[] }) => Array.from(y.data.slice(0, y.shape[3]));
    expect(row(run({ strides: A.ints([2, 2]), output_shape: A.ints([6, 6]) }))).toEqual([0, 1, 1, 3, 2, 2]);
    expect(row(run({ strides: A.ints([2, 2]), output_shape: A.ints([6, 6]), auto_pad: A.str('SAME_UPPER') }))).toEqual([0, 0, 1, 1, 3, 2]);
    // ConvTranspose-1 split the other way round.
    expect(row(run({ strides: A.ints([2, 2]), output_shape: A.ints([6, 6]) }, 10))).toEqual([0, 0, 1, 1, 3, 2]);
    expect(row(run({ strides: A.ints([2, 2]), output_shape: A.ints([5, 5]) }))).toEqual([0, 1, 1, 3, 2]);
  });

  it('output_shape overrides pads; explicit pads crop both ends', () => {
    expect(nested(run({ strides: A.ints([2, 2]), output_shape: A.ints([7, 7]), pads: A.ints([1, 1, 1, 1]) }))).toEqual(nested(run({ strides: A.ints([2, 2]) })));
    const p = run({ strides: A.ints([2, 2]), pads: A.ints([1, 2, 0, 1]) });
    expect(p.shape).toEqual([1, 2, 6, 4]);
    expect(Array.from(p.data.slice(0, 4))).toEqual([1, 1, 3, 2]);
  });

  it('auto_pad SAME_UPPER / SAME_LOWER give input * stride; VALID gives the natural size', () => {
    const upper = run({ strides: A.ints([2, 2]), auto_pad: A.str('SAME_UPPER') });
    const lower = run({ strides: A.ints([2, 2]), auto_pad: A.str('SAME_LOWER') });
    expect(upper.shape).toEqual([1, 2, 6, 6]);
    expect(Array.from(upper.data.slice(0, 6))).toEqual([0, 0, 1, 1, 3, 2]);
    expect(Array.from(lower.data.slice(0, 6))).toEqual([0, 1, 1, 3, 2, 2]);
    expect(run({ strides: A.ints([2, 2]), auto_pad: A.str('VALID') }).shape).toEqual([1, 2, 7, 7]);
  });

  it('groups: each group of input channels feeds its own output channels', () => {
    // Two input channels, group 2, one output channel per group: 1x1 weights 2 and -3.
    const y = runOp({ op: 'ConvTranspose', inputs: [{ name: 'x', shape: [1, 2, 1, 2] }], consts: [floats([2, -3], [2, 1, 1, 1]), floats([0.5, 1])], attrs: { group: A.int(2) } }, [1, 2, 3, 4]);
    expect(nested(y)).toEqual([2.5, 4.5, -8, -11]);
  });

  it('optional bias and the 1-D form', () => {
    const y = runOp({ op: 'ConvTranspose', inputs: [{ name: 'x', shape: [1, 1, 3] }], consts: [floats([1, 1, 1, 1, 1, 1], [1, 2, 3]), floats([10, 20])] }, [0, 1, 2]);
    expect(y.shape).toEqual([1, 2, 5]);
    expect(nested(y)).toEqual([10, 11, 13, 13, 12, 20, 21, 23, 23, 22]);
  });

  it('refuses what it cannot run, naming the problem', () => {
    expect(() => runOp(ct([1, 1, 2, 2, 2], [1, 1, 2, 2, 2]), iota(8))).toThrow(/1-D \(NCL\) and 2-D \(NCHW\) transposed convolution/);
    expect(() => runOp(ct([1, 1, 3, 3], [1, 1, 3, 3], { strides: A.ints([2, 2]), output_padding: A.ints([2, 0]) }), iota(9))).toThrow(/output_padding/);
    expect(() => runOp(ct([1, 1, 3, 3], [1, 1, 3, 3], { pads: A.ints([1, 1]) }), iota(9))).toThrow(/pads \[1,1\] need 4 values/);
    expect(() => runOp(ct([1, 2, 3, 3], [1, 1, 3, 3]), iota(18))).toThrow(/do not agree/);
  });
});

describe('kernel classes, costs and export of these forms', () => {
  const limits = { maxComputeWorkgroupsPerDimension: 65535, maxComputeInvocationsPerWorkgroup: 256 };
  const w = (shape: number[]) => floats(Array.from(rand('w', shape.reduce((a, b) => a * b))), shape);
  const models: [string, OpCase][] = [
    ['conv1d k3', { op: 'Conv', inputs: [{ name: 'x', shape: [2, 4, 19] }], consts: [w([6, 4, 3])], attrs: { pads: A.ints([1, 1]) } }],
    ['conv1d pointwise', { op: 'Conv', inputs: [{ name: 'x', shape: [1, 4, 19] }], consts: [w([6, 4, 1])] }],
    ['conv1d depthwise k1', { op: 'Conv', inputs: [{ name: 'x', shape: [1, 4, 19] }], consts: [w([4, 1, 1])], attrs: { group: A.int(4) } }],
    ['conv dw 3x3 dilated', { op: 'Conv', inputs: [{ name: 'x', shape: [1, 4, 9, 9] }], consts: [w([4, 1, 3, 3])], attrs: { group: A.int(4), pads: A.ints([2, 2, 2, 2]), dilations: A.ints([2, 2]) } }],
    ['conv 1x1 dilated', { op: 'Conv', inputs: [{ name: 'x', shape: [1, 4, 9, 9] }], consts: [w([3, 4, 1, 1])], attrs: { dilations: A.ints([2, 2]) } }],
    ['conv_transpose 2-D', { op: 'ConvTranspose', inputs: [{ name: 'x', shape: [1, 4, 5, 6] }], consts: [w([4, 3, 2, 2])], attrs: { strides: A.ints([2, 2]) } }],
    ['conv_transpose 1-D', { op: 'ConvTranspose', inputs: [{ name: 'x', shape: [2, 4, 9] }], consts: [w([4, 3, 3])], attrs: { strides: A.ints([2]), pads: A.ints([1, 1]), output_padding: A.ints([1]) } }],
    ['maxpool1d', { op: 'MaxPool', inputs: [{ name: 'x', shape: [2, 3, 17] }], attrs: { kernel_shape: A.ints([3]), strides: A.ints([2]), pads: A.ints([1, 1]) } }],
    ['avgpool1d', { op: 'AveragePool', inputs: [{ name: 'x', shape: [2, 3, 17] }], attrs: { kernel_shape: A.ints([2]), strides: A.ints([2]), count_include_pad: A.int(1) } }],
  ];

  it('the predicted kernel class is the class of the kernel the runtime selects', () => {
    const want: Record<string, string | null> = {
      'conv1d k3': 'conv2d', 'conv1d pointwise': 'pwconv', 'conv1d depthwise k1': 'dwconv:k1', 'conv dw 3x3 dilated': 'dwconv:k3',
      'conv 1x1 dilated': 'conv2d', 'conv_transpose 2-D': 'conv_transpose', 'conv_transpose 1-D': 'conv_transpose', maxpool1d: null, avgpool1d: null,
    };
    for (const [name, c] of models) {
      const g = importOnnx(opModel(c));
      const ctx = { graph: g, limits, features: new Set<string>() };
      const node = g.nodes[0];
      const spec = selectKernel(node, ctx).dispatches(node, ctx)[0];
      expect(kernelClass(spec.key), name).toBe(expectedKernelClass(node, g));
      expect(expectedKernelClass(node, g), name).toBe(want[name]);
    }
  });

  it('costs count the taps that exist: 1-D conv windows, transposed-conv taps inside the output', () => {
    const cost = (c: OpCase) => {
      const g = importOnnx(opModel(c));
      return nodeCost(g, g.nodes[0]).flops;
    };
    // conv1d: 2 * outputs (2 * 6 * 19) * taps per output (4 * 3).
    expect(cost(models[0][1])).toBe(2 * 2 * 6 * 19 * 4 * 3);
    // 3x3 input, stride 2, pads 1, kernel 3 -> 5x5: per axis 7 of the 9 (input, tap) pairs land inside.
    const t = { op: 'ConvTranspose', inputs: [{ name: 'x', shape: [1, 1, 3, 3] }], consts: [w([1, 2, 3, 3]), floats([0, 0])], attrs: { strides: A.ints([2, 2]), pads: A.ints([1, 1, 1, 1]) } };
    expect(cost(t)).toBe(2 * 2 * 7 * 7 + 2 * 5 * 5);
    // k2 s2: every (input, tap) pair is an output.
    expect(cost(models[5][1])).toBe(2 * 3 * 4 * 5 * 6 * 4);
    // max over 3 is 2 comparisons; a mean over 2 is an add and a divide.
    expect(cost(models[7][1])).toBe(2 * 3 * 9 * 2);
    expect(cost(models[8][1])).toBe(2 * 3 * 8 * 2);
  });

  it('export writes the 1-D and transposed forms back and they import to the same values', () => {
    for (const [name, c] of models) {
      const first = runModel(opModel(c), { x: rand('x', c.inputs[0].shape.reduce((a, b) => a * b)) });
      const again = runModel(exportOnnx(first.graph), { x: rand('x', c.inputs[0].shape.reduce((a, b) => a * b)) });
      expect(again.graph.nodes.map((n) => n.op), name).toEqual(first.graph.nodes.map((n) => n.op));
      expect(again.graph.nodes[0].attrs, name).toEqual(first.graph.nodes[0].attrs);
      expect(Array.from(again.out.data), name).toEqual(Array.from(first.out.data));
    }
  });
});
