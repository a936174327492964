// onnxruntime-web (wasm backend, in Node) as an independent oracle for transposed conv, 1-D
// conv and pooling, dilated conv and cubic resize: one-op models must give what our importer
// and CPU reference give.
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededUniform } from '../../src/graph/rng.js';
import { compare } from '../../src/reference/tensor.js';
import { A, floats, longs, opModel, runModel, type OpCase } from './helpers.js';

async function ortRun(bytes: Uint8Array, shape: number[], data: Float32Array): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  try {
    const out = await session.run({ x: new ort.Tensor('float32', data, shape) });
    return out[session.outputNames[0]].data as Float32Array;
  } finally {
    await session.release();
  }
}

const x = (shape: number[]) => ({ name: 'x', shape });
const w = (seed: number, shape: number[]) => floats(seededUniform(seed, 'w', shape.reduce((a, b) => a * b, 1), 1), shape);
const ints = A.ints;

const CONV: [string, OpCase][] = [
  ['conv 3x3 dilation 2 pads 2 groups 2', { op: 'Conv', inputs: [x([2, 4, 9, 11])], consts: [w(1, [6, 2, 3, 3]), floats([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])], attrs: { group: A.int(2), pads: ints([2, 2, 2, 2]), dilations: ints([2, 2]) } }],
  ['conv dilation (3, 2) stride (2, 3) asymmetric pads', { op: 'Conv', inputs: [x([1, 3, 13, 14])], consts: [w(2, [4, 3, 3, 2])], attrs: { dilations: ints([3, 2]), strides: ints([2, 3]), pads: ints([1, 0, 2, 3]) } }],
  ['conv1d k5 stride 2 dilation 2 groups 3 bias', { op: 'Conv', inputs: [x([2, 6, 31])], consts: [w(3, [9, 2, 5]), floats(seededUniform(3, 'b', 9, 1))], attrs: { group: A.int(3), strides: ints([2]), dilations: ints([2]), pads: ints([3, 1]) } }],
  ['conv1d SAME_LOWER stride 3', { op: 'Conv', inputs: [x([1, 2, 20])], consts: [w(4, [3, 2, 4])], attrs: { strides: ints([3]), auto_pad: A.str('SAME_LOWER') } }],
  ['maxpool1d k3 s2 pads dilation ceil', { op: 'MaxPool', inputs: [x([2, 3, 23])], attrs: { kernel_shape: ints([3]), strides: ints([2]), pads: ints([1, 2]), dilations: ints([2]), ceil_mode: A.int(1) } }],
  ['averagepool1d count_include_pad', { op: 'AveragePool', inputs: [x([2, 3, 23])], attrs: { kernel_shape: ints([4]), strides: ints([3]), pads: ints([2, 1]), count_include_pad: A.int(1) } }],
  ['averagepool1d SAME_UPPER', { op: 'AveragePool', inputs: [x([1, 4, 10])], attrs: { kernel_shape: ints([3]), strides: ints([2]), auto_pad: A.str('SAME_UPPER') } }],
];

const ct = (xs: number[], ws: number[], attrs: OpCase['attrs'], group = 1): OpCase => ({
  op: 'ConvTranspose',
  inputs: [x(xs)],
  consts: [w(5, ws), floats(seededUniform(5, 'b', ws[1] * group, 1))],
  attrs: { ...attrs, group: A.int(group) },
});

