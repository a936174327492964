// matmul with numpy semantics (1-D promotion, broadcast batch dims up to 4): the ONNX
// importer's fallback for small MatMul nodes.
import { numel, type Node } from '../../graph/ir.js';
import { Uniforms, type DispatchSpec, type Kernel, type KernelContext } from '../kernel.js';
import src from '../../../shaders/matmul.wgsl?raw';
import { ceilDiv, dispatch, mainInputs, shapeOf } from './misc-util.js';

const WG = 64;
const MAX_BATCH_RANK = 4;

function padTo(shape: number[], rank: number): number[] {
  return [...new Array<number>(rank - shape.length).fill(1), ...shape];
}

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
  const workgroups = ceilDiv(items, WG);
  const u = new Uniforms()
    .u32(items, M, K, Nn / per)
    .u32(...padTo(outBatch, MAX_BATCH_RANK), ...batchStrides(batchA, outBatch), ...batchStrides(batchB, outBatch))
    .u32(workgroups)
    .done();
  const key = { kernel: 'matmul', variant: { vec4 } };
  const defs = { WG, T: vec4 ? 'vec4<f32>' : 'f32' };
  return dispatch(src, key, [node.outputs[0], ta, tb], u, workgroups, `${node.name} (matmul)`, defs);
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
