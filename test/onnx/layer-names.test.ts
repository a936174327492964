// Layers from PyTorch module scopes in node names, at 'auto' and fixed depths.
import { describe, expect, it } from 'vitest';
import { layerNamer, layerOf } from '../../src/onnx/layer-names';
import { importOnnx } from '../../src/onnx/index';
import { OnnxWriter } from './helpers';

describe('layer names from module scopes', () => {
  it('auto: the top-level module, or its indexed child when it is a container', () => {
    expect(layerOf('/layer1/layer1.0/conv1/Conv', 'auto')).toBe('layer1.0');
    expect(layerOf('/features/features.3/conv/conv.0/conv.0.0/Conv', 'auto')).toBe('features.3');
    expect(layerOf('/encoder1/dw_conv/fused_conv/Conv', 'auto')).toBe('encoder1');
    expect(layerOf('/conv1/Conv', 'auto')).toBe('conv1');
    expect(layerOf('/MaxPool', 'auto')).toBeUndefined();
    expect(layerOf('Conv_12', 'auto')).toBeUndefined();
  });

  it('fixed depths qualify child names that do not repeat their parent', () => {
    const name = '/layer2/layer2.0/downsample/downsample.0/Conv';
    expect([1, 2, 3, 4, 9].map((d) => layerOf(name, d))).toEqual(['layer2', 'layer2.0', 'layer2.0.downsample', 'layer2.0.downsample.0', 'layer2.0.downsample.0']);
    expect(layerOf('/encoder1/pw_conv/Conv', 2)).toBe('encoder1.pw_conv');
    expect(() => layerOf(name, 0)).toThrow(/positive integer/);
  });

  it('the importer names layers at the requested depth; unscoped nodes inherit their input layer', () => {
    const w = new OnnxWriter({ opset: 13 });
    w.input('x', [1, 2]);
    w.node('Relu', '/layer1/layer1.0/relu/Relu', ['x'], ['a']);
    w.node('Sigmoid', 'Sigmoid_3', ['a'], ['b']);
    w.node('Relu', '/layer1/layer1.1/relu/Relu', ['b'], ['y']);
    w.output('y');
    const bytes = w.bytes();
    expect(importOnnx(bytes).nodes.map((n) => n.layer)).toEqual(['layer1.0', 'layer1.0', 'layer1.1']);
    expect(importOnnx(bytes, { groupDepth: 1 }).nodes.map((n) => n.layer)).toEqual(['layer1', 'layer1', 'layer1']);
    expect(importOnnx(bytes, { groupDepth: 3 }).nodes.map((n) => n.layer)).toEqual(['layer1.0.relu', 'layer1.0.relu', 'layer1.1.relu']);
  });
});

describe('layer names below a wrapper module', () => {
  it('skip the module every node shares; its own nodes take its name', () => {
    const names = ['/model/backbone/layer1/layer1.0/conv1/Conv', '/model/backbone/conv1/Conv', '/model/classifier/classifier.0/Conv', '/model/Resize', 'Shape_3'];
    const auto = layerNamer(names, 'auto');
    expect(names.map(auto)).toEqual(['backbone', 'backbone', 'classifier.0', 'model', undefined]);
    expect(names.map(layerNamer(names, 3))).toEqual(['backbone.layer1.0', 'backbone.conv1', 'classifier.0', 'model', undefined]);
    expect(layerNamer(['/m/features/features.3/conv/Conv', '/m/classifier/Gemm'], 'auto')('/m/features/features.3/conv/Conv')).toBe('features.3');
  });

  it('leave a network without a wrapper as it is', () => {
    const names = ['/encoder1/pw_conv/Conv', '/encoder2/pw_conv/Conv', '/MaxPool'];
    expect(names.map(layerNamer(names, 'auto'))).toEqual(['encoder1', 'encoder2', undefined]);
  });
});
