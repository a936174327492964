// CPU reference on tiny cases computed by hand.
import { describe, expect, it } from 'vitest';
import { runReferenceOp } from '../../src/reference/run.js';
import { tensor } from '../../src/reference/tensor.js';

const run = (op: string, inputs: ReturnType<typeof tensor>[], attrs = {}) => Array.from(runReferenceOp(op, inputs, attrs)[0].data);

describe('CPU reference, hand-computed', () => {
  it('conv2d 3x3 pad 1 on a 3x3 ramp', () => {
    const x = tensor([1, 1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const w = tensor([1, 1, 3, 3], [0, 0, 0, 0, 1, 1, 0, 0, 0]); // y = x[i,j] + x[i,j+1]
    expect(run('conv2d', [x, w], { pads: [1, 1, 1, 1] })).toEqual([3, 5, 3, 9, 11, 6, 15, 17, 9]);
  });

  it('conv2d stride 2, bias, relu, groups', () => {
    const x = tensor([1, 2, 2, 2], [1, 2, 3, 4, -1, -2, -3, -4]);
    const w = tensor([2, 1, 1, 1], [2, 1]);
    const b = tensor([2], [0.5, 1]);
    // channel 0: 2x+0.5 at (0,0) only; channel 1: relu(-1+1)=0
    expect(run('conv2d', [x, w, b], { group: 2, strides: [2, 2], activation: 'relu' })).toEqual([2.5, 0]);
  });

  it('pointwise conv mixes channels', () => {
    const x = tensor([1, 2, 1, 2], [1, 2, 10, 20]);
    const w = tensor([1, 2, 1, 1], [1, -1]);
    expect(run('conv2d', [x, w])).toEqual([-9, -18]);
  });

  it('maxpool 2x2 and avgpool with count_include_pad', () => {
    const x = tensor([1, 1, 2, 4], [1, 5, 2, 0, 3, 4, 8, 7]);
    expect(run('maxpool2d', [x], { kernel: [2, 2] })).toEqual([5, 8]);
    const one = tensor([1, 1, 1, 1], [4]);
    expect(run('avgpool2d', [one], { kernel: [3, 3], strides: [1, 1], pads: [1, 1, 1, 1], count_include_pad: 1 })[0]).toBeCloseTo(4 / 9, 6);
    expect(run('avgpool2d', [one], { kernel: [3, 3], strides: [1, 1], pads: [1, 1, 1, 1] })).toEqual([4]);
  });

  it('bilinear 2x with align_corners keeps the corners and interpolates by thirds', () => {
    const x = tensor([1, 1, 1, 2], [0, 3]);
    expect(run('resize', [x], { outSize: [1, 4], mode: 'linear', coord: 'align_corners' })).toEqual([0, 1, 2, 3]);
    expect(run('resize', [x], { outSize: [1, 4], mode: 'linear', coord: 'half_pixel' })).toEqual([0, 0.75, 2.25, 3]);
    expect(run('resize', [x], { outSize: [1, 4], mode: 'nearest', coord: 'asymmetric', nearestMode: 'floor' })).toEqual([0, 0, 3, 3]);
  });

  it('PRCM: mean, two small matmuls, sigmoid, channel scale', () => {
    const x = tensor([1, 2, 1, 2], [1, 3, 2, 2]); // ctx = [2, 2]
    const basis = tensor([1, 2], [0.5, 0]); // coeff = 1
    const fuser = tensor([2, 1], [0, Math.log(3)]); // w = [sigmoid(0), sigmoid(ln 3)] = [0.5, 0.75]
    const y = run('prcm', [x, basis, fuser]);
    [0.5, 1.5, 1.5, 1.5].forEach((v, i) => expect(y[i]).toBeCloseTo(v, 6));
  });

  it('prescale multiplies input 0 per channel before the op', () => {
    const x = tensor([1, 2, 1, 2], [1, 2, 3, 4]);
    const s = tensor([1, 2, 1, 1], [2, -1]);
    const y = tensor([1, 2, 1, 2], [10, 10, 10, 10]);
    expect(run('add', [x, y, s], { prescale: true })).toEqual([12, 14, 7, 6]);
  });

  it('broadcasting binary ops and matmul', () => {
    const a = tensor([2, 1], [1, 2]);
    const b = tensor([3], [10, 20, 30]);
    expect(run('mul', [a, b])).toEqual([10, 20, 30, 20, 40, 60]);
    const m = tensor([2, 2], [1, 2, 3, 4]);
    expect(run('matmul', [m, tensor([2, 1], [1, 1])])).toEqual([3, 7]);
  });

  it('batchnorm uses the running statistics', () => {
    const x = tensor([1, 1, 1, 2], [1, 3]);
    const y = run('batchnorm', [x, tensor([1], [2]), tensor([1], [1]), tensor([1], [1]), tensor([1], [4])], { epsilon: 0 });
    expect(y).toEqual([1, 3]); // (x-1)/2*2+1
  });
});
