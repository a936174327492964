// Resize (opsets 10, 11-18) and Upsample (7-9) against the ONNX project's resize/upsample
// test cases: every coordinate transformation mode, nearest rounding rule, scales and sizes.
import { describe, expect, it } from 'vitest';
import { A, expectClose, floats, iota, longs, nested, runOp, type OpCase } from './helpers.js';

const x22 = { name: 'x', shape: [1, 1, 2, 2] };
const x24 = { name: 'x', shape: [1, 1, 2, 4] };
const x44 = { name: 'x', shape: [1, 1, 4, 4] };

function resize(input: { name: string; shape: number[] }, how: { scales?: number[]; sizes?: number[] }, attrs: OpCase['attrs'] = {}, opset = 13): OpCase {
  const consts: OpCase['consts'] = how.scales ? ['', floats(how.scales)] : ['', '', longs(how.sizes!)];
  return { op: 'Resize', inputs: [input], consts, attrs, opset };
}

const near = { mode: A.str('nearest') };
const lin = { mode: A.str('linear') };

describe('Resize with scales', () => {
  it('resize_upsample_scales_nearest (half_pixel, round_prefer_floor defaults)', () => {
    const y = runOp(resize(x22, { scales: [1, 1, 2, 3] }, near), [1, 2, 3, 4]);
    expect(y.shape).toEqual([1, 1, 4, 6]);
    expect(nested(y)).toEqual([1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 4]);
  });

  it('resize_downsample_scales_nearest: coordinates use the given scale 0.6, not out/in', () => {
    expect(nested(runOp(resize(x24, { scales: [1, 1, 0.6, 0.6] }, near), iota(8)))).toEqual([1, 3]);
  });

  it('resize_upsample_scales_linear and _align_corners', () => {
    const y = runOp(resize(x22, { scales: [1, 1, 2, 2] }, lin), [1, 2, 3, 4]);
    expectClose(y.data, [1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4]);
    const ac = runOp(resize(x22, { scales: [1, 1, 2, 2] }, { ...lin, coordinate_transformation_mode: A.str('align_corners') }), [1, 2, 3, 4]);
    const t = 1 / 3;
    expectClose(ac.data, [1, 1 + t, 1 + 2 * t, 2, 1 + 2 * t, 2, 2 + t, 2 + 2 * t, 2 + t, 2 + 2 * t, 3, 3 + t, 3, 3 + t, 3 + 2 * t, 4]);
  });

  it('resize_downsample_scales_linear and _align_corners', () => {
    expectClose(runOp(resize(x24, { scales: [1, 1, 0.6, 0.6] }, lin), iota(8)).data, [2.6666665, 4.3333331]);
    // ONNX's Python reference gives [1, 3.142857]: it divides by the fractional length
    // in * scale = 2.4. onnxruntime (and PyTorch's align_corners) divide by the integer output
    // length 2, giving x = 3 -> 4; we follow the runtime the profiler compares against.
    const ac = runOp(resize(x24, { scales: [1, 1, 0.6, 0.6] }, { ...lin, coordinate_transformation_mode: A.str('align_corners') }), iota(8));
    expectClose(ac.data, [1, 4]);
  });

  it('asymmetric linear upsampling matches Upsample semantics', () => {
    const y = runOp(resize(x22, { scales: [1, 1, 2, 2] }, { ...lin, coordinate_transformation_mode: A.str('asymmetric') }), [1, 2, 3, 4]);
    expectClose(y.data, [1, 1.5, 2, 2, 2, 2.5, 3, 3, 3, 3.5, 4, 4, 3, 3.5, 4, 4]);
  });
});

