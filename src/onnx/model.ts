// ModelProto bytes -> plain structures the converter walks. Everything protobuf-specific
// (Long values, bytes-typed strings, optional fields) is normalized here.
import { modelType, AttrType } from './schema.js';
import { OnnxImportError } from './errors.js';
import { decodeTensor, type ConstTensor, type TensorProtoFields } from './tensor.js';

export interface OnnxAttr {
  name: string;
  type: number;
  f?: number;
  i?: number;
  s?: string;
  t?: ConstTensor;
  floats?: number[];
  ints?: number[];
  strings?: string[];
}

export interface OnnxNode {
  name: string;
  opType: string;
  domain: string;
  /** '' marks an omitted optional input, as in the file. */
  inputs: string[];
  outputs: string[];
  attrs: Map<string, OnnxAttr>;
}

export interface OnnxValueInfo {
  name: string;
  elemType: number;
  /** A number for a fixed dim, a string for a named (dim_param) one, null for an unnamed unknown; undefined: no shape. */
  dims?: (number | string | null)[];
}

export interface OnnxModel {
  irVersion: number;
  /** Opset of the default (ai.onnx) domain. */
  opset: number;
  producer: string;
  graphName: string;
  nodes: OnnxNode[];
  initializers: Map<string, ConstTensor>;
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

interface Raw {
  [k: string]: unknown;
}

const text = (b: unknown): string => (b instanceof Uint8Array ? new TextDecoder().decode(b) : String(b ?? ''));

function parse(bytes: Uint8Array): Raw {
  const T = modelType();
  let msg;
  try {
    msg = T.decode(bytes);
  } catch (e) {
    throw new OnnxImportError(`not a valid ONNX model (protobuf decoding failed: ${(e as Error).message}); is the file truncated or not an .onnx file?`);
  }
  return T.toObject(msg, { longs: Number, enums: Number, arrays: true, defaults: false }) as Raw;
}

export function decodeModel(bytes: Uint8Array): OnnxModel {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) throw new OnnxImportError('not a valid ONNX model: the file is empty');
  const m = parse(bytes);
  const g = m.graph as Raw | undefined;
  if (!g) throw new OnnxImportError('not a valid ONNX model: the ModelProto has no graph (is this an .onnx file?)');
  const opsets = (m.opset_import as Raw[] | undefined) ?? [];
  const main = opsets.find((o) => !o.domain || o.domain === 'ai.onnx');
  if (!main) throw new OnnxImportError(`the model declares no opset for the default ONNX domain (opset_import: ${JSON.stringify(opsets)})`);
  const initializers = new Map<string, ConstTensor>();
  for (const t of (g.initializer as TensorProtoFields[]) ?? []) initializers.set(t.name ?? '', decodeTensor(t, 'initializer'));
  const nodes = ((g.node as Raw[]) ?? []).map(toNode);
  const outputs = ((g.output as Raw[]) ?? []).map(toValueInfo);
  if (!outputs.length) throw new OnnxImportError('not a valid ONNX model: the graph declares no outputs');
  return {
    irVersion: Number(m.ir_version ?? 0),
    opset: Number(main.version ?? 1),
    producer: `${text(m.producer_name)} ${text(m.producer_version)}`.trim(),
    graphName: text(g.name),
    nodes,
    initializers,
    inputs: ((g.input as Raw[]) ?? []).map(toValueInfo),
    outputs,
  };
}

function toNode(n: Raw, index: number): OnnxNode {
  const opType = text(n.op_type);
  const attrs = new Map<string, OnnxAttr>();
  const name = text(n.name) || `${opType}_${index}`;
  for (const a of (n.attribute as Raw[]) ?? []) attrs.set(text(a.name), toAttr(a, { name, opType }));
  return { name, opType, domain: text(n.domain), inputs: ((n.input as string[]) ?? []).map(String), outputs: ((n.output as string[]) ?? []).map(String), attrs };
}

function toAttr(a: Raw, node: { name: string; opType: string }): OnnxAttr {
  const name = text(a.name);
  const out: OnnxAttr = { name, type: Number(a.type ?? inferType(a)) };
  if (a.ref_attr_name) throw new OnnxImportError(`attribute '${name}' refers to a function attribute, which is not supported`, node);
  if (a.f !== undefined) out.f = Number(a.f);
  if (a.i !== undefined) out.i = Number(a.i);
  if (a.s !== undefined) out.s = text(a.s);
  if (a.t !== undefined) out.t = decodeTensor(a.t as TensorProtoFields, `attribute '${name}' of node '${node.name}'`);
  if ((a.floats as number[] | undefined)?.length) out.floats = (a.floats as number[]).map(Number);
  if ((a.ints as number[] | undefined)?.length) out.ints = (a.ints as number[]).map(Number);
  if ((a.strings as unknown[] | undefined)?.length) out.strings = (a.strings as unknown[]).map(text);
  return out;
}

/** IR versions before 0.0.2 wrote no attribute type; infer it from the field that is set. */
function inferType(a: Raw): number {
  if (a.f !== undefined) return AttrType.FLOAT;
  if (a.i !== undefined) return AttrType.INT;
  if (a.s !== undefined) return AttrType.STRING;
  if (a.t !== undefined) return AttrType.TENSOR;
  if ((a.floats as unknown[] | undefined)?.length) return AttrType.FLOATS;
  if ((a.ints as unknown[] | undefined)?.length) return AttrType.INTS;
  if ((a.strings as unknown[] | undefined)?.length) return AttrType.STRINGS;
  return 0;
}

function toValueInfo(v: Raw): OnnxValueInfo {
  const tt = (v.type as Raw | undefined)?.tensor_type as Raw | undefined;
  const shape = tt?.shape as Raw | undefined;
  const dims = shape ? ((shape.dim as Raw[]) ?? []).map((d) => (d.dim_value !== undefined ? Number(d.dim_value) : d.dim_param ? text(d.dim_param) : null)) : undefined;
  return { name: text(v.name), elemType: Number(tt?.elem_type ?? 0), dims };
}
