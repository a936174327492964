// A TensorProto file (`input_0.pb` in the ONNX backend test data) as a constant tensor.
import { OnnxImportError } from './errors.js';
import { tensorType } from './schema.js';
import { decodeTensor, type ConstTensor, type TensorProtoFields } from './tensor.js';

export interface NamedTensor extends ConstTensor {
  name: string;
}

export function readTensorProto(bytes: Uint8Array, what = 'tensor file'): NamedTensor {
  const T = tensorType();
  let fields: TensorProtoFields;
  try {
    fields = T.toObject(T.decode(bytes), { longs: Number, enums: Number, arrays: true, defaults: false }) as TensorProtoFields;
  } catch (e) {
    throw new OnnxImportError(`${what} is not a serialized ONNX TensorProto (${(e as Error).message})`);
  }
  return { ...decodeTensor(fields, what), name: fields.name ?? '' };
}
