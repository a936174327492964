// Reading ModelProto: initializers in every encoding, Constant node forms, and the shape
// subgraphs torch.onnx.export writes (Shape -> Gather -> Unsqueeze -> Concat -> Reshape /
// Resize sizes), which the importer folds to constants at import time.
import { describe, expect, it } from 'vitest';
import { modelType, DataType, AttrType } from '../../src/onnx/schema.js';
import { A, OnnxWriter, expectClose, floats, iota, longs, nested, runModel } from './helpers.js';

/** A ModelProto written field by field, for encodings OnnxWriter never produces. */
function rawModel(nodes: object[], initializer: object[], input: { name: string; shape: number[] }, opset = 13): Uint8Array {
  const vi = (name: string, shape?: number[]) => ({ name, type: { tensor_type: { elem_type: DataType.FLOAT, ...(shape ? { shape: { dim: shape.map((d) => ({ dim_value: d })) } } : {}) } } });
  const T = modelType();
  const m = { ir_version: 7, opset_import: [{ domain: '', version: opset }], graph: { name: 'g', node: nodes, initializer, input: [vi(input.name, input.shape)], output: [vi('y')] } };
  return T.encode(T.fromObject(m)).finish();
}

describe('initializer encodings', () => {
  it('float_data, int64_data, int32_data and double_data decode like raw_data', () => {
    const nodes = [
      { op_type: 'Cast', input: ['d'], output: ['df'], attribute: [{ name: 'to', type: AttrType.INT, i: DataType.FLOAT }] },
      { op_type: 'Cast', input: ['s32'], output: ['s64'], attribute: [{ name: 'to', type: AttrType.INT, i: DataType.INT64 }] },
      { op_type: 'Mul', input: ['x', 'f'], output: ['a'] },
      { op_type: 'Add', input: ['a', 'df'], output: ['b'] },
      { op_type: 'Reshape', input: ['b', 's64'], output: ['c'] },
      { op_type: 'Reshape', input: ['c', 'shape64'], output: ['y'] },
    ];
    const init = [
      { name: 'f', dims: [2], data_type: DataType.FLOAT, float_data: [2, 3] },
      { name: 'd', dims: [2], data_type: DataType.DOUBLE, double_data: [0.5, -1] },
      { name: 's32', dims: [2], data_type: DataType.INT32, int32_data: [2, 1] },
      { name: 'shape64', dims: [1], data_type: DataType.INT64, int64_data: [-1] },
    ];
    const { graph, out } = runModel(rawModel(nodes, init, { name: 'x', shape: [1, 2] }), { x: [10, 20] });
    expect(nested(out)).toEqual([20.5, 59]);
    expect(graph.tensors.get('y')!.shape).toEqual([2]);
  });

  it('float16 raw data widens to float32', () => {
    // 0x3C00 = 1.0, 0xC000 = -2.0 (little-endian bytes).
    const init = [{ name: 'h', dims: [2], data_type: DataType.FLOAT16, raw_data: new Uint8Array([0x00, 0x3c, 0x00, 0xc0]) }];
    const nodes = [
      { op_type: 'Cast', input: ['h'], output: ['hf'], attribute: [{ name: 'to', type: AttrType.INT, i: DataType.FLOAT }] },
      { op_type: 'Mul', input: ['x', 'hf'], output: ['y'] },
    ];
    expect(nested(runModel(rawModel(nodes, init, { name: 'x', shape: [2] }), { x: [3, 3] }).out)).toEqual([3, -6]);
  });

  it('a raw_data shorter than its dims is reported as truncated', () => {
    const init = [{ name: 'f', dims: [4], data_type: DataType.FLOAT, raw_data: new Uint8Array(8) }];
    expect(() => runModel(rawModel([{ op_type: 'Mul', input: ['x', 'f'], output: ['y'] }], init, { name: 'x', shape: [4] }), { x: [1, 2, 3, 4] })).toThrow(/raw_data has 8 bytes, expected 16/);
  });
});

describe('Constant nodes', () => {
  it('value, value_float, value_floats, value_int, value_ints', () => {
    const w = new OnnxWriter({ opset: 13 });
    w.input('x', [1, 4]);
    w.node('Constant', 'c1', [], ['vf'], { value_float: A.float(2) });
    w.node('Constant', 'c2', [], ['vfs'], { value_floats: A.floats([1, 2, 3, 4]) });
    w.node('Constant', 'c3', [], ['vi'], { value_int: A.int(2) });
    w.node('Constant', 'c4', [], ['vis'], { value_ints: A.ints([0]) });
    w.node('Constant', 'c5', [], ['vt'], { value: A.tensor(floats([10], [1])) });
    w.node('Mul', 'm', ['x', 'vf'], ['a']);
    w.node('Add', 'a', ['a', 'vfs'], ['b']);
    w.node('Add', 'b', ['b', 'vt'], ['c']);
    w.node('Unsqueeze', 'u', ['vi', 'vis'], ['two']);
    w.node('Concat', 't', ['two', 'two'], ['target'], { axis: A.int(0) });
    w.node('Reshape', 'r', ['c', 'target'], ['d']);
    w.node('Identity', 'i', ['d'], ['y']);
    w.output('y', [2, 2]);
    const { graph, out } = runModel(w.bytes(), { x: [1, 1, 1, 1] });
    expect(nested(out)).toEqual([13, 14, 15, 16]);
    expect(graph.tensors.get('y')!.shape).toEqual([2, 2]);
  });
});

