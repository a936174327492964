// Reshape family, Transpose, Concat, Pad, ReduceMean, Gemm, MatMul and friends, with the
// attribute-vs-input differences between opsets; values from the ONNX operator tests or by hand.
import { describe, expect, it } from 'vitest';
import { A, expectClose, floats, iota, longs, nested, runOp, type OpCase } from './helpers.js';

const x234 = { name: 'x', shape: [2, 3, 4] };
const shapeOf = (c: OpCase) => runOp(c, iota(c.inputs[0].shape.reduce((a, b) => a * b, 1))).shape;

describe('Reshape (onnx reshape tests on a [2,3,4] input)', () => {
  const reshape = (target: number[], allowzero?: number): OpCase => ({ op: 'Reshape', opset: 14, inputs: [x234], consts: [longs(target)], attrs: allowzero === undefined ? {} : { allowzero: A.int(allowzero) } });
  it.each([
    ['reordered_all_dims', [4, 2, 3], [4, 2, 3]],
    ['reduced_dims', [2, 12], [2, 12]],
    ['extended_dims', [2, 3, 2, 2], [2, 3, 2, 2]],
    ['one_dim', [24], [24]],
    ['negative_dim', [2, -1, 2], [2, 6, 2]],
    ['negative_extended_dims', [-1, 2, 3, 4], [1, 2, 3, 4]],
    ['zero_dim', [2, 0, 4, 1], [2, 3, 4, 1]],
    ['zero_and_negative_dim', [2, 0, 1, -1], [2, 3, 1, 4]],
  ])('%s', (_, target, want) => expect(shapeOf(reshape(target))).toEqual(want));

  it('keeps the data order and refuses impossible targets', () => {
    expect(nested(runOp(reshape([4, 6]), iota(24)))).toEqual(iota(24));
    expect(() => shapeOf(reshape([5, -1]))).toThrow(/cannot reshape/);
    expect(() => shapeOf(reshape([-1, -1, 2]))).toThrow(/more than one -1/);
    // allowzero=1 takes 0 literally: 2 x 0 x 12 holds no elements, so it cannot take 24.
    expect(() => shapeOf(reshape([2, 0, 12], 1))).toThrow(/cannot reshape/);
  });
});

describe('Squeeze / Unsqueeze / Flatten', () => {
  const x = (shape: number[]) => ({ name: 'x', shape });
  it('axes as attribute before opset 13, as input from 13; negative axes', () => {
    expect(shapeOf({ op: 'Unsqueeze', opset: 11, inputs: [x([1, 3, 1, 5])], attrs: { axes: A.ints([-2]) } })).toEqual([1, 3, 1, 1, 5]);
    expect(shapeOf({ op: 'Unsqueeze', opset: 13, inputs: [x([1, 3, 1, 5])], consts: [longs([-2])] })).toEqual([1, 3, 1, 1, 5]);
    expect(shapeOf({ op: 'Unsqueeze', opset: 13, inputs: [x([3, 4, 5])], consts: [longs([1, 4])] })).toEqual([3, 1, 4, 5, 1]);
    expect(shapeOf({ op: 'Unsqueeze', opset: 13, inputs: [x([3, 4, 5])], consts: [longs([5, 4, 2])] })).toEqual([3, 4, 1, 5, 1, 1]);
    expect(shapeOf({ op: 'Squeeze', opset: 11, inputs: [x([1, 3, 1, 5])], attrs: { axes: A.ints([-2]) } })).toEqual([1, 3, 5]);
    expect(shapeOf({ op: 'Squeeze', opset: 13, inputs: [x([1, 3, 1, 5])], consts: [longs([0])] })).toEqual([3, 1, 5]);
    expect(shapeOf({ op: 'Squeeze', opset: 13, inputs: [x([1, 3, 1, 5])] })).toEqual([3, 5]);
    expect(() => shapeOf({ op: 'Squeeze', opset: 13, inputs: [x([1, 3, 1, 5])], consts: [longs([1])] })).toThrow(/axis 1 has size 3/);
  });

  it('Flatten with positive, zero and negative axis', () => {
    const f = (axis: number) => shapeOf({ op: 'Flatten', inputs: [x([2, 3, 4, 5])], attrs: { axis: A.int(axis) } });
    expect(f(1)).toEqual([2, 60]);
    expect(f(0)).toEqual([1, 120]);
    expect(f(-1)).toEqual([24, 5]);
    expect(f(4)).toEqual([120, 1]);
  });
});

