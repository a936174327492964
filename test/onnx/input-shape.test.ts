// A model at chosen input shapes: the --input-shape syntax, how shapes, --batch and --size
// combine into configurations, and the errors for what is missing or does not fit.
import { describe, expect, it } from 'vitest';
import { batchAndSize, importAt, importWithShapes, modelInputs, parseShape, parseShapeSpecs, resolveInputShapes } from '../../src/onnx/input-shape.js';
import { convModel, rank3Model, twoInputModel } from './shape-models.js';

describe('--input-shape syntax', () => {
  it('reads dims joined by x, any rank', () => {
    expect(parseShape('2x3x160x224')).toEqual([2, 3, 160, 224]);
    expect(parseShape('1X16X100')).toEqual([1, 16, 100]);
    expect(parseShape('7')).toEqual([7]);
  });

  it('refuses what is not a shape, with an example', () => {
    for (const bad of ['', 'x3', '1x0x4', '2x3.5', 'abc']) expect(() => parseShape(bad), bad).toThrow(/is not a shape; write positive dims joined by x, e.g. 1x3x224x224/);
  });

  it('commas list configurations; NAME= names an input; ; or another flag adds one', () => {
    expect(parseShapeSpecs(['1x3x160x160,2x3x224x224'])).toEqual([{ name: null, shapes: [[1, 3, 160, 160], [2, 3, 224, 224]] }]);
    const both = [{ name: 'a', shapes: [[1, 4, 8, 8]] }, { name: 'b', shapes: [[1, 4, 8, 8], [2, 4, 8, 8]] }];
    expect(parseShapeSpecs(['a=1x4x8x8;b=1x4x8x8,2x4x8x8'])).toEqual(both);
    expect(parseShapeSpecs(['a=1x4x8x8', 'b=1x4x8x8,2x4x8x8'])).toEqual(both);
    expect(() => parseShapeSpecs(['=1x4'])).toThrow(/no input name before '='/);
  });
});

describe('configurations from shapes, --batch and --size', () => {
  const conv = modelInputs(convModel());
  it("uses the model's static shape when nothing is given", () => {
    expect(resolveInputShapes(conv)).toEqual([{ image: [1, 3, 16, 16] }]);
  });

  it('sweeps the shapes given, each under every size, then every batch', () => {
    const specs = parseShapeSpecs(['1x3x16x24,2x3x8x8']);
    expect(resolveInputShapes(conv, { specs })).toEqual([{ image: [1, 3, 16, 24] }, { image: [2, 3, 8, 8] }]);
    expect(resolveInputShapes(conv, { sizes: [32, 64], batches: [1, 2] }).map((s) => s.image)).toEqual([
      [1, 3, 32, 32],
      [2, 3, 32, 32],
      [1, 3, 64, 64],
      [2, 3, 64, 64],
    ]);
    expect(resolveInputShapes(conv, { specs, batches: [4] }).map((s) => s.image)).toEqual([
      [4, 3, 16, 24],
      [4, 3, 8, 8],
    ]);
  });

  it('pairs the shapes of several inputs by position; one shape is used in every configuration', () => {
    const two = modelInputs(twoInputModel(['n', 4, 8, 8]));
    const specs = parseShapeSpecs(['a=1x4x8x8,2x4x8x8', 'b=1x4x8x8']);
    expect(resolveInputShapes(two, { specs })).toEqual([
      { a: [1, 4, 8, 8], b: [1, 4, 8, 8] },
      { a: [2, 4, 8, 8], b: [1, 4, 8, 8] },
    ]);
    expect(resolveInputShapes(two, { batches: [3] })).toEqual([{ a: [3, 4, 8, 8], b: [3, 4, 8, 8] }]);
  });

  it('says what is wrong with a shape request', () => {
    const two = modelInputs(twoInputModel());
    expect(() => resolveInputShapes(two, { specs: parseShapeSpecs(['1x4x8x8']) })).toThrow(/the model has 2 inputs \(a, b\): name the input of each shape, e.g. --input-shape a=... --input-shape b=.../);
    expect(() => resolveInputShapes(two, { specs: parseShapeSpecs(['c=1x4x8x8']) })).toThrow(/names 'c', which the model does not have \(inputs: a, b\)/);
    expect(() => resolveInputShapes(two, { specs: parseShapeSpecs(['a=1x4x8x8,2x4x8x8', 'b=1x4x8x8,2x4x8x8,3x4x8x8']) })).toThrow(/every input needs the same number of shapes/);
    expect(() => resolveInputShapes(conv, { specs: parseShapeSpecs(['1x3x16']) })).toThrow(/gives input 'image' rank 3 \(1x3x16\), but the model declares rank 4/);
    expect(() => resolveInputShapes(modelInputs(rank3Model()), { sizes: [64] })).toThrow(/--size sets the height and width of a 4-D \(NCHW\) input, but input 'signal' has rank 3; give its shape with --input-shape/);
  });
});

