// Binary element-wise ops with numpy broadcasting, one table row each (reference function,
// WGSL expression, ONNX forms). Nodes may carry a fused activation and, for same-shape add,
// a prescale on input 0.
import type { Graph, Node } from '../../graph/ir.js';
import { broadcastShapes, check, splitPrescale } from '../../graph/shape.js';
import { binary } from '../../reference/elementwise.js';
import type { OnnxConverter, OpDef } from '../types.js';
import { MAX_CONVERTER, MEAN_CONVERTER, MIN_CONVERTER, POW_CONVERTER, PRELU_CONVERTER, SUM_CONVERTER, twoInput } from './onnx.js';
import { POW_WGSL } from './wgsl.js';

export interface BinaryRow {
  kind: string;
  summary: string;
  f(a: number, b: number): number;
  /** WGSL of `p` and `q` (both of the output's vector type). */
  wgsl: string;
  /** WGSL functions the expression calls, written over the alias `T`. */
  helpers?: string;
  /** FLOPs per output element (default 1). */
  flops?: number;
  /** The output keeps input 0's shape: input 1 broadcasts to it, never the other way (PRelu). */
  unidirectional?: boolean;
  onnxType: string;
  converters: readonly OnnxConverter[];
}

const V_ARITH = [1, 6, 7, 13, 14];

export const BINARY_ROWS: readonly BinaryRow[] = [
  { kind: 'add', summary: 'y = a + b', f: (a, b) => a + b, wgsl: 'p + q', onnxType: 'Add', converters: [twoInput('add', 'Add', V_ARITH), SUM_CONVERTER, MEAN_CONVERTER] },
  { kind: 'sub', summary: 'y = a - b', f: (a, b) => a - b, wgsl: 'p - q', onnxType: 'Sub', converters: [twoInput('sub', 'Sub', V_ARITH)] },
  { kind: 'mul', summary: 'y = a * b', f: (a, b) => a * b, wgsl: 'p * q', onnxType: 'Mul', converters: [twoInput('mul', 'Mul', V_ARITH)] },
  { kind: 'div', summary: 'y = a / b', f: (a, b) => a / b, wgsl: 'p / q', onnxType: 'Div', converters: [twoInput('div', 'Div', V_ARITH)] },
  // exp2(b log2 a) where no exact path applies: one transcendental.
  { kind: 'pow', summary: 'y = a ^ b (exact for small integral b, sign-correct for negative a)', f: (a, b) => a ** b, wgsl: 'pow_op(p, q)', helpers: POW_WGSL, flops: 4, onnxType: 'Pow', converters: [POW_CONVERTER] },
  { kind: 'prelu', summary: 'y = x for x >= 0, slope * x below (slope broadcasts to x)', f: (x, s) => (x < 0 ? s * x : x), wgsl: 'select(p, p * q, p < T(0.0))', flops: 2, unidirectional: true, onnxType: 'PRelu', converters: [PRELU_CONVERTER] },
  { kind: 'max', summary: 'y = max(a, b)', f: Math.max, wgsl: 'max(p, q)', onnxType: 'Max', converters: [MAX_CONVERTER] },
  { kind: 'min', summary: 'y = min(a, b)', f: Math.min, wgsl: 'min(p, q)', onnxType: 'Min', converters: [MIN_CONVERTER] },
];

/** The add fast paths read a prescaled input 0 only when no operand broadcasts. */
function prescalable(node: Node, g: Graph): boolean {
  if (node.op !== 'add') return false;
  const [a, b] = node.inputs.map((t) => g.tensors.get(t)!.shape);
  return a.join() === b.join();
}

function shapeRule(row: BinaryRow) {
  return (inputs: number[][], attrs: Node['attrs']): number[][] => {
    const { main } = splitPrescale(inputs, attrs);
    check(main === 2, `${row.kind} takes two inputs`);
    if (!row.unidirectional) return [broadcastShapes(inputs[0], inputs[1])];
    const fits = (() => {
      try {
        return broadcastShapes(inputs[0], inputs[1]).join() === inputs[0].join();
      } catch {
        return false;
      }
    })();
    if (!fits) throw new Error(`${row.kind}: [${inputs[1]}] does not broadcast to [${inputs[0]}] one way (numpy rules align trailing dims; a per-channel slope of an NCHW input is [C, 1, 1])`);
    return [[...inputs[0]]];
  };
}

function binaryDef(row: BinaryRow): OpDef {
  return {
    kind: row.kind,
    summary: row.summary,
    attrs: { activation: 'none' },
    shape: shapeRule(row),
    reference: ([a, b]) => [binary(a, b, row.f)],
    flops: (c) => (row.flops ?? 1) * c.outElems,
    inPlace: (pos, node) => (pos < 2 ? `element-wise binary op and this operand is not broadcast, so output[i] reads it only at index i${node.attrs.prescale ? ' (the fused channel prescale multiplies the same element on read)' : ''}` : null),
    fusion: { activation: true, prescale: prescalable },
    onnx: { converters: row.converters, export: (nw) => nw.finish(row.onnxType, nw.inputs()) },
  };
}

export const BINARY_OPS: readonly OpDef[] = BINARY_ROWS.map(binaryDef);

export function binaryRow(kind: string): BinaryRow | undefined {
  return BINARY_ROWS.find((r) => r.kind === kind);
}
