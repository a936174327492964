// matmul with numpy semantics (1-D promotion, broadcast batch dims up to 4): the tiled program
// (tiled.ts) where the columns come in vec4s, and the one-output-per-invocation program
// (`legacy`, matmul.wgsl) for every shape.
import { attrString, numel, type Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ceilDiv, mainInputs, padTo, shapeOf } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import { activationSupported } from '../../conv/gpu/geometry.js';
import source from './matmul.wgsl?raw';
import { MATMUL_TILES, tiledDispatch } from './tiled.js';
import { tiledWgDispatch } from './tiled-wg.js';
import { WG_TILES, wgTileNames } from './wg-tile.js';

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

/** M, K, Nn and the broadcast batch of a numpy matmul (1-D operands promoted). */
function matmulShape(node: Node, ctx: KernelContext) {
  const [sa, sb] = [shapeOf(ctx, node.inputs[0]), shapeOf(ctx, node.inputs[1])];
  const a2 = sa.length === 1 ? [1, sa[0]] : sa;
  const b2 = sb.length === 1 ? [sb[0], 1] : sb;
  const batchA = a2.slice(0, -2);
  const batchB = b2.slice(0, -2);
  const rank = Math.max(batchA.length, batchB.length);
  const outBatch = padTo(batchA, rank).map((d, i) => Math.max(d, padTo(batchB, rank)[i]));
  return { M: a2[a2.length - 2], K: a2[a2.length - 1], Nn: b2[b2.length - 1], batchA, batchB, outBatch };
}

function tiledMatmul(node: Node, ctx: KernelContext, variant: string): DispatchSpec {
  const { M, K, Nn, batchA, batchB, outBatch } = matmulShape(node, ctx);
  const args = {
    shape: { M, K, Nn, batchDims: padTo(outBatch, MAX_BATCH_RANK), aStrides: batchStrides(batchA, outBatch), bStrides: batchStrides(batchB, outBatch) },
    tensors: { a: node.inputs[0], b: node.inputs[1], y: node.outputs[0] },
    act: attrString(node.attrs, 'activation', 'none'),
    label: `${node.name} (matmul ${variant})`,
  };
  return WG_TILES[variant] ? tiledWgDispatch({ ...args, tile: WG_TILES[variant] }) : tiledDispatch({ ...args, tile: MATMUL_TILES[variant] });
}

/** Whether `variant` names a tile (register or workgroup-memory) this device runs. */
export function isTileVariant(variant: string, ctx: KernelContext): boolean {
  return tileOrder(ctx).includes(variant);
}

/**
 * Tile names, the default first: the register tiles, then the workgroup-memory tiles
 * (tiled-wg.ts) the device's invocations per workgroup allow. Register tiles clamp to the
 * matrix, so t4x2 on one row runs as 1x2.
 * SwiftShader, convnext's MLP MatMuls (MATMUL_TIMINGS=1): t4x2 / t4x4 / t8x2 within noise of
 * each other and 2.5-6x the legacy program; one-row tiles lose wherever M > 1.
 * The workgroup tiles, GFLOP/s of the fastest of 5 interleaved rounds (MATMUL_TIMINGS=1 npx
 * vitest run test/gpu/matmul.test.ts -t 'every variant'), on a machine shared with other runs
 * (load average 4-6 on 2 cores; FMA roof 6.3-7.8 GFLOP/s):
 *                               t4x2  wg32x32k8  wg64x64k8r8x8  legacy
 *   [576x24] @ [24x96]          0.68    0.12        0.08         0.21
 *   [576x96] @ [96x24]          0.96    0.16        0.09         0.24
 *   [144x48] @ [48x192]         0.93    0.07        0.07         0.25
 *   [144x192] @ [192x48]        0.82    0.10        0.08         0.30
 *   [9x768] @ [768x192]         0.88    0.04        0.04         0.34
 *   gemm [1x480] @ [480x640]^T  0.32    0.02        0.01         0.12
 * 6-30x behind the default here, behind even legacy; they are there for GPUs with fast
 * workgroup memory, where the tuner can find them.
 */
export function tileOrder(ctx: KernelContext): string[] {
  return [...Object.keys(MATMUL_TILES), ...wgTileNames(ctx.limits)];
}

function matmulVariants(node: Node, ctx: KernelContext): string[] {
  const { Nn } = matmulShape(node, ctx);
  // The tiled program has no activation-free fallback for a fused activation: legacy takes none.
  const plain = attrString(node.attrs, 'activation', 'none') === 'none';
  return Nn % 4 === 0 ? [...tileOrder(ctx), ...(plain ? ['legacy'] : [])] : ['legacy'];
}

function matmulDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const [ta, tb] = node.inputs;
  const { M, K, Nn, batchA, batchB, outBatch } = matmulShape(node, ctx);
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
    if (!node.inputs.every((t) => shapeOf(ctx, t).length <= MAX_BATCH_RANK + 2)) return false;
    const act = attrString(node.attrs, 'activation', 'none');
    // A fused activation runs in the tiled program's epilogue only.
    return act === 'none' || (activationSupported(node) && matmulShape(node, ctx).Nn % 4 === 0);
  },
  variants: matmulVariants,
  dispatches(node, ctx, variant) {
    const v = variant ?? matmulVariants(node, ctx)[0];
    if (v === 'legacy') return [matmulDispatch(node, ctx)];
    if (!isTileVariant(v, ctx)) throw new Error(`matmul has no variant '${v}'; it offers ${matmulVariants(node, ctx).join(', ')}`);
    return [tiledMatmul(node, ctx, v)];
  },
};
