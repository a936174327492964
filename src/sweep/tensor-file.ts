// Input and expected-output files: raw little-endian float32 (any extension but .pb), or an ONNX
// TensorProto (.pb, as in the ONNX backend test data: test_data_set_0/input_0.pb), which also
// carries the tensor's shape, name and data type.
import type { ConstTensor } from '../onnx/tensor.js';
import { readTensorProto } from '../onnx/tensor-file.js';

export interface TensorFile {
  data: Float32Array;
  /** The shape a TensorProto declares; null for raw float32. */
  dims: number[] | null;
  /** The TensorProto's name, when it has one (the backend test data names the graph input). */
  name: string | null;
  /** A TensorProto's value with its own data type, which the importer may fold (see ImportOptions.knownInputs). */
  tensor?: ConstTensor;
}

/** Raw little-endian float32 (the --input/--expect format), whatever the host's byte order. */
export function floatsFromBytes(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0) throw new Error(`${bytes.byteLength} bytes is not a whole number of float32 values (raw little-endian float32 expected)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getFloat32(4 * i, true));
}

export const isTensorProtoFile = (fileName: string): boolean => /\.pb$/i.test(fileName);

function decodeTensorProto(bytes: Uint8Array): TensorFile {
  const t = readTensorProto(bytes, 'the file');
  // Integer tensors (indices, axes) are values the importer folds; their numbers travel as float32 too.
  return { data: Float32Array.from(t.data), dims: [...t.shape], name: t.name || null, tensor: t };
}

/** A .pb file as a TensorProto, anything else as raw float32. */
export function readTensorFile(bytes: Uint8Array, fileName: string): TensorFile {
  return isTensorProtoFile(fileName) ? decodeTensorProto(bytes) : { data: floatsFromBytes(bytes), dims: null, name: null };
}