describe('Transpose / Concat / Pad', () => {
  it('Transpose: default reverses the axes; explicit perm', () => {
    const t = runOp({ op: 'Transpose', inputs: [{ name: 'x', shape: [2, 3] }] }, iota(6));
    expect(t.shape).toEqual([3, 2]);
    expect(nested(t)).toEqual([1, 4, 2, 5, 3, 6]);
    const p = runOp({ op: 'Transpose', inputs: [x234], attrs: { perm: A.ints([1, 0, 2]) } }, iota(24));
    expect(p.shape).toEqual([3, 2, 4]);
    expect(nested(p).slice(0, 8)).toEqual([1, 2, 3, 4, 13, 14, 15, 16]);
  });

  it('Concat along a negative axis, with a constant operand', () => {
    const y = runOp({ op: 'Concat', inputs: [{ name: 'a', shape: [2, 2] }], consts: [floats([9, 8], [2, 1])], attrs: { axis: A.int(-1) } }, [1, 2, 3, 4]);
    expect(y.shape).toEqual([2, 3]);
    expect(nested(y)).toEqual([1, 2, 9, 3, 4, 8]);
  });

  it('Pad constant mode: pads as input (opset 11+) and as attribute (opset 2)', () => {
    const c11: OpCase = { op: 'Pad', opset: 11, inputs: [{ name: 'x', shape: [1, 1, 2, 2] }], consts: [longs([0, 0, 1, 0, 0, 0, 0, 2]), floats([1.5], [])] };
    const y = runOp(c11, [1, 2, 3, 4]);
    expect(y.shape).toEqual([1, 1, 3, 4]);
    expect(nested(y)).toEqual([1.5, 1.5, 1.5, 1.5, 1, 2, 1.5, 1.5, 3, 4, 1.5, 1.5]);
    const c2: OpCase = { op: 'Pad', opset: 7, inputs: [{ name: 'x', shape: [1, 1, 2, 2] }], attrs: { pads: A.ints([0, 0, 1, 0, 0, 0, 0, 2]), value: A.float(1.5) } };
    expect(nested(runOp(c2, [1, 2, 3, 4]))).toEqual(nested(y));
  });

  it('Pad: negative pads crop, opset 18 axes, unknown modes refused', () => {
    const crop = runOp({ op: 'Pad', opset: 13, inputs: [{ name: 'x', shape: [1, 1, 3, 3] }], consts: [longs([0, 0, -1, 0, 0, 0, 0, -1])] }, iota(9));
    expect(nested(crop)).toEqual([4, 5, 7, 8]);
    const axes = runOp({ op: 'Pad', opset: 18, inputs: [{ name: 'x', shape: [1, 1, 2, 2] }], consts: [longs([1, 1]), floats([0], []), longs([-1])] }, [1, 2, 3, 4]);
    expect(nested(axes)).toEqual([0, 1, 2, 0, 0, 3, 4, 0]);
    expect(() => runOp({ op: 'Pad', opset: 13, inputs: [{ name: 'x', shape: [1, 1, 2, 2] }], consts: [longs([0, 0, 1, 1, 0, 0, 1, 1])], attrs: { mode: A.str('symmetric') } }, [1, 2, 3, 4])).toThrow(
      /mode 'symmetric' is not supported at opset 13 \(supported: constant, reflect, edge; wrap needs opset 19\)/,
    );
  });
});

describe('ReduceMean (onnx reduce_mean tests, data [3,2,2])', () => {
  const data = [5, 1, 20, 2, 30, 1, 40, 2, 55, 1, 60, 2];
  const x = { name: 'x', shape: [3, 2, 2] };
  it('default axes keepdims: the mean of everything', () => {
    const y = runOp({ op: 'ReduceMean', inputs: [x] }, data);
    expect(y.shape).toEqual([1, 1, 1]);
    expectClose(y.data, [18.25]);
  });

  it('axes [1] with and without keepdims, negative axes, attribute (13) vs input (18)', () => {
    const keep = runOp({ op: 'ReduceMean', opset: 13, inputs: [x], attrs: { axes: A.ints([1]) } }, data);
    expect(keep.shape).toEqual([3, 1, 2]);
    expectClose(keep.data, [12.5, 1.5, 35, 1.5, 57.5, 1.5]);
    const drop = runOp({ op: 'ReduceMean', opset: 18, inputs: [x], consts: [longs([-2])], attrs: { keepdims: A.int(0) } }, data);
    expect(drop.shape).toEqual([3, 2]);
    expectClose(drop.data, [12.5, 1.5, 35, 1.5, 57.5, 1.5]);
  });

  it('opset 18 noop_with_empty_axes passes the input through', () => {
    const y = runOp({ op: 'ReduceMean', opset: 18, inputs: [x], attrs: { noop_with_empty_axes: A.int(1) } }, data);
    expect(nested(y)).toEqual(data);
  });

  it('HW mean of NCHW maps to reduce_mean_hw; keepdims=0 adds a reshape', () => {
    const y = runOp({ op: 'ReduceMean', inputs: [{ name: 'x', shape: [1, 2, 1, 2] }], attrs: { axes: A.ints([-1, 2]), keepdims: A.int(0) } }, [1, 3, 10, 30]);
    expect(y.shape).toEqual([1, 2]);
    expectClose(y.data, [2, 20]);
  });
});

