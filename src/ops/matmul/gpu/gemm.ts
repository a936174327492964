// ONNX Gemm, one output per invocation: classifier heads and gates are small. Transposes and
// C's broadcast become element strides on the host (0 = broadcast). See gemm.wgsl.
import { attrNumber, type Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ceilDiv, shapeOf } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import source from './gemm.wgsl?raw';

const WG = 64;

export const gemmProgram = defineProgram({
  name: 'onnx_gemm',
  source,
  uniforms: { m: 'u32', n: 'u32', k: 'u32', a_stride0: 'u32', a_stride1: 'u32', b_stride0: 'u32', b_stride1: 'u32', c_stride0: 'u32', c_stride1: 'u32', alpha: 'f32', beta: 'f32' },
  bindings: (v: { hasC: boolean }) => [{ name: 'y' }, { name: 'a' }, { name: 'b' }, ...(v.hasC ? [{ name: 'c' }] : [])],
  workgroupSize: () => WG,
  defs: (v) => ({ HAS_C: v.hasC }),
});

function gemmDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const [a, b, c] = node.inputs;
  const [M, N] = shapeOf(ctx, node.outputs[0]);
  const ta = attrNumber(node.attrs, 'transA', 0) === 1;
  const tb = attrNumber(node.attrs, 'transB', 0) === 1;
  const K = shapeOf(ctx, a)[ta ? 0 : 1];
  // C broadcasts from its trailing dims; a size-1 (or missing) dim reads with stride 0.
  const cs = c ? [...new Array(2).fill(1), ...shapeOf(ctx, c)].slice(-2) : [1, 1];
  const [as0, as1] = ta ? [1, M] : [K, 1];
  const [bs0, bs1] = tb ? [1, K] : [N, 1];
  return gemmProgram.dispatch({
    variant: { hasC: c !== undefined },
    tensors: { y: node.outputs[0], a, b, c },
    uniforms: {
      m: M, n: N, k: K, a_stride0: as0, a_stride1: as1, b_stride0: bs0, b_stride1: bs1,
      c_stride0: cs[0] === 1 ? 0 : cs[1], c_stride1: cs[1] === 1 ? 0 : 1,
      alpha: attrNumber(node.attrs, 'alpha', 1), beta: attrNumber(node.attrs, 'beta', 1),
    },
    workgroups: ceilDiv(M * N, WG),
    label: `${node.name} (gemm)`,
  });
}

export const gemmKernel: Kernel = {
  name: 'onnx_gemm',
  ops: ['gemm'],
  accepts: (node) => !node.attrs.prescale,
  dispatches: (node, ctx) => [gemmDispatch(node, ctx)],
};
