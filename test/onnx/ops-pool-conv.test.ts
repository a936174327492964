// Pooling and convolution imported from ONNX, checked against the ONNX project's own
// operator test cases (onnx/backend/test/case/node/{maxpool,averagepool,conv}.py).
import { describe, expect, it } from 'vitest';
import { A, expectClose, floats, iota, nested, runOp } from './helpers.js';

const x5 = { name: 'x', shape: [1, 1, 5, 5] };
const x4 = { name: 'x', shape: [1, 1, 4, 4] };

describe('MaxPool', () => {
  it('maxpool_2d_precomputed_pads: 5x5 kernel, pads 2', () => {
    const y = runOp({ op: 'MaxPool', inputs: [x5], attrs: { kernel_shape: A.ints([5, 5]), pads: A.ints([2, 2, 2, 2]) } }, iota(25));
    expect(nested(y)).toEqual([13, 14, 15, 15, 15, 18, 19, 20, 20, 20, 23, 24, 25, 25, 25, 23, 24, 25, 25, 25, 23, 24, 25, 25, 25]);
  });

  it('maxpool_2d_precomputed_same_upper: 3x3 stride 2', () => {
    const y = runOp({ op: 'MaxPool', inputs: [x5], attrs: { kernel_shape: A.ints([3, 3]), strides: A.ints([2, 2]), auto_pad: A.str('SAME_UPPER') } }, iota(25));
    expect(nested(y)).toEqual([7, 9, 10, 17, 19, 20, 22, 24, 25]);
  });

  it('maxpool_2d_precomputed_strides: strides default to 1 in ONNX, here 2', () => {
    const y = runOp({ op: 'MaxPool', inputs: [x5], attrs: { kernel_shape: A.ints([2, 2]), strides: A.ints([2, 2]) } }, iota(25));
    expect(nested(y)).toEqual([7, 9, 17, 19]);
    // Without strides ONNX slides by 1 (unlike PyTorch, whose stride defaults to the kernel).
    const s1 = runOp({ op: 'MaxPool', inputs: [x5], attrs: { kernel_shape: A.ints([2, 2]) } }, iota(25));
    expect(s1.shape).toEqual([1, 1, 4, 4]);
  });

  it('maxpool_2d_ceil: 4x4, kernel 3, stride 2, ceil_mode', () => {
    const y = runOp({ op: 'MaxPool', inputs: [x4], attrs: { kernel_shape: A.ints([3, 3]), strides: A.ints([2, 2]), ceil_mode: A.int(1) } }, iota(16));
    expect(nested(y)).toEqual([11, 12, 15, 16]);
  });

  it('maxpool_2d_dilations: kernel 2, dilation 2', () => {
    const y = runOp({ op: 'MaxPool', inputs: [x4], attrs: { kernel_shape: A.ints([2, 2]), strides: A.ints([1, 1]), dilations: A.ints([2, 2]) } }, iota(16));
    expect(nested(y)).toEqual([11, 12, 15, 16]);
  });

  it('auto_pad SAME_LOWER puts the odd padding first, SAME_UPPER last', () => {
    const x3 = { name: 'x', shape: [1, 1, 3, 3] };
    const at = (pad: string) => nested(runOp({ op: 'MaxPool', inputs: [x3], attrs: { kernel_shape: A.ints([2, 2]), auto_pad: A.str(pad) } }, iota(9)));
    // Increasing input: each window's max is its bottom-right in-bounds element.
    expect(at('SAME_LOWER')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(at('SAME_UPPER')).toEqual([5, 6, 6, 8, 9, 9, 8, 9, 9]);
    expect(at('VALID')).toEqual([5, 6, 8, 9]);
  });
});

describe('AveragePool', () => {
  it('averagepool_2d_precomputed_pads: padding excluded from the count', () => {
    const y = runOp({ op: 'AveragePool', inputs: [x5], attrs: { kernel_shape: A.ints([5, 5]), pads: A.ints([2, 2, 2, 2]) } }, iota(25));
    expectClose(y.data, [7, 7.5, 8, 8.5, 9, 9.5, 10, 10.5, 11, 11.5, 12, 12.5, 13, 13.5, 14, 14.5, 15, 15.5, 16, 16.5, 17, 17.5, 18, 18.5, 19]);
  });

  it('averagepool_2d_precomputed_pads_count_include_pad', () => {
    const y = runOp({ op: 'AveragePool', inputs: [x5], attrs: { kernel_shape: A.ints([5, 5]), pads: A.ints([2, 2, 2, 2]), count_include_pad: A.int(1) } }, iota(25));
    expectClose(y.data, [2.52, 3.6, 4.8, 4.08, 3.24, 4.56, 6.4, 8.4, 7.04, 5.52, 7.2, 10, 13, 10.8, 8.4, 6.96, 9.6, 12.4, 10.24, 7.92, 6.12, 8.4, 10.8, 8.88, 6.84]);
  });

  it('averagepool_2d_precomputed_same_upper', () => {
    const y = runOp({ op: 'AveragePool', inputs: [x5], attrs: { kernel_shape: A.ints([3, 3]), strides: A.ints([2, 2]), auto_pad: A.str('SAME_UPPER') } }, iota(25));
    expectClose(y.data, [4, 5.5, 7, 11.5, 13, 14.5, 19, 20.5, 22]);
  });

  it('averagepool_2d_ceil and precomputed_strides', () => {
    const ceil = runOp({ op: 'AveragePool', inputs: [x4], attrs: { kernel_shape: A.ints([3, 3]), strides: A.ints([2, 2]), ceil_mode: A.int(1) } }, iota(16));
    expectClose(ceil.data, [6, 7.5, 12, 13.5]);
    const s2 = runOp({ op: 'AveragePool', inputs: [x5], attrs: { kernel_shape: A.ints([2, 2]), strides: A.ints([2, 2]) } }, iota(25));
    expectClose(s2.data, [4, 6, 14, 16]);
  });

  it('GlobalAveragePool is the mean over H and W', () => {
    const y = runOp({ op: 'GlobalAveragePool', inputs: [{ name: 'x', shape: [1, 2, 2, 2] }] }, [1, 2, 3, 4, 10, 20, 30, 40]);
    expect(y.shape).toEqual([1, 2, 1, 1]);
    expectClose(y.data, [2.5, 25]);
  });
});

describe('Conv', () => {
  const ones = floats(new Array(9).fill(1), [1, 1, 3, 3]);
  const x0 = iota(25, 0);

  it('conv_with_padding and without', () => {
    const pad = runOp({ op: 'Conv', inputs: [x5], consts: [ones], attrs: { kernel_shape: A.ints([3, 3]), pads: A.ints([1, 1, 1, 1]) } }, x0);
    expect(nested(pad)).toEqual([12, 21, 27, 33, 24, 33, 54, 63, 72, 51, 63, 99, 108, 117, 81, 93, 144, 153, 162, 111, 72, 111, 117, 123, 84]);
    const none = runOp({ op: 'Conv', inputs: [x5], consts: [ones], attrs: { kernel_shape: A.ints([3, 3]) } }, x0);
    expect(nested(none)).toEqual([54, 63, 72, 99, 108, 117, 144, 153, 162]);
  });

  it('conv_with_autopad_same: SAME_LOWER, stride 2', () => {
    const y = runOp({ op: 'Conv', inputs: [x5], consts: [ones], attrs: { auto_pad: A.str('SAME_LOWER'), strides: A.ints([2, 2]) } }, x0);
    expect(nested(y)).toEqual([12, 27, 24, 63, 108, 81, 72, 117, 84]);
  });

  it('conv_with_strides: padding, no padding, asymmetric padding', () => {
    const x7 = { name: 'x', shape: [1, 1, 7, 5] };
    const v = iota(35, 0);
    const run = (pads: number[]) => nested(runOp({ op: 'Conv', inputs: [x7], consts: [ones], attrs: { strides: A.ints([2, 2]), pads: A.ints(pads) } }, v));
    expect(run([1, 1, 1, 1])).toEqual([12, 27, 24, 63, 108, 81, 123, 198, 141, 112, 177, 124]);
    expect(run([0, 0, 0, 0])).toEqual([54, 72, 144, 162, 234, 252]);
    expect(run([1, 0, 1, 0])).toEqual([21, 33, 99, 117, 189, 207, 171, 183]);
  });

  it('groups, bias and dilations', () => {
    // Two channels, group 2, 1x1 weights 2 and -1, bias 0.5 and 1.
    const y = runOp({ op: 'Conv', inputs: [{ name: 'x', shape: [1, 2, 1, 2] }], consts: [floats([2, -1], [2, 1, 1, 1]), floats([0.5, 1])], attrs: { group: A.int(2) } }, [1, 2, 3, 4]);
    expect(nested(y)).toEqual([2.5, 4.5, -2, -3]);
    // Dilation 2 on a 5x5 ramp with a 2x2 ones kernel: x[i][j] + x[i][j+2] + x[i+2][j] + x[i+2][j+2].
    const d = runOp({ op: 'Conv', inputs: [x5], consts: [floats([1, 1, 1, 1], [1, 1, 2, 2])], attrs: { dilations: A.ints([2, 2]) } }, x0);
    expect(nested(d)).toEqual([24, 28, 32, 44, 48, 52, 64, 68, 72]);
  });
});

describe('BatchNormalization', () => {
  it('batchnorm_example: y = scale * (x - mean) / sqrt(var + eps) + bias', () => {
    const x = [-1, 0, 1, 2, 3, 4];
    const [s, b, m, v, eps] = [[1, 1.5], [0, 1], [0, 3], [1, 1.5], 1e-5];
    const y = runOp({ op: 'BatchNormalization', inputs: [{ name: 'x', shape: [1, 2, 1, 3] }], consts: [floats(s), floats(b), floats(m), floats(v)], attrs: { epsilon: A.float(eps) } }, x);
    const want = x.map((xi, i) => {
      const c = Math.floor(i / 3);
      return (s[c] * (xi - m[c])) / Math.sqrt(v[c] + eps) + b[c];
    });
    expectClose(y.data, want);
  });

  it('refuses training mode', () => {
    const bn = (mode: number) => () =>
      runOp({ op: 'BatchNormalization', opset: 15, inputs: [{ name: 'x', shape: [1, 1, 1, 1] }], consts: [floats([1]), floats([0]), floats([0]), floats([1])], attrs: { training_mode: A.int(mode) } }, [1]);
    expect(bn(1)).toThrow(/training_mode=1/);
    expect(bn(0)).not.toThrow();
  });
});
