// onnxruntime-web (wasm backend, run here in Node) as an independent oracle: single-op models
// must give what our importer + CPU reference give, and our exports must run in it unchanged.
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportOnnx } from '../../src/onnx/index.js';
import { jeongwonnet, jeongwonnetTraining } from '../../src/graph/jeongwonnet.js';
import { seededUniform } from '../../src/graph/rng.js';
import { runReference } from '../../src/reference/run.js';
import { compare, tensor } from '../../src/reference/tensor.js';
import { A, FIXTURES, floats, longs, opModel, readF32, runModel, type OpCase } from './helpers.js';

async function ortRun(bytes: Uint8Array, feeds: Record<string, { shape: number[]; data: Float32Array }>): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  try {
    const t: Record<string, ort.Tensor> = {};
    for (const [k, v] of Object.entries(feeds)) t[k] = new ort.Tensor('float32', v.data, v.shape);
    const out = await session.run(t);
    return out[session.outputNames[0]].data as Float32Array;
  } finally {
    await session.release();
  }
}

const x = (shape: number[]) => ({ name: 'x', shape });
const near = { mode: A.str('nearest') };
const lin = { mode: A.str('linear') };
const CASES: [string, OpCase][] = [
  ['resize linear half_pixel, scale 0.6', { op: 'Resize', inputs: [x([1, 2, 5, 7])], consts: ['', floats([1, 1, 0.6, 0.6])], attrs: lin }],
  ['resize nearest asymmetric, scale 1.7', { op: 'Resize', inputs: [x([1, 2, 5, 7])], consts: ['', floats([1, 1, 1.7, 1.7])], attrs: { ...near, coordinate_transformation_mode: A.str('asymmetric') } }],
  ['resize linear pytorch_half_pixel, sizes', { op: 'Resize', inputs: [x([1, 2, 5, 7])], consts: ['', '', longs([1, 2, 9, 3])], attrs: { ...lin, coordinate_transformation_mode: A.str('pytorch_half_pixel') } }],
  ['resize nearest tf_half_pixel_for_nn, round_prefer_ceil', { op: 'Resize', inputs: [x([1, 1, 6, 6])], consts: ['', floats([1, 1, 1.5, 0.5])], attrs: { ...near, nearest_mode: A.str('round_prefer_ceil'), coordinate_transformation_mode: A.str('tf_half_pixel_for_nn') } }],
  ['maxpool ceil, pads, dilation', { op: 'MaxPool', inputs: [x([1, 2, 9, 8])], attrs: { kernel_shape: A.ints([3, 2]), strides: A.ints([2, 3]), pads: A.ints([1, 0, 1, 1]), dilations: A.ints([1, 2]), ceil_mode: A.int(1) } }],
  ['avgpool count_include_pad, ceil', { op: 'AveragePool', inputs: [x([1, 2, 9, 8])], attrs: { kernel_shape: A.ints([3, 3]), strides: A.ints([2, 2]), pads: A.ints([1, 1, 1, 1]), ceil_mode: A.int(1), count_include_pad: A.int(1) } }],
  ['avgpool SAME_LOWER', { op: 'AveragePool', inputs: [x([1, 2, 9, 8])], attrs: { kernel_shape: A.ints([4, 3]), strides: A.ints([2, 2]), auto_pad: A.str('SAME_LOWER') } }],
  ['conv SAME_UPPER stride 2, groups', { op: 'Conv', inputs: [x([1, 4, 9, 8])], consts: [floats(seededUniform(1, 'w', 4 * 2 * 3 * 2, 1), [4, 2, 3, 2]), floats([0.1, 0.2, 0.3, 0.4])], attrs: { group: A.int(2), strides: A.ints([2, 2]), auto_pad: A.str('SAME_UPPER') } }],
  ['conv asymmetric pads, dilation, stride', { op: 'Conv', inputs: [x([1, 3, 9, 8])], consts: [floats(seededUniform(4, 'w', 2 * 3 * 3 * 3, 1), [2, 3, 3, 3])], attrs: { pads: A.ints([2, 0, 1, 3]), dilations: A.ints([2, 1]), strides: A.ints([1, 2]) } }],
  ['gemm transA transB alpha beta', { op: 'Gemm', inputs: [x([5, 3])], consts: [floats(seededUniform(2, 'b', 20, 1), [4, 5]), floats([1, 2, 3], [3, 1])], attrs: { transA: A.int(1), transB: A.int(1), alpha: A.float(0.7), beta: A.float(-1.5) } }],
  ['pad constant, negative', { op: 'Pad', inputs: [x([1, 2, 4, 4])], consts: [longs([0, 1, -1, 2, 0, 0, 1, -2]), floats([0.5], [])] }],
  ['transpose', { op: 'Transpose', inputs: [x([2, 3, 4, 5])], attrs: { perm: A.ints([2, 0, 3, 1]) } }],
  ['reduce mean over axes 1 and 3', { op: 'ReduceMean', inputs: [x([2, 3, 4, 5])], attrs: { axes: A.ints([1, 3]), keepdims: A.int(0) } }],
  ['concat', { op: 'Concat', inputs: [x([2, 3, 4])], consts: [floats(seededUniform(3, 'c', 2 * 3 * 2, 1), [2, 3, 2])], attrs: { axis: A.int(2) } }],
];

