// The shape of one unary table row, and the helpers the row tables share: plain ONNX
// converters and reading a row's attributes with its defaults.
import { attrNumber, type Attrs } from '../../graph/ir.js';
import type { ImportContext } from '../../onnx/context.js';
import type { NodeWriter } from '../../onnx/node-writer.js';
import type { AttrDefaults, OnnxConverter } from '../types.js';

export interface UnaryRow {
  kind: string;
  summary: string;
  attrs?: AttrDefaults;
  /** The reference, in double precision. */
  f(v: number, attrs: Attrs): number;
  /** WGSL for y from `v` of type `T` (f32 or vec4<f32>); `u.alpha` / `u.beta` hold `params`. */
  wgsl: string;
  /** WGSL functions the expression calls, written over the alias `T`. */
  helpers?: string;
  /** The two float parameters the WGSL reads, from the node's attributes. */
  params?(attrs: Attrs): [number, number];
  /** FLOPs per output element. */
  flops: number;
  converters: readonly OnnxConverter[];
  /** For a kind no converter of its own emits: the converter that does. */
  formedBy?: string;
  /** The ONNX op written for this kind (a fused activation is written the same way). */
  onnxType: string;
  /** ONNX attributes of that op, from ours. */
  onnxAttrs?(attrs: Attrs): Parameters<NodeWriter['op']>[2];
  /** Writes the node when it is not one ONNX op at the export opset (torch's decompositions). */
  export?(nw: NodeWriter): void;
}

/** One transcendental function evaluation (exp, log, tanh, erf), by the cost convention. */
export const TRANSCENDENTAL = 4;

/** A row attribute, with the row's default when the node does not set it. */
export function rowAttr(attrs: Attrs, key: string, defaults: AttrDefaults): number {
  return attrNumber(attrs, key, defaults[key] as number);
}

/**
 * y = f(x) for an ONNX op that maps 1:1 onto the kind, with its attributes read by `attrs`.
 * Version 1 of many ops carries `consumed_inputs`, a legacy optimization hint with no effect on
 * the result, so it is ignored.
 */
export function direct(kind: string, opType: string, versions: number[], attrs: (ctx: ImportContext) => Attrs = () => ({})): OnnxConverter[] {
  return [{ opType, versions, convert: (ctx) => void ctx.emit(kind, [ctx.tensor(0)], attrs(ctx), 0) }];
}