describe('dynamic dims', () => {
  it('must all be given: the error names each by position and name and shows a concrete command', () => {
    const dyn = modelInputs(convModel(['batch', 3, 'height', 'width']));
    const call = () => resolveInputShapes(dyn, { sizes: undefined, command: 'npm run bench -- --model m.onnx' });
    expect(call).toThrow(
      "the model leaves these dims dynamic: input 'image' dim 0 ('batch'), dim 2 ('height'), dim 3 ('width'); give the full shape with --input-shape, e.g. npm run bench -- --model m.onnx --input-shape 1x3x224x224",
    );
    expect(() => resolveInputShapes(dyn, { batches: [2] })).toThrow(/input 'image' dim 2 \('height'\), dim 3 \('width'\);.* --input-shape 2x3x224x224/);
    expect(resolveInputShapes(dyn, { batches: [2], sizes: [40] })).toEqual([{ image: [2, 3, 40, 40] }]);
    expect(resolveInputShapes(dyn, { specs: parseShapeSpecs(['2x3x40x56']) })).toEqual([{ image: [2, 3, 40, 56] }]);
  });

  it('of several inputs are named per input, with one flag per input in the example', () => {
    const two = modelInputs(twoInputModel(['n', 4, 'h', 8], [1, 4, 'h', 8]));
    expect(() => resolveInputShapes(two)).toThrow("input 'a' dim 0 ('n'), dim 2 ('h'); input 'b' dim 2 ('h'); give the full shape with --input-shape, e.g. --input-shape a=1x4x224x8 --input-shape b=1x4x224x8");
  });
});

describe('importing at the resolved shapes', () => {
  it('runs a conv model at a non-square size, and a two-input model', () => {
    const g = importWithShapes(convModel(), { image: [2, 3, 16, 24] });
    expect(g.tensors.get(g.outputs[0])!.shape).toEqual([2, 4, 16, 24]);
    const two = importWithShapes(twoInputModel(), { a: [1, 4, 8, 8], b: [1, 4, 8, 8] });
    expect(two.inputs).toEqual(['a', 'b']);
    expect(importWithShapes(rank3Model(), { signal: [2, 4, 50] }).tensors.get('y')!.shape).toEqual([2, 4, 50]);
  });

  it('keeps batch and size where they make sense: dim 0, and height = width of a 4-D input', () => {
    expect(batchAndSize({ image: [2, 3, 16, 16] })).toEqual({ batch: 2, size: 16 });
    expect(batchAndSize({ image: [2, 3, 16, 24] })).toEqual({ batch: 2, size: null });
    expect(batchAndSize({ signal: [4, 4, 50] })).toEqual({ batch: 4, size: null });
    expect(importAt(convModel(), { batch: 3, size: 8 }).tensors.get('image')!.shape).toEqual([3, 3, 8, 8]);
  });
});
