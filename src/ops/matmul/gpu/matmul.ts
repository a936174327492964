// matmul with numpy semantics (1-D promotion, broadcast batch dims up to 4): the ONNX
// importer's fallback for small MatMul nodes.
import { numel, type Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ceilDiv, mainInputs, padTo, shapeOf } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import source from './matmul.wgsl?raw';

const WG = 64;
const MAX_BATCH_RANK = 4;

/** Batch strides in whole matrices, 0 along dims where the operand broadcasts. */
function batchStrides(own: number[], out: number[]): number[] {
  const p = padTo(own, MAX_BATCH_RANK);
  const o = padTo(out, MAX_BATCH_RANK);
  const s = new Array<number>(MAX_BATCH_RANK).fill(0);
  let acc = 1;
  for (let d = MAX_BATCH_RANK - 1; d >= 0; d--) {
    s[d] = p[d] === 1 && o[d] !== 1 ? 0 : acc;
    acc *= p[d];
  }
  return s;
}

export const matmulProgram = defineProgram({
  name: 'matmul',
  source,
  // Columns in items (vec4s with VEC4); batch dims and strides in whole matrices.
  uniforms: { items: 'u32', m: 'u32', k: 'u32', n: 'u32', batch_dims: ['u32', 4], a_strides: ['u32', 4], b_strides: ['u32', 4] },
  bindings: (v: { vec4: boolean }) => [{ name: 'y', type: v.vec4 ? 'vec4<f32>' : 'f32' }, { name: 'a' }, { name: 'b', type: v.vec4 ? 'vec4<f32>' : 'f32' }],
  workgroupSize: () => WG,
  defs: (v) => ({ T: v.vec4 ? 'vec4<f32>' : 'f32' }),
});

function matmulDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const [ta, tb] = node.inputs;
  const [sa, sb] = [shapeOf(ctx, ta), shapeOf(ctx, tb)];
  const a2 = sa.length === 1 ? [1, sa[0]] : sa;
  const b2 = sb.length === 1 ? [sb[0], 1] : sb;
  const M = a2[a2.length - 2];
  const K = a2[a2.length - 1];
  const Nn = b2[b2.length - 1];
  const batchA = a2.slice(0, -2);
  const batchB = b2.slice(0, -2);
  const rank = Math.max(batchA.length, batchB.length);
  const outBatch = padTo(batchA, rank).map((d, i) => Math.max(d, padTo(batchB, rank)[i]));
  const vec4 = Nn % 4 === 0;
  const per = vec4 ? 4 : 1;
  const items = (numel(outBatch) * M * Nn) / per;
  return matmulProgram.dispatch({
    variant: { vec4 },
    tensors: { y: node.outputs[0], a: ta, b: tb },
    uniforms: { items, m: M, k: K, n: Nn / per, batch_dims: padTo(outBatch, MAX_BATCH_RANK), a_strides: batchStrides(batchA, outBatch), b_strides: batchStrides(batchB, outBatch) },
    workgroups: ceilDiv(items, WG),
    label: `${node.name} (matmul)`,
  });
}

export const matmulKernel: Kernel = {
  name: 'matmul',
  ops: ['matmul'],
  accepts(node, ctx) {
    if (mainInputs(node).scale !== undefined || node.inputs.length !== 2) return false;
    return node.inputs.every((t) => shapeOf(ctx, t).length <= MAX_BATCH_RANK + 2);
  },
  dispatches: (node, ctx) => [matmulDispatch(node, ctx)],
};
