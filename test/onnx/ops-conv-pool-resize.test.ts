// Convolution with dilations, 1-D (NCL) convolution and pooling, ConvTranspose and cubic Resize
// imported from ONNX and run on the CPU reference, checked against hand-computed values and
// a naive per-output implementation written here from the ONNX definitions.
import { describe, expect, it } from 'vitest';
import { seededUniform } from '../../src/graph/rng.js';
import { A, expectClose, floats, iota, nested, runOp, type OpCase } from './helpers.js';

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
