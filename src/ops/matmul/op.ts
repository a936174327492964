// Matrix products: matmul with numpy semantics (1-D promotion, broadcast batch dims) and
// ONNX Gemm (Y = alpha * op(A) @ op(B) + beta * C, A and B 2-D, C broadcast to [M, N]).
import { attrNumber, type Attrs } from '../../graph/ir.js';
import { broadcastShapes, check } from '../../graph/shape.js';
import type { ImportContext } from '../../onnx/context.js';
import { A } from '../../onnx/writer.js';
import type { OpDef } from '../types.js';
import { gemm, matmul } from './reference.js';

function matmulShape([a, b]: number[][]): number[][] {
  check(a.length >= 1 && b.length >= 1, 'matmul: scalars are not supported');
  const a2 = a.length === 1 ? [1, a[0]] : a;
  const b2 = b.length === 1 ? [b[0], 1] : b;
  const k = a2[a2.length - 1];
  check(k === b2[b2.length - 2], `matmul: inner dimensions of [${a}] and [${b}] differ`);
  const out = [...broadcastShapes(a2.slice(0, -2), b2.slice(0, -2))];
  if (a.length > 1) out.push(a2[a2.length - 2]);
  if (b.length > 1) out.push(b2[b2.length - 1]);
  return [out];
}

function gemmShape(inputs: number[][], attrs: Attrs): number[][] {
  const [a, b, c] = inputs;
  check(a.length === 2 && b.length === 2, `gemm: A [${a}] and B [${b}] must be 2-D`);
  const [M, K] = attrNumber(attrs, 'transA', 0) ? [a[1], a[0]] : a;
  const [K2, N] = attrNumber(attrs, 'transB', 0) ? [b[1], b[0]] : b;
  check(K === K2, `gemm: inner dimensions ${K} and ${K2} differ`);
  if (c) check(broadcastShapes(c, [M, N]).join() === `${M},${N}`, `gemm: C [${c}] does not broadcast to [${M},${N}]`);
  return [[M, N]];
}

function convertGemm(ctx: ImportContext): void {
  const inputs = [ctx.tensor(0), ctx.tensor(1), ...(ctx.has(2) ? [ctx.tensor(2)] : [])];
  const attrs = { alpha: ctx.float('alpha', 1), beta: ctx.float('beta', 1), transA: ctx.int('transA', 0), transB: ctx.int('transB', 0) };
  ctx.emit('gemm', inputs, attrs, 0);
}

export const MATMUL: OpDef = {
  kind: 'matmul',
  summary: 'y = a @ b with numpy semantics (1-D promotion, broadcast batch dims)',
  attrs: {},
  shape: matmulShape,
  reference: ([a, b]) => [matmul(a, b, matmulShape([a.shape, b.shape])[0])],
  flops: (c) => 2 * c.outElems * c.inputs[0][c.inputs[0].length - 1],
  onnx: {
    converters: [{ opType: 'MatMul', versions: [1, 9, 13], convert: (ctx) => void ctx.emit('matmul', [ctx.tensor(0), ctx.tensor(1)], {}, 0) }],
    export: (nw) => nw.finish('MatMul', nw.inputs()),
  },
};

export const GEMM: OpDef = {
  kind: 'gemm',
  summary: 'y = alpha * op(a) @ op(b) + beta * c (ONNX Gemm)',
  attrs: { alpha: 1, beta: 1, transA: 0, transB: 0 },
  shape: gemmShape,
  reference: ([a, b, c], attrs) => [gemm(a, b, c, attrs, gemmShape(c ? [a.shape, b.shape, c.shape] : [a.shape, b.shape], attrs)[0])],
  // As a conv with bias: 2 per multiply-add, 1 per output for adding C.
  flops(c) {
    const K = attrNumber(c.attrs, 'transA', 0) ? c.inputs[0][0] : c.inputs[0][1];
    return c.outElems * (2 * K + (c.inputs[2] ? 1 : 0));
  },
  onnx: {
    converters: [{ opType: 'Gemm', versions: [1, 6, 7, 9, 11, 13], convert: convertGemm }],
    export: (nw) =>
      nw.finish('Gemm', nw.inputs(), {
        alpha: A.float(attrNumber(nw.node.attrs, 'alpha', 1)),
        beta: A.float(attrNumber(nw.node.attrs, 'beta', 1)),
        transA: A.int(attrNumber(nw.node.attrs, 'transA', 0)),
        transB: A.int(attrNumber(nw.node.attrs, 'transB', 0)),
      }),
  },
};

export const MATMUL_OPS: readonly OpDef[] = [MATMUL, GEMM];
