// Unary element-wise ops, one table row each: the reference function, the WGSL expression the
// GPU program and fused epilogues use, the cost per element and the ONNX forms. Adding an
// activation is adding a row.
import type { Attrs, Node } from '../../graph/ir.js';
import { unary } from '../../reference/elementwise.js';
import type { ImportContext } from '../../onnx/context.js';
import { DataType } from '../../onnx/schema.js';
import type { NodeWriter } from '../../onnx/node-writer.js';
import type { AttrDefaults, OnnxConverter, OpDef } from '../types.js';

export interface UnaryRow {
  kind: string;
  summary: string;
  attrs?: AttrDefaults;
  /** The reference, in double precision. */
  f(v: number, attrs: Attrs): number;
  /** WGSL for y from `v` of type `T` (f32 or vec4<f32>); `u.alpha` / `u.beta` hold `params`. */
  wgsl: string;
  /** The two float parameters the WGSL reads, from the node's attributes. */
  params?(attrs: Attrs): [number, number];
  /** FLOPs per output element. */
  flops: number;
  converters: readonly OnnxConverter[];
  /** The ONNX op written for this kind (a fused activation is written the same way). */
  onnxType: string;
  /** ONNX attributes of that op, from ours. */
  onnxAttrs?(attrs: Attrs): Parameters<NodeWriter['op']>[2];
}

const TRANSCENDENTAL = 4;

/** y = f(x) for every ONNX op type that maps 1:1 onto the kind, with its attributes read by `attrs`. */
function direct(kind: string, opTypes: string[], versions: number[], attrs: (ctx: ImportContext) => Attrs = () => ({})): OnnxConverter[] {
  return opTypes.map((opType) => ({ opType, versions, convert: (ctx) => void ctx.emit(kind, [ctx.tensor(0)], attrs(ctx), 0) }));
}

/** Ops that pass their input through: Identity, Dropout (always in inference mode) and float-to-float Cast. */
const passThrough: OnnxConverter[] = [
  { opType: 'Identity', versions: [1, 13, 14, 16, 19, 21], convert: (ctx) => ctx.alias(0, ctx.tensor(0)) },
  {
    opType: 'Dropout',
    versions: [1, 6, 7, 10, 12, 13],
    convert(ctx) {
      if (ctx.has(2) && ctx.constant(2, 'training_mode').data[0] !== 0) ctx.fail('training_mode=true is not supported; export in eval mode');
      if (ctx.node.outputs[1]) ctx.fail('the mask output of Dropout is not supported');
      ctx.alias(0, ctx.tensor(0));
    },
  },
  {
    opType: 'Cast',
    versions: [1, 6, 9, 13, 19, 21],
    convert(ctx) {
      const to = ctx.opset < 6 ? ctx.str('to') : String(ctx.int('to'));
      if (to !== String(DataType.FLOAT) && to !== 'FLOAT') ctx.fail(`Cast of runtime float32 data to data type ${to} is not supported; only float32 tensors flow through the graph`);
      ctx.alias(0, ctx.tensor(0));
    },
  },
];

export const UNARY_ROWS: readonly UnaryRow[] = [
  {
    kind: 'identity',
    summary: 'y = x',
    f: (v) => v,
    wgsl: 'v',
    flops: 0,
    converters: passThrough,
    onnxType: 'Identity',
  },
  {
    kind: 'relu',
    summary: 'y = max(x, 0)',
    f: (v) => (v > 0 ? v : 0),
    wgsl: 'max(v, T(0.0))',
    flops: 1,
    converters: direct('relu', ['Relu'], [1, 6, 13, 14]),
    onnxType: 'Relu',
  },
  {
    kind: 'sigmoid',
    summary: 'y = 1 / (1 + exp(-x))',
    f: (v) => 1 / (1 + Math.exp(-v)),
    wgsl: '1.0 / (1.0 + exp(-v))',
    // negate, exp, add, divide
    flops: TRANSCENDENTAL,
    converters: direct('sigmoid', ['Sigmoid'], [1, 6, 13]),
    onnxType: 'Sigmoid',
  },
];

const UNARY_REASON = 'element-wise unary op: output[i] depends only on input[i], so each element is read before it is overwritten';

function unaryDef(row: UnaryRow): OpDef {
  return {
    kind: row.kind,
    summary: row.summary,
    attrs: row.attrs ?? {},
    shape: (inputs) => [[...inputs[0]]],
    reference: ([x], attrs) => [unary(x, (v) => row.f(v, attrs))],
    flops: (c) => row.flops * c.outElems,
    inPlace: (pos, node: Node) => (pos === 0 ? UNARY_REASON + (node.attrs.prescale ? ' (the fused channel prescale multiplies the same element on read)' : '') : null),
    onnx: {
      converters: row.converters,
      export: (nw) => nw.finish(row.onnxType, nw.inputs(), row.onnxAttrs?.(nw.node.attrs) ?? {}),
    },
  };
}

export const UNARY_OPS: readonly OpDef[] = UNARY_ROWS.map(unaryDef);

export function unaryRow(kind: string): UnaryRow | undefined {
  return UNARY_ROWS.find((r) => r.kind === kind);
}