describe('onnxruntime-web (wasm, Node) agrees', () => {
  beforeAll(() => {
    ort.env.wasm.numThreads = 1;
  });

  it.each(CASES)('%s', async (_, c) => {
    const bytes = opModel(c);
    const shape = c.inputs[0].shape;
    const data = seededUniform(11, 'x', shape.reduce((a, b) => a * b, 1), 1);
    const ours = runModel(bytes, { x: data }).out;
    const theirs = await ortRun(bytes, { x: { shape, data } });
    expect(compare(ours.data, theirs).maxAbsError).toBeLessThanOrEqual(1e-5);
  });

  it('runs our exports of the deploy and training networks with identical weights', async () => {
    const input = tensor([1, 3, 64, 64], seededUniform(5, 'ort', 3 * 64 * 64, 1));
    for (const build of [jeongwonnet, jeongwonnetTraining]) {
      const g = build({ cList: [8, 16, 24, 32, 48, 64], size: 64 });
      const want = runReference(g, { input }).outputs.get('output')!.data;
      const got = await ortRun(exportOnnx(g), { input });
      const err = compare(got, want);
      console.log(`${build.name} export in onnxruntime-web wasm vs CPU reference: ${err.maxRelError.toExponential(2)}`);
      expect(err.maxRelError).toBeLessThanOrEqual(1e-5);
    }
  });

  it('runs the fixture close to PyTorch', async () => {
    const base = `${FIXTURES}/jeongwonnet_swap_c8_64`;
    const got = await ortRun(readFileSync(`${base}.onnx`), { input: { shape: [1, 3, 64, 64], data: readF32(`${base}.input.bin`) } });
    const err = compare(got, readF32(`${base}.output.bin`));
    console.log(`fixture in onnxruntime-web wasm (Node) vs PyTorch: ${err.maxRelError.toExponential(2)}`);
    expect(err.maxRelError).toBeLessThanOrEqual(1e-3);
  });
});

describe('models/ files', () => {
  const MODELS: [string, number[]][] = [
    ['jeongwonnet_c8_dynamic.onnx', [2, 3, 96, 64]],
    ['jeongwonnet_training_c8_64.onnx', [1, 3, 64, 64]],
    ['spatial_attention_32.onnx', [1, 3, 32, 32]],
    ['context_gate_32.onnx', [1, 3, 32, 32]],
  ];
  it.each(MODELS)('%s imports and matches onnxruntime-web', async (file, shape) => {
    const bytes = readFileSync(new URL(`../../models/${file}`, import.meta.url));
    const data = seededUniform(8, file, shape.reduce((a, b) => a * b, 1), 1);
    const ours = runModel(bytes, { input: data }, { inputShapes: { input: shape } }).out;
    const theirs = await ortRun(bytes, { input: { shape, data } });
    expect(compare(ours.data, theirs).maxRelError).toBeLessThanOrEqual(1e-5);
  });
});
