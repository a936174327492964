// Small ONNX models for input-shape tests: any dims (numbers fixed, strings dynamic), one or
// two inputs, rank 3 or 4. Written with OnnxWriter, as torch.onnx.export would write them.
import { seededUniform } from '../../src/graph/rng.js';
import { modelType } from '../../src/onnx/schema.js';
import { A, OnnxWriter, floats, tensorProto } from '../../src/onnx/writer.js';

type Dims = (number | string)[];

/** 3x3 conv (padding 1) from 3 to 4 channels, then ReLU: runs at any height and width. */
export function convModel(dims: Dims = [1, 3, 16, 16]): Uint8Array {
  const w = new OnnxWriter({ opset: 13 });
  w.input('image', dims);
  w.initializer('w', floats(seededUniform(3, 'conv-w', 4 * 3 * 9, 1), [4, 3, 3, 3]));
  w.initializer('b', floats([0.1, -0.2, 0.3, 0]));
  w.node('Conv', '/conv/Conv', ['image', 'w', 'b'], ['c'], { kernel_shape: A.ints([3, 3]), pads: A.ints([1, 1, 1, 1]) });
  w.node('Relu', '/relu/Relu', ['c'], ['out']);
  w.output('out');
  return w.bytes();
}

/** y = relu(a + b): two graph inputs of the same shape. */
export function twoInputModel(a: Dims = [1, 4, 8, 8], b: Dims = a): Uint8Array {
  const w = new OnnxWriter({ opset: 13 });
  w.input('a', a);
  w.input('b', b);
  w.node('Add', '/add/Add', ['a', 'b'], ['s']);
  w.node('Relu', '/relu/Relu', ['s'], ['y']);
  w.output('y');
  return w.bytes();
}

/** A 1-D (rank-3, N x C x L) input through elementwise ops: y = relu(x * 2 - 1). */
export function rank3Model(dims: Dims = [1, 4, 32]): Uint8Array {
  const w = new OnnxWriter({ opset: 13 });
  w.input('signal', dims);
  w.initializer('two', floats([2], []));
  w.initializer('one', floats([1], []));
  w.node('Mul', '/mul/Mul', ['signal', 'two'], ['m']);
  w.node('Sub', '/sub/Sub', ['m', 'one'], ['s']);
  w.node('Relu', '/relu/Relu', ['s'], ['y']);
  w.output('y');
  return w.bytes();
}

/** An ONNX TensorProto file, as the ONNX backend test data stores inputs (test_data_set_0/input_0.pb). */
export function tensorProtoFile(name: string, shape: number[], values: ArrayLike<number>): Uint8Array {
  const T = modelType().root.lookupType('onnx.TensorProto');
  return T.encode(T.fromObject(tensorProto(name, floats(values, shape)))).finish();
}
