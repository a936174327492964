// Binary element-wise ops with numpy broadcasting, one table row each (reference function,
// WGSL expression, ONNX forms). Nodes may carry a fused activation and, for same-shape add,
// a prescale on input 0.
import type { Graph, Node } from '../../graph/ir.js';
import { broadcastShapes, check, splitPrescale } from '../../graph/shape.js';
import { binary } from '../../reference/elementwise.js';
import type { ImportContext } from '../../onnx/context.js';
import type { OnnxConverter, OpDef } from '../types.js';

export interface BinaryRow {
  kind: string;
  summary: string;
  f(a: number, b: number): number;
  /** WGSL of `p` and `q` (both of the output's vector type). */
  wgsl: string;
  onnxType: string;
  versions: readonly number[];
}

export const BINARY_ROWS: readonly BinaryRow[] = [
  { kind: 'add', summary: 'y = a + b', f: (a, b) => a + b, wgsl: 'p + q', onnxType: 'Add', versions: [1, 6, 7, 13, 14] },
  { kind: 'sub', summary: 'y = a - b', f: (a, b) => a - b, wgsl: 'p - q', onnxType: 'Sub', versions: [1, 6, 7, 13, 14] },
  { kind: 'mul', summary: 'y = a * b', f: (a, b) => a * b, wgsl: 'p * q', onnxType: 'Mul', versions: [1, 6, 7, 13, 14] },
  { kind: 'div', summary: 'y = a / b', f: (a, b) => a / b, wgsl: 'p / q', onnxType: 'Div', versions: [1, 6, 7, 13, 14] },
];

/**
 * Before opset 7 broadcasting was opt-in: `broadcast=1` aligns B with A starting at `axis`
 * (default: the trailing dims). B is reshaped so that numpy broadcasting gives the same result.
 */
function legacyOperands(ctx: ImportContext): [string, string] {
  const a = ctx.tensor(0);
  const b = ctx.tensor(1);
  const [sa, sb] = [ctx.shapeOfTensor(a), ctx.shapeOfTensor(b)];
  if (ctx.opset >= 7 || sa.join() === sb.join()) return [a, b];
  if (ctx.int('broadcast', 0) !== 1) ctx.fail(`shapes [${sa}] and [${sb}] differ and broadcast=0 (opset ${ctx.opset} broadcasts only with broadcast=1)`);
  const axis = ctx.int('axis', sa.length - sb.length);
  if (axis < 0 || axis + sb.length > sa.length) ctx.fail(`axis ${axis} does not place B [${sb}] inside A [${sa}]`);
  const shape = sa.map((_, d) => (d >= axis && d < axis + sb.length ? sb[d - axis] : 1));
  return [a, ctx.emit('reshape', [b], { shape })];
}

function converter(row: BinaryRow): OnnxConverter {
  return { opType: row.onnxType, versions: row.versions, convert: (ctx) => void ctx.emit(row.kind, legacyOperands(ctx), {}, 0) };
}

/** The add fast paths read a prescaled input 0 only when no operand broadcasts. */
function prescalable(node: Node, g: Graph): boolean {
  if (node.op !== 'add') return false;
  const [a, b] = node.inputs.map((t) => g.tensors.get(t)!.shape);
  return a.join() === b.join();
}

function binaryDef(row: BinaryRow): OpDef {
  return {
    kind: row.kind,
    summary: row.summary,
    attrs: { activation: 'none' },
    shape(inputs, attrs) {
      const { main } = splitPrescale(inputs, attrs);
      check(main === 2, `${row.kind} takes two inputs`);
      return [broadcastShapes(inputs[0], inputs[1])];
    },
    reference: ([a, b]) => [binary(a, b, row.f)],
    flops: (c) => c.outElems,
    inPlace: (pos, node) => (pos < 2 ? `element-wise binary op and this operand is not broadcast, so output[i] reads it only at index i${node.attrs.prescale ? ' (the fused channel prescale multiplies the same element on read)' : ''}` : null),
    fusion: { activation: true, prescale: prescalable },
    onnx: { converters: [converter(row)], export: (nw) => nw.finish(row.onnxType, nw.inputs()) },
  };
}

export const BINARY_OPS: readonly OpDef[] = BINARY_ROWS.map(binaryDef);

export function binaryRow(kind: string): BinaryRow | undefined {
  return BINARY_ROWS.find((r) => r.kind === kind);
}
