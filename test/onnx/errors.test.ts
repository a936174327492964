// Every way an import can fail ends in an OnnxImportError that says what and where.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importOnnx, OnnxImportError } from '../../src/onnx/index.js';
import { modelType } from '../../src/onnx/schema.js';
import { A, FIXTURES, OnnxWriter, floats, opModel } from './helpers.js';

const fixture = () => readFileSync(`${FIXTURES}/jeongwonnet_swap_c8_64.onnx`);

function importError(fn: () => unknown): OnnxImportError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(OnnxImportError);
    return e as OnnxImportError;
  }
  throw new Error('expected an OnnxImportError');
}

describe('malformed files', () => {
  it('empty, not protobuf, truncated, no graph', () => {
    expect(importError(() => importOnnx(new Uint8Array())).message).toMatch(/not a valid ONNX model: the file is empty/);
    const text = new TextEncoder().encode('<!doctype html><html>not a model</html>');
    expect(importError(() => importOnnx(text)).message).toMatch(/not a valid ONNX model/);
    const bytes = fixture();
    for (const cut of [10, 1000, Math.floor(bytes.length / 2), bytes.length - 3]) {
      expect(importError(() => importOnnx(bytes.subarray(0, cut))).message).toMatch(/not a valid ONNX model|truncated|produced by no node|no outputs/);
    }
    const T = modelType();
    const noGraph = T.encode(T.fromObject({ ir_version: 7, opset_import: [{ version: 13 }] })).finish();
    expect(importError(() => importOnnx(noGraph)).message).toMatch(/has no graph/);
  });

  it('opsets outside 1..21, operator versions without semantics here, and other domains', () => {
    const future = opModel({ op: 'Relu', inputs: [{ name: 'x', shape: [1] }], opset: 22 });
    expect(importError(() => importOnnx(future)).message).toMatch(/opset 22 is not supported \(supported: 1\.\.21\)/);
    const upsample = opModel({ op: 'Upsample', inputs: [{ name: 'x', shape: [1, 1, 2, 2] }], consts: [floats([1, 1, 2, 2])], opset: 11 });
    expect(importError(() => importOnnx(upsample)).message).toMatch(/opset 11 selects Upsample-10, whose semantics are not implemented \(supported: Upsample-7, Upsample-9\)/);
    const early = opModel({ op: 'Resize', inputs: [{ name: 'x', shape: [1, 1, 2, 2] }], consts: [floats([1, 1, 2, 2])], opset: 9 });
    expect(importError(() => importOnnx(early)).message).toMatch(/Resize does not exist at opset 9: it was introduced in opset 10/);
    const w = new OnnxWriter({ opset: 13 });
    w.input('x', [1]);
    w.node('Relu', 'r', ['x'], ['y']);
    w.output('y');
    const bytes = w.bytes();
    const T = modelType();
    const m = T.toObject(T.decode(bytes)) as { graph: { node: { domain?: string }[] } };
    m.graph.node[0].domain = 'com.microsoft';
    const e = importError(() => importOnnx(T.encode(T.fromObject(m)).finish()));
    expect(e.message).toMatch(/ONNX node 'r' \(Relu\): operators of domain 'com.microsoft' are not supported/);
  });
});