describe('shape subgraphs are folded at import time', () => {
  it('x.view(x.size(0), -1) as PyTorch writes it', () => {
    const w = new OnnxWriter({ opset: 13 });
    w.input('x', ['batch', 2, 2, 2]);
    w.node('Shape', 's', ['x'], ['shape']);
    const zero = w.constant('/v', longs([0], []));
    w.node('Gather', 'g', ['shape', zero], ['n'], { axis: A.int(0) });
    w.node('Unsqueeze', 'u', ['n', w.constant('/v', longs([0]))], ['n1']);
    w.node('Concat', 'c', ['n1', w.constant('/v', longs([-1]))], ['target'], { axis: A.int(0) });
    w.node('Reshape', 'r', ['x', 'target'], ['y']);
    w.output('y', ['batch', 8]);
    const { graph, out } = runModel(w.bytes(), { x: iota(16) }, { dims: { batch: 2 } });
    expect(out.shape).toEqual([2, 8]);
    expect(graph.nodes.map((n) => n.op)).toEqual(['reshape']);
  });

  it('Resize to a size computed from another tensor: Shape, Slice, Cast, Mul, Floor, Concat', () => {
    const w = new OnnxWriter({ opset: 13 });
    w.input('x', [1, 1, 2, 2]);
    w.node('Shape', 's', ['x'], ['shape']);
    w.node('Slice', 'nc', ['shape', w.constant('/v', longs([0])), w.constant('/v', longs([2])), w.constant('/v', longs([0]))], ['nc']);
    w.node('Slice', 'hw', ['shape', w.constant('/v', longs([2])), w.constant('/v', longs([9223372036854775807]))], ['hw']);
    w.node('Cast', 'f', ['hw'], ['hwf'], { to: A.int(DataType.FLOAT) });
    w.node('Mul', 'm', ['hwf', w.constant('/v', floats([1.5], []))], ['hws']);
    w.node('Floor', 'fl', ['hws'], ['hwfl']);
    w.node('Cast', 'i', ['hwfl'], ['hwi'], { to: A.int(DataType.INT64) });
    w.node('Concat', 'c', ['nc', 'hwi'], ['sizes'], { axis: A.int(0) });
    w.node('Resize', 'rs', ['x', '', '', 'sizes'], ['y'], { mode: A.str('nearest') });
    w.output('y', [1, 1, 3, 3]);
    const { out } = runModel(w.bytes(), { x: [1, 2, 3, 4] });
    expect(out.shape).toEqual([1, 1, 3, 3]);
  });

  it('Range, ConstantOfShape, Equal/Where, Div, Ceil, Expand, Size fold too', () => {
    const w = new OnnxWriter({ opset: 13 });
    w.input('x', [2, 3]);
    w.node('Range', 'r', [w.constant('/v', longs([0], [])), w.constant('/v', longs([3], [])), w.constant('/v', longs([1], []))], ['idx']);
    w.node('ConstantOfShape', 'k', [w.constant('/v', longs([3]))], ['ones'], { value: A.tensor(floats([1], [1])) });
    w.node('Cast', 'ci', ['idx'], ['idxf'], { to: A.int(DataType.FLOAT) });
    w.node('Equal', 'e', ['idx', w.constant('/v', longs([1], []))], ['is1']);
    w.node('Where', 'wh', ['is1', w.constant('/v', floats([10], [])), 'idxf'], ['pick']);
    w.node('Add', 'a', ['pick', 'ones'], ['bias']);
    w.node('Size', 'sz', ['x'], ['n']);
    w.node('Div', 'd', ['n', w.constant('/v', longs([4], []))], ['q']);
    w.node('Cast', 'qf', ['q'], ['qf'], { to: A.int(DataType.FLOAT) });
    w.node('Ceil', 'ce', [w.constant('/v', floats([0.2], []))], ['one']);
    w.node('Expand', 'ex', ['one', w.constant('/v', longs([2, 1]))], ['col']);
    w.node('Mul', 'm', ['col', 'qf'], ['scale']);
    w.node('Mul', 'm2', ['x', 'scale'], ['xs']);
    w.node('Add', 'y', ['xs', 'bias'], ['y']);
    w.output('y', [2, 3]);
    // bias = [1, 11, 3]; n = 6, 6 / 4 truncates to 1, so scale = 1.
    const { out, graph } = runModel(w.bytes(), { x: iota(6) });
    expectClose(out.data, [2, 13, 6, 5, 16, 9]);
    expect(graph.nodes.map((n) => n.op)).toEqual(['mul', 'add']);
  });
});
