// Constant tensors as the importer sees them: initializers, Constant nodes and the values
// of shape subgraphs folded at import time. Integers are held in a Float64Array (exact up to
// 2^53, far beyond any shape); int64 extremes such as INT64_MAX in Slice ends survive as
// huge numbers, which is all their clamping semantics need.
import { numel } from '../graph/ir.js';
import { DataType } from './schema.js';
import { OnnxImportError } from './errors.js';

export type ConstKind = 'float' | 'int' | 'bool';

export interface ConstTensor {
  /** ONNX TensorProto.DataType of the value. */
  dataType: number;
  shape: number[];
  /** Float32Array for FLOAT and FLOAT16 (widened), Float64Array for everything else. */
  data: Float32Array | Float64Array;
}

const FLOAT_TYPES: readonly number[] = [DataType.FLOAT, DataType.FLOAT16, DataType.DOUBLE];

export function kindOf(dataType: number): ConstKind {
  if (FLOAT_TYPES.includes(dataType)) return 'float';
  return dataType === DataType.BOOL ? 'bool' : 'int';
}

export function constTensor(dataType: number, shape: number[], values: ArrayLike<number>): ConstTensor {
  const f32 = dataType === DataType.FLOAT || dataType === DataType.FLOAT16;
  const data = f32 ? Float32Array.from(values) : Float64Array.from(values);
  if (data.length !== numel(shape)) throw new OnnxImportError(`constant of shape [${shape}] given ${data.length} values`);
  return { dataType, shape: [...shape], data };
}

export const int64s = (values: number[], shape = [values.length]): ConstTensor => constTensor(DataType.INT64, shape, values);

export const scalarOf = (t: ConstTensor): number => {
  if (t.data.length !== 1) throw new OnnxImportError(`expected a single value, got shape [${t.shape}]`);
  return t.data[0];
};

/** Serialized TensorProto fields as protobufjs hands them over (longs as numbers). */
export interface TensorProtoFields {
  name?: string;
  dims?: number[];
  data_type?: number;
  raw_data?: Uint8Array;
  float_data?: number[];
  int32_data?: number[];
  int64_data?: number[];
  double_data?: number[];
  uint64_data?: number[];
  data_location?: number;
  segment?: unknown;
}

const RAW_READERS: Record<number, [number, (v: DataView, o: number) => number]> = {
  [DataType.FLOAT]: [4, (v, o) => v.getFloat32(o, true)],
  [DataType.DOUBLE]: [8, (v, o) => v.getFloat64(o, true)],
  [DataType.FLOAT16]: [2, (v, o) => halfToFloat(v.getUint16(o, true))],
  [DataType.INT64]: [8, (v, o) => Number(v.getBigInt64(o, true))],
  [DataType.UINT64]: [8, (v, o) => Number(v.getBigUint64(o, true))],
  [DataType.INT32]: [4, (v, o) => v.getInt32(o, true)],
  [DataType.UINT32]: [4, (v, o) => v.getUint32(o, true)],
  [DataType.INT16]: [2, (v, o) => v.getInt16(o, true)],
  [DataType.UINT16]: [2, (v, o) => v.getUint16(o, true)],
  [DataType.INT8]: [1, (v, o) => v.getInt8(o)],
  [DataType.UINT8]: [1, (v, o) => v.getUint8(o)],
  [DataType.BOOL]: [1, (v, o) => (v.getUint8(o) ? 1 : 0)],
};

export const SUPPORTED_DATA_TYPES = 'float, float16, double, int8/16/32/64, uint8/16/32/64, bool';

/** TensorProto -> ConstTensor, from raw_data (little-endian) or the typed repeated fields. */
export function decodeTensor(t: TensorProtoFields, what: string): ConstTensor {
  const dataType = t.data_type ?? 0;
  const shape = (t.dims ?? []).map(Number);
  if (t.data_location === 1) throw new OnnxImportError(`${what}: tensor '${t.name}' keeps its data in an external file, which is not supported; save the model with all tensors inline`);
  if (t.segment) throw new OnnxImportError(`${what}: tensor '${t.name}' is segmented, which is not supported`);
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) throw new OnnxImportError(`${what}: tensor '${t.name}' has invalid dims [${shape}]`);
  const reader = RAW_READERS[dataType];
  if (!reader) throw new OnnxImportError(`${what}: tensor '${t.name}' has data type ${dataType}; supported: ${SUPPORTED_DATA_TYPES}`);
  const n = numel(shape);
  const values = t.raw_data && t.raw_data.length > 0 ? readRaw(t.raw_data, reader, n, t.name ?? '', what) : typedField(t, dataType);
  if (values.length !== n) throw new OnnxImportError(`${what}: tensor '${t.name}' of shape [${shape}] needs ${n} values but holds ${values.length} (truncated or malformed)`);
  return constTensor(dataType, shape, values);
}

function readRaw(raw: Uint8Array, [size, read]: [number, (v: DataView, o: number) => number], n: number, name: string, what: string): number[] {
  if (raw.length !== n * size) throw new OnnxImportError(`${what}: tensor '${name}' raw_data has ${raw.length} bytes, expected ${n * size} (truncated or malformed)`);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = read(view, i * size);
  return out;
}

function typedField(t: TensorProtoFields, dataType: number): number[] {
  switch (dataType) {
    case DataType.FLOAT:
      return t.float_data ?? [];
    case DataType.DOUBLE:
      return t.double_data ?? [];
    case DataType.INT64:
      return (t.int64_data ?? []).map(Number);
    case DataType.UINT32:
    case DataType.UINT64:
      return (t.uint64_data ?? []).map(Number);
    case DataType.FLOAT16:
      // float16 bit patterns travel in int32_data.
      return (t.int32_data ?? []).map(halfToFloat);
    default:
      // int32, int16, int8, uint16, uint8 and bool all travel in int32_data.
      return (t.int32_data ?? []).map((v) => (dataType === DataType.BOOL ? (v ? 1 : 0) : v));
  }
}

export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}