describe('unsupported content', () => {
  it('an unsupported op names the node, its type and the supported list', () => {
    const e = importError(() => importOnnx(opModel({ op: 'NonMaxSuppression', inputs: [{ name: 'x', shape: [1, 4] }] })));
    expect(e.node).toEqual({ name: '/NonMaxSuppression', opType: 'NonMaxSuppression' });
    expect(e.message).toMatch(/^ONNX node '\/NonMaxSuppression' \(NonMaxSuppression\): unsupported op type; supported ops: (\w+, )*Add, (\w+, )*BatchNormalization,.* on constants\/shapes only: .*Range/);
  });

  it('a fold-only op on runtime data, and a runtime value where a constant is needed', () => {
    const mod = opModel({ op: 'Mod', inputs: [{ name: 'x', shape: [4] }], consts: [floats([2], [1])], attrs: { fmod: A.int(1) } });
    expect(importError(() => importOnnx(mod)).message).toMatch(/\(Mod\): Mod is supported only on values known at import time/);
    const w = new OnnxWriter({ opset: 13 });
    w.input('x', [2, 2]);
    w.input('s', [2]);
    w.node('Reshape', 'r', ['x', 's'], ['y']);
    w.output('y');
    expect(importError(() => importOnnx(w.bytes())).message).toMatch(/'r' \(Reshape\): input 1 \(shape\) must be computable at import time/);
  });

  it('unsupported attribute values are refused, not approximated', () => {
    const conv3d = opModel({ op: 'Conv', inputs: [{ name: 'x', shape: [1, 1, 2, 2, 2] }], consts: [floats(new Array(8).fill(1), [1, 1, 2, 2, 2])] });
    expect(importError(() => importOnnx(conv3d)).message).toMatch(/only 1-D \(NCL\) and 2-D \(NCHW\) convolution/);
    const idx = new OnnxWriter({ opset: 13 });
    idx.input('x', [1, 1, 2, 2]);
    idx.node('MaxPool', 'p', ['x'], ['y', 'i'], { kernel_shape: A.ints([2, 2]) });
    idx.output('y');
    expect(importError(() => importOnnx(idx.bytes())).message).toMatch(/Indices output of MaxPool/);
  });
});

describe('input shapes', () => {
  it('a size other than the one the model fixes is refused unless overridden', () => {
    const e = importError(() => importOnnx(fixture(), { inputShapes: { input: [1, 3, 128, 128] } }));
    expect(e.message).toMatch(/graph input 'input' dimension 2 is fixed at 64 by the model, but 128 was given/);
    const g = importOnnx(fixture(), { inputShapes: { input: [2, 3, 128, 128] }, allowStaticOverride: true });
    expect(g.tensors.get('output')!.shape).toEqual([2, 1, 128, 128]);
    expect(importError(() => importOnnx(fixture(), { inputShapes: { input: [1, 3, 64] } })).message).toMatch(/rank 4 in the model/);
    expect(importError(() => importOnnx(fixture(), { inputShapes: { image: [1, 3, 64, 64] } })).message).toMatch(/names image, which the model does not have/);
  });

  it('dynamic dims need a value from the caller', () => {
    const w = new OnnxWriter({ opset: 13 });
    w.input('x', ['batch', 3, 'height', 8]);
    w.node('Relu', 'r', ['x'], ['y']);
    w.output('y');
    const bytes = w.bytes();
    const e = importError(() => importOnnx(bytes, { dims: { batch: 1 } }));
    expect(e.message).toMatch(/graph input 'x' dimension 2 \('height'\) is dynamic; give its value with inputShapes: \{ 'x': \[\.\.\.\] \} or dims: \{ 'height': N \}/);
    expect(importOnnx(bytes, { dims: { batch: 2, height: 5 } }).tensors.get('y')!.shape).toEqual([2, 3, 5, 8]);
    expect(importOnnx(bytes, { inputShapes: { x: [1, 3, 4, 8] } }).tensors.get('y')!.shape).toEqual([1, 3, 4, 8]);
  });

  it('a wrong kernel for the input is a shape error naming the node', () => {
    const bad = opModel({ op: 'Conv', inputs: [{ name: 'x', shape: [1, 2, 4, 4] }], consts: [floats(new Array(27).fill(1), [1, 3, 3, 3])] });
    expect(importError(() => importOnnx(bad)).message).toMatch(/'\/Conv' \(Conv\): conv2d: input has 2 channels, weight expects 3/);
  });
});

describe('corrupted files', () => {
  it('random byte changes and truncations end in OnnxImportError or a valid graph, never another error', async () => {
    const { splitmix32 } = await import('../../src/graph/rng.js');
    const { contextGateNet } = await import('./torch-style.js');
    const base = contextGateNet(32).bytes;
    const rnd = splitmix32(42);
    for (let k = 0; k < 600; k++) {
      const b = new Uint8Array(base);
      for (let j = 0; j <= k % 4; j++) b[rnd() % b.length] = rnd() & 255;
      try {
        importOnnx(k % 3 === 0 ? b.subarray(0, rnd() % b.length) : b);
      } catch (e) {
        if (!(e instanceof OnnxImportError)) throw new Error(`mutation ${k}: ${(e as Error).stack}`);
      }
    }
  });
});
