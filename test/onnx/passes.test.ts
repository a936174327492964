// Import-time passes: Conv+BatchNormalization folding, PRCM recognition in the forms
// exporters write it, and reshape clean-up.
import { describe, expect, it } from 'vitest';
import { importOnnx } from '../../src/onnx/index.js';
import type { Graph } from '../../src/graph/ir.js';
import { seededUniform } from '../../src/graph/rng.js';
import { runReference } from '../../src/reference/run.js';
import { compare, tensor } from '../../src/reference/tensor.js';
import { A, OnnxWriter, floats, longs } from './helpers.js';

const X = [2, 4, 5, 5];
const xval = tensor(X, seededUniform(1, 'x', 200, 1));
const out = (g: Graph) => runReference(g, { x: xval }).outputs.get('y')!.data;
const ops = (g: Graph) => g.nodes.map((n) => n.op);
const rnd = (name: string, shape: number[]) => floats(seededUniform(9, name, shape.reduce((a, b) => a * b, 1), 1), shape);

function convBn(twoUsers: boolean): Uint8Array {
  const w = new OnnxWriter({ opset: 13 });
  w.input('x', X);
  w.initializer('w', rnd('w', [3, 4, 3, 3]));
  w.initializer('s', floats([1.5, 0.5, 2]));
  w.initializer('b', floats([0.1, -0.2, 0.3]));
  w.initializer('m', floats([0.2, 0, -0.1]));
  w.initializer('v', floats([0.5, 1, 2]));
  w.node('Conv', 'conv', ['x', 'w'], ['c'], { pads: A.ints([1, 1, 1, 1]) });
  w.node('BatchNormalization', 'bn', ['c', 's', 'b', 'm', 'v'], [twoUsers ? 'n' : 'y'], { epsilon: A.float(1e-3) });
  if (twoUsers) w.node('Add', 'add', ['n', 'c'], ['y']);
  w.output('y');
  return w.bytes();
}

describe('Conv + BatchNormalization folding', () => {
  it('folds when the conv feeds only the BN, and keeps the values', () => {
    const folded = importOnnx(convBn(false));
    const raw = importOnnx(convBn(false), { simplify: false });
    expect(ops(folded)).toEqual(['conv2d']);
    expect(ops(raw)).toEqual(['conv2d', 'batchnorm']);
    expect(compare(out(folded), out(raw)).maxRelError).toBeLessThanOrEqual(1e-6);
  });

  it('leaves the pair alone when something else reads the conv output', () => {
    expect(ops(importOnnx(convBn(true)))).toEqual(['conv2d', 'batchnorm', 'add']);
  });
});

/** PRCM with the context flattened and the gate reshaped in different (all valid) ways. */
function prcmModel(form: 'flatten' | 'squeeze' | 'reshape' | 'runtime-weight'): Uint8Array {
  const [N, C, B] = [2, 4, 3];
  const w = new OnnxWriter({ opset: 13 });
  w.input('x', X);
  if (form === 'runtime-weight') w.input('bt', [C, B]);
  else w.initializer('bt', rnd('bt', [C, B]));
  w.initializer('ft', rnd('ft', [B, C]));
  if (form === 'flatten') {
    w.node('ReduceMean', 'rm', ['x'], ['m4'], { axes: A.ints([2, 3]), keepdims: A.int(1) });
    w.node('Flatten', 'fl', ['m4'], ['ctx'], { axis: A.int(1) });
  } else if (form === 'squeeze') {
    w.node('GlobalAveragePool', 'gap', ['x'], ['m4']);
    w.node('Squeeze', 'sq', ['m4', w.constant('/c', longs([3, 2]))], ['ctx']);
  } else w.node('ReduceMean', 'rm', ['x'], ['ctx'], { axes: A.ints([-1, -2]), keepdims: A.int(0) });
  w.node('MatMul', 'mm1', ['ctx', 'bt'], ['h']);
  w.node('MatMul', 'mm2', ['h', 'ft'], ['l']);
  w.node('Sigmoid', 'sg', ['l'], ['s']);
  if (form === 'reshape') w.node('Reshape', 'rs', ['s', w.constant('/c', longs([N, C, 1, 1]))], ['g']);
  else w.node('Unsqueeze', 'us', ['s', w.constant('/c', longs([2, 3]))], ['g']);
  w.node('Mul', 'mul', ['g', 'x'], ['y']);
  w.output('y');
  return w.bytes();
}

describe('PRCM recognition', () => {
  it.each(['flatten', 'squeeze', 'reshape'] as const)('recognizes the %s form', (form) => {
    const g = importOnnx(prcmModel(form));
    const raw = importOnnx(prcmModel(form), { simplify: false });
    expect(ops(g)).toEqual(['prcm']);
    expect(g.tensors.get(g.nodes[0].inputs[1])!.shape).toEqual([3, 4]);
    expect(g.tensors.get(g.nodes[0].inputs[2])!.shape).toEqual([4, 3]);
    expect(compare(out(g), out(raw)).maxRelError).toBeLessThanOrEqual(1e-6);
  });

  it('needs constant weights', () => {
    const g = importOnnx(prcmModel('runtime-weight'));
    expect(ops(g)).not.toContain('prcm');
  });
});

describe('reshape clean-up', () => {
  it('a chain of reshapes becomes one; a reshape to the same shape disappears', () => {
    const w = new OnnxWriter({ opset: 13 });
    w.input('x', [2, 3, 4]);
    w.node('Flatten', 'f', ['x'], ['a'], { axis: A.int(1) });
    w.node('Unsqueeze', 'u', ['a', w.constant('/c', longs([0]))], ['b']);
    w.node('Relu', 'r', ['b'], ['c']);
    w.node('Reshape', 'rs', ['c', w.constant('/c', longs([1, 2, 12]))], ['d']);
    w.node('Sigmoid', 's', ['d'], ['y']);
    w.output('y');
    expect(ops(importOnnx(w.bytes()))).toEqual(['reshape', 'relu', 'sigmoid']);
  });
});
