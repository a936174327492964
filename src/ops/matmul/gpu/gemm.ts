// ONNX Gemm: the tiled program (tiled.ts) where A is not transposed, the columns come in vec4s
// and B is either not transposed or a weight (packed to [K][N] at plan time); otherwise, and as
// the `legacy` variant, one output per invocation with transposes and C's broadcast as element
// strides (0 = broadcast; gemm.wgsl).
import { attrNumber, getTensor, type Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ceilDiv, shapeOf } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import source from './gemm.wgsl?raw';
import { MATMUL_TILES, tiledDispatch } from './tiled.js';
import { tiledWgDispatch } from './tiled-wg.js';
import { isTileVariant, tileOrder } from './matmul.js';
import { WG_TILES } from './wg-tile.js';

const WG = 64;

export const gemmProgram = defineProgram({
  name: 'onnx_gemm',
  source,
  uniforms: { m: 'u32', n: 'u32', k: 'u32', a_stride0: 'u32', a_stride1: 'u32', b_stride0: 'u32', b_stride1: 'u32', c_stride0: 'u32', c_stride1: 'u32', alpha: 'f32', beta: 'f32' },
  bindings: (v: { hasC: boolean }) => [{ name: 'y' }, { name: 'a' }, { name: 'b' }, ...(v.hasC ? [{ name: 'c' }] : [])],
  workgroupSize: () => WG,
  defs: (v) => ({ HAS_C: v.hasC }),
});

function gemmShape(node: Node, ctx: KernelContext) {
  const [a, , c] = node.inputs;
  const [M, N] = shapeOf(ctx, node.outputs[0]);
  const ta = attrNumber(node.attrs, 'transA', 0) === 1;
  const tb = attrNumber(node.attrs, 'transB', 0) === 1;
  const K = shapeOf(ctx, a)[ta ? 0 : 1];
  // C broadcasts from its trailing dims; a size-1 (or missing) dim reads with stride 0.
  const cs = c ? [...new Array(2).fill(1), ...shapeOf(ctx, c)].slice(-2) : [1, 1];
  return { M, N, K, ta, tb, cStrides: [cs[0] === 1 ? 0 : cs[1], cs[1] === 1 ? 0 : 1] as [number, number] };
}

/** B^T [N][K] -> [K][N]. */
export function packKn(data: Float32Array, shape: readonly number[]): Float32Array {
  const [N, K] = shape;
  const out = new Float32Array(data.length);
  for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) out[k * N + n] = data[n * K + k];
  return out;
}

function tiledFits(node: Node, ctx: KernelContext): boolean {
  const { N, ta, tb } = gemmShape(node, ctx);
  return !ta && N % 4 === 0 && (!tb || getTensor(ctx.graph, node.inputs[1]).role === 'weight');
}

function gemmVariants(node: Node, ctx: KernelContext): string[] {
  return tiledFits(node, ctx) ? [...tileOrder(ctx), 'legacy'] : ['legacy'];
}

function tiledGemm(node: Node, ctx: KernelContext, variant: string): DispatchSpec {
  const [a, b, c] = node.inputs;
  const { M, N, K, tb, cStrides } = gemmShape(node, ctx);
  const args = {
    shape: { M, K, Nn: N, batchDims: [1, 1, 1, 1], aStrides: [0, 0, 0, 0], bStrides: [0, 0, 0, 0] },
    tensors: { a, b, c, y: node.outputs[0] },
    act: 'none',
    gemm: { alpha: attrNumber(node.attrs, 'alpha', 1), beta: attrNumber(node.attrs, 'beta', 1), cStrides },
    label: `${node.name} (gemm ${variant})`,
    packs: tb ? { b: { tag: 'kn', pack: packKn } } : undefined,
  };
  return WG_TILES[variant] ? tiledWgDispatch({ ...args, tile: WG_TILES[variant] }) : tiledDispatch({ ...args, tile: MATMUL_TILES[variant] });
}

function gemmDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const [a, b, c] = node.inputs;
  const [M, N] = shapeOf(ctx, node.outputs[0]);
  const ta = attrNumber(node.attrs, 'transA', 0) === 1;
  const tb = attrNumber(node.attrs, 'transB', 0) === 1;
  const K = shapeOf(ctx, a)[ta ? 0 : 1];
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
  variants: gemmVariants,
  dispatches(node, ctx, variant) {
    const v = variant ?? gemmVariants(node, ctx)[0];
    if (v === 'legacy') return [gemmDispatch(node, ctx)];
    if (!isTileVariant(v, ctx) || !tiledFits(node, ctx)) throw new Error(`onnx_gemm has no variant '${v}' here; it offers ${gemmVariants(node, ctx).join(', ')}`);
    return [tiledGemm(node, ctx, v)];
  },
};
