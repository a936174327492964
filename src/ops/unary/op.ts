// Unary element-wise ops, one table row each (activations.ts, math.ts): the reference function,
// the WGSL expression the GPU program and fused epilogues use, the cost per element and the
// ONNX forms. Adding an activation is adding a row.
import type { Node } from '../../graph/ir.js';
import { unary } from '../../reference/elementwise.js';
import type { OpDef } from '../types.js';
import { ACTIVATION_ROWS } from './activations.js';
import { MATH_ROWS } from './math.js';
import type { UnaryRow } from './row.js';

export type { UnaryRow } from './row.js';

export const UNARY_ROWS: readonly UnaryRow[] = [...MATH_ROWS, ...ACTIVATION_ROWS];

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
      formedBy: row.formedBy,
      export: row.export ?? ((nw) => nw.finish(row.onnxType, nw.inputs(), row.onnxAttrs?.(nw.node.attrs) ?? {})),
    },
  };
}

export const UNARY_OPS: readonly OpDef[] = UNARY_ROWS.map(unaryDef);

export function unaryRow(kind: string): UnaryRow | undefined {
  return UNARY_ROWS.find((r) => r.kind === kind);
}