const TRANSPOSE: [string, OpCase][] = [
  ['U-Net k2 s2', ct([1, 4, 5, 7], [4, 3, 2, 2], { strides: ints([2, 2]) })],
  ['U-Net k3 s2 p1 output_padding 1', ct([2, 3, 5, 4], [3, 2, 3, 3], { strides: ints([2, 2]), pads: ints([1, 1, 1, 1]), output_padding: ints([1, 1]) })],
  ['groups 2, dilations (2, 3), strides (3, 2), asymmetric pads', ct([1, 4, 5, 6], [4, 3, 3, 2], { dilations: ints([2, 3]), strides: ints([3, 2]), pads: ints([2, 0, 1, 3]), output_padding: ints([1, 1]) }, 2)],
  ['depthwise k4 s2 p1', ct([2, 3, 6, 5], [3, 1, 4, 4], { strides: ints([2, 2]), pads: ints([1, 1, 1, 1]) }, 3)],
  ['output_shape smaller than natural (odd crop)', ct([1, 2, 4, 5], [2, 2, 3, 3], { strides: ints([2, 2]), output_shape: ints([8, 10]) })],
  ['output_shape larger than natural', ct([1, 2, 4, 5], [2, 2, 3, 3], { strides: ints([3, 2]), output_shape: ints([11, 12]) })],
  ['output_shape with SAME_UPPER', ct([1, 2, 4, 5], [2, 2, 3, 3], { strides: ints([2, 2]), output_shape: ints([8, 10]), auto_pad: A.str('SAME_UPPER') })],
  ['auto_pad SAME_UPPER stride 2', ct([1, 2, 4, 5], [2, 1, 4, 3], { strides: ints([2, 2]), auto_pad: A.str('SAME_UPPER') })],
  ['auto_pad SAME_LOWER stride 3', ct([1, 2, 4, 5], [2, 1, 4, 4], { strides: ints([3, 3]), auto_pad: A.str('SAME_LOWER') })],
  ['1-D k4 s2 p1', ct([2, 3, 9], [3, 4, 4], { strides: ints([2]), pads: ints([1, 1]) })],
  ['1-D k3 s3 dilation 2 output_shape', ct([1, 4, 7], [4, 1, 3], { strides: ints([3]), dilations: ints([2]), output_shape: ints([20]) }, 2)],
];

const cubic = { mode: A.str('cubic') };
const resize = (xs: number[], how: { scales?: number[]; sizes?: number[] }, attrs: OpCase['attrs'], opset = 13): OpCase => ({
  op: 'Resize',
  inputs: [x(xs)],
  consts: how.scales ? ['', floats(how.scales)] : ['', '', longs(how.sizes!)],
  attrs,
  opset,
});
const COORDS = ['half_pixel', 'pytorch_half_pixel', 'align_corners', 'asymmetric', 'tf_half_pixel_for_nn'];
const RESIZE: [string, OpCase][] = [
  ...COORDS.map((c): [string, OpCase] => [`cubic ${c} up, sizes`, resize([1, 2, 5, 7], { sizes: [1, 2, 9, 12] }, { ...cubic, coordinate_transformation_mode: A.str(c) })]),
  ...COORDS.map((c): [string, OpCase] => [`cubic ${c} down, scales 0.6`, resize([1, 2, 9, 8], { scales: [1, 1, 0.6, 0.6] }, { ...cubic, coordinate_transformation_mode: A.str(c) })]),
  ['cubic A = -0.5 exclude_outside, scales 1.7', resize([1, 2, 5, 6], { scales: [1, 1, 1.7, 1.7] }, { ...cubic, cubic_coeff_a: A.float(-0.5), exclude_outside: A.int(1) })],
  ['cubic exclude_outside downsample', resize([1, 1, 8, 8], { scales: [1, 1, 0.5, 0.75] }, { ...cubic, exclude_outside: A.int(1) })],
  ['cubic 1-pixel axis', resize([1, 1, 1, 5], { sizes: [1, 1, 3, 8] }, cubic)],
  ['cubic half_pixel_symmetric (Resize-19), scales 0.7', resize([1, 2, 7, 9], { scales: [1, 1, 0.7, 1.3] }, { ...cubic, coordinate_transformation_mode: A.str('half_pixel_symmetric') }, 19)],
  ['linear half_pixel_symmetric (Resize-19), scales 1.7', resize([1, 2, 5, 7], { scales: [1, 1, 1.7, 0.6] }, { mode: A.str('linear'), coordinate_transformation_mode: A.str('half_pixel_symmetric') }, 19)],
];

describe('onnxruntime-web (wasm, Node) agrees on conv, pool, transposed conv and cubic resize', () => {
  beforeAll(() => {
    ort.env.wasm.numThreads = 1;
  });

  it.each([...CONV, ...TRANSPOSE, ...RESIZE])('%s', async (_, c) => {
    const bytes = opModel(c);
    const shape = c.inputs[0].shape;
    const data = seededUniform(11, 'x', shape.reduce((a, b) => a * b, 1), 1);
    const ours = runModel(bytes, { x: data }).out;
    const theirs = await ortRun(bytes, shape, data);
    expect(ours.data.length).toBe(theirs.length);
    expect(compare(ours.data, theirs).maxAbsError).toBeLessThanOrEqual(1e-5);
  });
});