describe('Gemm / MatMul / arithmetic', () => {
  const a = { name: 'a', shape: [2, 3] };
  it('Gemm default: A @ B + C, C a broadcast scalar', () => {
    const y = runOp({ op: 'Gemm', inputs: [a], consts: [floats([1, 0, 0, 1, 1, 1], [3, 2]), floats([10], [])] }, [1, 2, 3, 4, 5, 6]);
    expect(nested(y)).toEqual([1 + 3 + 10, 2 + 3 + 10, 4 + 6 + 10, 5 + 6 + 10]);
  });

  it('Gemm transA, transB, alpha, beta, C per column', () => {
    // A is stored [K=3, M=2], B as [N=2, K=3].
    const c: OpCase = {
      op: 'Gemm',
      inputs: [{ name: 'a', shape: [3, 2] }],
      consts: [floats([1, 1, 1, 0, 1, 2], [2, 3]), floats([100, 200], [2])],
      attrs: { transA: A.int(1), transB: A.int(1), alpha: A.float(0.5), beta: A.float(2) },
    };
    // A^T = [[1,3,5],[2,4,6]]; B^T = [[1,0],[1,1],[1,2]].
    const y = runOp(c, [1, 2, 3, 4, 5, 6]);
    expect(nested(y)).toEqual([0.5 * 9 + 200, 0.5 * 13 + 400, 0.5 * 12 + 200, 0.5 * 16 + 400]);
  });

  it('Gemm without C (opset 11+) and C as a column [M, 1]', () => {
    const b = floats([1, 0, 0, 1, 1, 1], [3, 2]);
    expect(nested(runOp({ op: 'Gemm', inputs: [a], consts: [b] }, [1, 2, 3, 4, 5, 6]))).toEqual([4, 5, 10, 11]);
    expect(nested(runOp({ op: 'Gemm', inputs: [a], consts: [b, floats([1, 2], [2, 1])] }, [1, 2, 3, 4, 5, 6]))).toEqual([5, 6, 12, 13]);
  });

  it('MatMul broadcasts batches; Sub/Div broadcast a constant', () => {
    const y = runOp({ op: 'MatMul', inputs: [{ name: 'a', shape: [2, 1, 2] }], consts: [floats([1, 2, 3, 4], [2, 2])] }, [1, 1, 2, 0]);
    expect(nested(y)).toEqual([4, 6, 2, 4]);
    expect(nested(runOp({ op: 'Sub', inputs: [a], consts: [floats([1, 2, 3])] }, iota(6)))).toEqual([0, 0, 0, 3, 3, 3]);
    expect(nested(runOp({ op: 'Div', inputs: [a], consts: [floats([2], [])] }, iota(6)))).toEqual([0.5, 1, 1.5, 2, 2.5, 3]);
  });

  it('Identity and Dropout (inference) are aliases; Sigmoid and Relu', () => {
    expect(nested(runOp({ op: 'Dropout', opset: 13, inputs: [a] }, iota(6)))).toEqual(iota(6));
    expect(nested(runOp({ op: 'Identity', inputs: [a] }, iota(6)))).toEqual(iota(6));
    expect(nested(runOp({ op: 'Relu', inputs: [{ name: 'x', shape: [2] }] }, [-1, 2]))).toEqual([0, 2]);
    expectClose(runOp({ op: 'Sigmoid', inputs: [{ name: 'x', shape: [1] }] }, [0]).data, [0.5]);
  });
});

describe('Cast on runtime data', () => {
  it('float32 -> float32 is a no-op; other targets are refused', () => {
    const c = (to: number): OpCase => ({ op: 'Cast', inputs: [{ name: 'x', shape: [2] }], attrs: { to: A.int(to) } });
    expect(nested(runOp(c(1), [1.5, -2]))).toEqual([1.5, -2]);
    expect(() => runOp(c(7), [1.5, -2])).toThrow(/Cast of runtime float32 data to data type 7 is not supported/);
  });
});
