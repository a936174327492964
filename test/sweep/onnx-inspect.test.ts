// What the bench page shows about a dropped model before it runs: fields for the dims it leaves
// open, the ops it cannot import (with the importer's message), and a clear error for bytes
// that are no model at all.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectOnnx, MAX_SHAPE_CONFIGS, shapeFields, shapesFromFields } from '../../src/sweep/onnx-inspect';
import { OnnxWriter, floats, FIXTURES } from '../onnx/helpers';

function twoInputs(): Uint8Array {
  const w = new OnnxWriter({ opset: 13 });
  const a = w.input('image', ['N', 3, 'H', 'W']);
  const m = w.input('mask', ['N', 1, 'H', 'W']);
  w.node('Mul', '/mul', [a, m], ['y']);
  w.output('y');
  return w.bytes();
}

function withUnsupported(): Uint8Array {
  const w = new OnnxWriter({ opset: 13 });
  const x = w.input('x', [1, 4, 8, 8]);
  w.node('Relu', '/relu', [x], ['r']);
  w.node('Det', '/det1', ['r'], ['d1']);
  w.node('Det', '/det2', ['d1'], ['d2']);
  w.node('Add', '/add', ['d2', w.initializer('one', floats([1], [1]))], ['y']);
  w.output('y');
  return w.bytes();
}

describe('inspectOnnx', () => {
  it('summarizes the seed fixture: fixed dims, no fields, ops with counts, parameters, imports', () => {
    const r = inspectOnnx(new Uint8Array(readFileSync(`${FIXTURES}/jeongwonnet_swap_c8_64.onnx`)));
    const fixtures = JSON.parse(readFileSync(`${FIXTURES}/fixtures.json`, 'utf8')) as { params: number }[];
    expect(r.summary.inputs).toEqual([{ name: 'input', dims: [1, 3, 64, 64] }]);
    expect(r.fields).toEqual([]);
    expect(r.summary.opCounts.Conv).toBeGreaterThan(0);
    // The parameter count the exporter recorded, independently of our decoder.
    expect(r.summary.initializerElements).toBe(fixtures[0].params);
    expect(r.unsupported).toEqual([]);
    expect(r.trial).toEqual({ shapes: { input: [1, 3, 64, 64] }, error: null });
  });

  it('gives one field per named dynamic dim, shared by the inputs that use it', () => {
    const r = inspectOnnx(twoInputs());
    expect(r.fields.map((f) => [f.key, f.uses.length, f.suggested])).toEqual([
      ['N', 2, '1'],
      ['H', 2, '64'],
      ['W', 2, '64'],
    ]);
    expect(r.trial).toEqual({ shapes: { image: [1, 3, 64, 64], mask: [1, 1, 64, 64] }, error: null });
  });

  it('lists every unsupported op with its node count and gives the importer message', () => {
    const r = inspectOnnx(withUnsupported());
    expect(r.unsupported).toEqual([{ op: 'Det', domain: null, nodes: 2 }]);
    expect(r.trial.error).toMatch(/^ONNX node '\/det1' \(Det\): unsupported op type; supported ops: /);
  });

  it('throws a clear error for bytes that are no ONNX model', () => {
    expect(() => inspectOnnx(new TextEncoder().encode('this is not a model, just some text'))).toThrow(/^not a valid ONNX model \(protobuf decoding failed: .*\); is the file truncated or not an .onnx file\?$/);
  });
});

describe('shapesFromFields', () => {
  const inputs = [{ name: 'image', dims: ['N', 3, 'H', 'W'] as (number | string)[] }, { name: 'mask', dims: ['N', 1, 'H', 'W'] as (number | string)[] }];
  const fields = shapeFields(inputs);

  it('sweeps every combination of the listed values, fixed dims kept', () => {
    const shapes = shapesFromFields(inputs, fields, { N: '1,2', H: '32', W: '48, 64' });
    expect(shapes).toEqual([
      { image: [1, 3, 32, 48], mask: [1, 1, 32, 48] },
      { image: [1, 3, 32, 64], mask: [1, 1, 32, 64] },
      { image: [2, 3, 32, 48], mask: [2, 1, 32, 48] },
      { image: [2, 3, 32, 64], mask: [2, 1, 32, 64] },
    ]);
  });

  it('rejects empty, zero and non-numeric values, and too many combinations, naming the field', () => {
    expect(() => shapesFromFields(inputs, fields, { N: '', H: '32', W: '32' })).toThrow("input dim 'N': give a value");
    expect(() => shapesFromFields(inputs, fields, { N: '0', H: '32', W: '32' })).toThrow("input dim 'N': '0' is not a positive integer");
    expect(() => shapesFromFields(inputs, fields, { N: '1', H: 'big', W: '32' })).toThrow("input dim 'H': 'big' is not a positive integer");
    const many = Array.from({ length: 9 }, (_, i) => i + 1).join(',');
    expect(() => shapesFromFields(inputs, fields, { N: many, H: many, W: '1' })).toThrow(`81 configurations`);
    expect(81).toBeGreaterThan(MAX_SHAPE_CONFIGS);
  });

  it('asks for the whole shape of an input the model declares no shape for', () => {
    const bare = [{ name: 'x' }];
    const f = shapeFields(bare);
    expect(f).toMatchObject([{ key: 'x', kind: 'shape' }]);
    expect(shapesFromFields(bare, f, { x: '1x3x8x8,2x3x8x8' })).toEqual([{ x: [1, 3, 8, 8] }, { x: [2, 3, 8, 8] }]);
    expect(() => shapesFromFields(bare, f, { x: '1x3x8' + 'xq' })).toThrow("shape of input 'x': '1x3x8xq' is not a shape");
  });
});
