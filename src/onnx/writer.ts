// Builds ModelProto bytes node by node. exportOnnx uses it for our graphs; tests use it to
// write models the way torch.onnx.export does (Constant nodes, shape subgraphs, etc.).
import { modelType, AttrType, DataType } from './schema.js';
import { OnnxExportError } from './errors.js';

/** An attribute value with its ONNX type made explicit (a JS number cannot tell 1 from 1.0). */
export type AttrValue =
  | { int: number }
  | { float: number }
  | { ints: number[] }
  | { floats: number[] }
  | { str: string }
  | { tensor: TensorValue };

export const A = {
  int: (v: number): AttrValue => ({ int: v }),
  float: (v: number): AttrValue => ({ float: v }),
  ints: (v: number[]): AttrValue => ({ ints: v }),
  floats: (v: number[]): AttrValue => ({ floats: v }),
  str: (v: string): AttrValue => ({ str: v }),
  tensor: (v: TensorValue): AttrValue => ({ tensor: v }),
};

export interface TensorValue {
  dataType: number;
  shape: number[];
  values: ArrayLike<number>;
}

export const floats = (values: ArrayLike<number>, shape = [values.length]): TensorValue => ({ dataType: DataType.FLOAT, shape, values });
export const longs = (values: number[], shape = [values.length]): TensorValue => ({ dataType: DataType.INT64, shape, values });

const BYTES: Record<number, [number, (v: DataView, o: number, x: number) => void]> = {
  [DataType.FLOAT]: [4, (v, o, x) => v.setFloat32(o, x, true)],
  [DataType.DOUBLE]: [8, (v, o, x) => v.setFloat64(o, x, true)],
  // Doubles cannot hold INT64_MAX (the 'to the end' of Slice); saturate rather than wrap.
  [DataType.INT64]: [8, (v, o, x) => v.setBigInt64(o, x >= 2 ** 63 ? 2n ** 63n - 1n : x <= -(2 ** 63) ? -(2n ** 63n) : BigInt(x), true)],
  [DataType.INT32]: [4, (v, o, x) => v.setInt32(o, x, true)],
  [DataType.BOOL]: [1, (v, o, x) => v.setUint8(o, x ? 1 : 0)],
};

/** TensorProto with little-endian raw_data, as PyTorch writes initializers. */
export function tensorProto(name: string, t: TensorValue): Record<string, unknown> {
  const enc = BYTES[t.dataType];
  if (!enc) throw new OnnxExportError(`cannot write tensor '${name}' of data type ${t.dataType}`);
  const raw = new Uint8Array(t.values.length * enc[0]);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < t.values.length; i++) enc[1](view, i * enc[0], t.values[i]);
  return { name, dims: t.shape, data_type: t.dataType, raw_data: raw };
}

function attrProto(name: string, a: AttrValue): Record<string, unknown> {
  if ('int' in a) return { name, type: AttrType.INT, i: a.int };
  if ('float' in a) return { name, type: AttrType.FLOAT, f: a.float };
  if ('ints' in a) return { name, type: AttrType.INTS, ints: a.ints };
  if ('floats' in a) return { name, type: AttrType.FLOATS, floats: a.floats };
  if ('str' in a) return { name, type: AttrType.STRING, s: new TextEncoder().encode(a.str) };
  return { name, type: AttrType.TENSOR, t: tensorProto('', a.tensor) };
}

/** Value info; without a shape the tensor's rank and dims are left unknown. */
function valueInfo(name: string, shape?: (number | string)[]): Record<string, unknown> {
  if (!shape) return { name, type: { tensor_type: { elem_type: DataType.FLOAT } } };
  const dim = shape.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d }));
  return { name, type: { tensor_type: { elem_type: DataType.FLOAT, shape: { dim } } } };
}

export interface WriterOptions {
  opset: number;
  producer?: string;
  graphName?: string;
}

export class OnnxWriter {
  private readonly nodes: Record<string, unknown>[] = [];
  private readonly initializers: Record<string, unknown>[] = [];
  private readonly inputs: Record<string, unknown>[] = [];
  private readonly outputs: Record<string, unknown>[] = [];
  private readonly names = new Set<string>();
  private readonly initNames = new Set<string>();

  constructor(readonly opts: WriterOptions) {}

  input(name: string, shape: (number | string)[]): string {
    this.inputs.push(valueInfo(name, shape));
    return name;
  }

  output(name: string, shape?: (number | string)[]): void {
    this.outputs.push(valueInfo(name, shape));
  }

  hasInitializer(name: string): boolean {
    return this.initNames.has(name);
  }

  initializer(name: string, t: TensorValue): string {
    if (!this.initNames.has(name)) this.initializers.push(tensorProto(name, t));
    this.initNames.add(name);
    return name;
  }

  /** A unique node/value name from a base ('/enc/Conv' -> '/enc/Conv_1' on reuse). */
  unique(base: string): string {
    let name = base;
    for (let k = 1; this.names.has(name); k++) name = `${base}_${k}`;
    this.names.add(name);
    return name;
  }

  node(opType: string, name: string, inputs: string[], outputs: string[], attrs: Record<string, AttrValue> = {}): void {
    const attribute = Object.keys(attrs)
      .sort()
      .map((k) => attrProto(k, attrs[k]));
    this.nodes.push({ name, op_type: opType, input: inputs, output: outputs, attribute });
  }

  /** A Constant node, as PyTorch writes axes, shapes and scales; returns its output name. */
  constant(scope: string, t: TensorValue): string {
    const name = this.unique(`${scope}/Constant`);
    const out = `${name}_output_0`;
    this.node('Constant', name, [], [out], { value: A.tensor(t) });
    return out;
  }

  bytes(): Uint8Array {
    const model = {
      ir_version: this.opts.opset >= 15 ? 8 : 7,
      opset_import: [{ domain: '', version: this.opts.opset }],
      producer_name: this.opts.producer ?? 'wgpu-working-set-profiler',
      producer_version: '0.1.0',
      graph: { name: this.opts.graphName ?? 'main_graph', node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    };
    const T = modelType();
    const err = T.verify(model);
    if (err) throw new OnnxExportError(`internal error building the ModelProto: ${err}`);
    return T.encode(T.fromObject(model)).finish();
  }
}