describe('Resize with sizes', () => {
  it('resize_upsample_sizes_nearest: 2x2 -> 7x8', () => {
    const y = runOp(resize(x22, { sizes: [1, 1, 7, 8] }, near), [1, 2, 3, 4]);
    const top = [1, 1, 1, 1, 2, 2, 2, 2];
    const bottom = [3, 3, 3, 3, 4, 4, 4, 4];
    expect(nested(y)).toEqual([...top, ...top, ...top, ...top, ...bottom, ...bottom, ...bottom]);
  });

  it('resize_downsample_sizes_nearest: 2x4 -> 1x3', () => {
    expect(nested(runOp(resize(x24, { sizes: [1, 1, 1, 3] }, near), iota(8)))).toEqual([1, 2, 4]);
  });

  it('resize_upsample_sizes_nearest_ceil_half_pixel', () => {
    const y = runOp(resize(x44, { sizes: [1, 1, 8, 8] }, { ...near, nearest_mode: A.str('ceil') }), iota(16));
    const row = (r: number) => [1, 2, 2, 3, 3, 4, 4, 4].map((v) => v + 4 * r);
    expect(nested(y)).toEqual([0, 1, 1, 2, 2, 3, 3, 3].flatMap(row));
  });

  it('resize_upsample_sizes_nearest_floor_align_corners', () => {
    const attrs = { ...near, nearest_mode: A.str('floor'), coordinate_transformation_mode: A.str('align_corners') };
    const y = runOp(resize(x44, { sizes: [1, 1, 8, 8] }, attrs), iota(16));
    const row = (r: number) => [1, 1, 1, 2, 2, 3, 3, 4].map((v) => v + 4 * r);
    expect(nested(y)).toEqual([0, 0, 0, 1, 1, 2, 2, 3].flatMap(row));
  });

  it('resize_upsample_sizes_nearest_round_prefer_ceil_asymmetric', () => {
    const attrs = { ...near, nearest_mode: A.str('round_prefer_ceil'), coordinate_transformation_mode: A.str('asymmetric') };
    const y = runOp(resize(x44, { sizes: [1, 1, 8, 8] }, attrs), iota(16));
    const row = (r: number) => [1, 2, 2, 3, 3, 4, 4, 4].map((v) => v + 4 * r);
    expect(nested(y)).toEqual([0, 1, 1, 2, 2, 3, 3, 3].flatMap(row));
  });

  it('resize_downsample_sizes_nearest_tf_half_pixel_for_nn', () => {
    const attrs = { ...near, coordinate_transformation_mode: A.str('tf_half_pixel_for_nn') };
    expect(nested(runOp(resize(x44, { sizes: [1, 1, 3, 2] }, attrs), iota(16)))).toEqual([6, 8, 10, 12, 14, 16]);
  });

  it('resize_downsample_sizes_linear_pytorch_half_pixel', () => {
    const attrs = { ...lin, coordinate_transformation_mode: A.str('pytorch_half_pixel') };
    expectClose(runOp(resize(x44, { sizes: [1, 1, 3, 1] }, attrs), iota(16)).data, [1.6666666, 7, 12.333333]);
  });

  it('opset 18: axes and keep_aspect_ratio_policy', () => {
    const c: OpCase = { op: 'Resize', inputs: [x22], consts: ['', '', longs([4, 4])], attrs: { ...near, axes: A.ints([2, 3]) }, opset: 18 };
    expect(runOp(c, [1, 2, 3, 4]).shape).toEqual([1, 1, 4, 4]);
    const notLarger = { ...c, consts: ['', '', longs([4, 6])] as OpCase['consts'], attrs: { ...c.attrs, keep_aspect_ratio_policy: A.str('not_larger') } };
    expect(runOp(notLarger, [1, 2, 3, 4]).shape).toEqual([1, 1, 4, 4]);
  });
});

describe('legacy forms', () => {
  it('Resize-10 (X, scales): asymmetric; nearest floors when upsampling, ceils when downsampling', () => {
    const up = runOp({ op: 'Resize', opset: 10, inputs: [x22], consts: [floats([1, 1, 2, 3])], attrs: near }, [1, 2, 3, 4]);
    expect(nested(up)).toEqual([1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 4]);
    const down = runOp({ op: 'Resize', opset: 10, inputs: [x24], consts: [floats([1, 1, 0.6, 0.6])], attrs: near }, iota(8));
    expect(nested(down)).toEqual([1, 3]);
  });

  it('Upsample-9 (scales input) nearest and linear', () => {
    const n = runOp({ op: 'Upsample', opset: 9, inputs: [x22], consts: [floats([1, 1, 2, 3])], attrs: near }, [1, 2, 3, 4]);
    expect(nested(n)).toEqual([1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 4]);
    const l = runOp({ op: 'Upsample', opset: 9, inputs: [x22], consts: [floats([1, 1, 2, 2])], attrs: lin }, [1, 2, 3, 4]);
    expectClose(l.data, [1, 1.5, 2, 2, 2, 2.5, 3, 3, 3, 3.5, 4, 4, 3, 3.5, 4, 4]);
  });

  it('Upsample-7 takes scales as an attribute', () => {
    const y = runOp({ op: 'Upsample', opset: 7, inputs: [x22], attrs: { ...near, scales: A.floats([1, 1, 2, 2]) } }, [1, 2, 3, 4]);
    expect(nested(y)).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
  });
});

describe('Resize refusals', () => {
  it('names what is not supported', () => {
    const bad = (attrs: OpCase['attrs'], opset = 13) => () => runOp(resize(x22, { scales: [1, 1, 2, 2] }, attrs, opset), [1, 2, 3, 4]);
    expect(bad({ mode: A.str('cubic') }, 10)).toThrow(/mode 'cubic' is not supported \(supported: nearest, linear\)/);
    expect(bad({ mode: A.str('area') })).toThrow(/mode 'area' is not supported \(supported: nearest, linear, cubic\)/);
    expect(bad({ ...lin, coordinate_transformation_mode: A.str('half_pixel_symmetric') }, 18)).toThrow(/'half_pixel_symmetric' is not supported/);
    expect(bad({ ...lin, coordinate_transformation_mode: A.str('tf_crop_and_resize') })).toThrow(/coordinate_transformation_mode 'tf_crop_and_resize'/);
    expect(bad({ ...lin, antialias: A.int(1) }, 18)).toThrow(/antialias/);
    expect(() => runOp(resize(x22, { scales: [1, 2, 2, 2] }, lin), [1, 2, 3, 4])).toThrow(/batch or channel axis/);
  });
});
