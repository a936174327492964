// MatMul / Gemm as a workgroup-memory tiled GEMM (see tiled-wg.wgsl): the non-default variants
// named by WG_TILES, for GPUs where workgroup-shared tiles beat direct loads.
import type { DispatchSpec } from '../../../runtime/kernel.js';
import { defineProgram } from '../../../runtime/program.js';
import { epilogue, type EpilogueVariant } from '../../conv/gpu/geometry.js';
import type { TiledArgs } from './tiled.js';
import source from './tiled-wg.wgsl?raw';
import { wgAccs, wgCol, wgDecls, wgInner, wgInvocations, wgRow, wgStores, type WgTile } from './wg-tile.js';

/** Nothing shape-dependent: the tile, Gemm's terms and the epilogue. */
export type TiledWgVariant = WgTile & { gemm: boolean; hasC: boolean } & EpilogueVariant;

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function store(v: TiledWgVariant): string {
  return wgStores(v, (r, c) => {
    const lines = [`      var acc = acc${r}_${c};`];
    if (v.gemm) lines.push(`      acc = u.alpha * acc;`);
    if (v.hasC) {
      const cAt = (l: number) => `c[i * u.c_stride0 + (j * 4u + ${l}u) * u.c_stride1]`;
      lines.push(`      acc = acc + u.beta * vec4<f32>(${range(4).map(cAt).join(', ')});`);
    }
    const epi = epilogue(v, { at: 'at * 4u' });
    lines.push(`      let at = (p * u.M + i) * u.N4 + j;`, ...(epi ? [`      ${epi}`] : []), `      y[at] = acc;`);
    return [`  {`, `    let i = m0 + ${wgRow(r)};`, `    let j = n0 + ${wgCol(c)};`, `    if (i < u.M && j < u.N4) {`, ...lines, `    }`, `  }`].join('\n');
  });
}

export const tiledWgProgram = defineProgram({
  name: 'matmul_wg',
  source,
  uniforms: {
    M: 'u32', K: 'u32', N4: 'u32', MT: 'u32', NT: 'u32', alpha: 'f32', beta: 'f32', c_stride0: 'u32', c_stride1: 'u32', alast: 'u32', blast: 'u32',
    batch_dims: ['u32', 4], a_strides: ['u32', 4], b_strides: ['u32', 4],
  },
  bindings: (v: TiledWgVariant) => [{ name: 'a' }, { name: 'b', type: 'vec4<f32>' }, ...(v.hasC ? [{ name: 'c' }] : []), { name: 'y', type: 'vec4<f32>' }],
  workgroupSize: (v) => wgInvocations(v),
  defs: (v) => ({ DECLS: wgDecls(v), ACCS: wgAccs(v), INNER: wgInner(v), STORE: store(v) }),
});

/** Matrices an operand spans: one past the furthest batch matrix its strides reach. */
const matricesSpanned = (dims: number[], strides: number[]): number => 1 + dims.reduce((s, d, i) => s + (d - 1) * strides[i], 0);

export function tiledWgDispatch(args: TiledArgs<WgTile>): DispatchSpec {
  const { M, K, Nn, batchDims, aStrides, bStrides } = args.shape;
  const { tile } = args;
  const N4 = Nn / 4;
  const v: TiledWgVariant = { ...tile, gemm: Boolean(args.gemm), hasC: Boolean(args.tensors.c), act: args.act, actAlpha: 0, actBeta: 0, residual: false };
  const MT = Math.ceil(M / tile.bm);
  const NT = Math.ceil(N4 / (tile.bn / 4));
  const batch = batchDims.reduce((x, y) => x * y, 1);
  const cs = args.gemm?.cStrides ?? [0, 0];
  return tiledWgProgram.dispatch({
    variant: v,
    tensors: args.tensors,
    uniforms: {
      M, K, N4, MT, NT, alpha: args.gemm?.alpha ?? 1, beta: args.gemm?.beta ?? 0, c_stride0: cs[0], c_stride1: cs[1],
      alast: matricesSpanned(batchDims, aStrides) * M * K - 1, blast: matricesSpanned(batchDims, bStrides) * K * N4 - 1,
      batch_dims: batchDims, a_strides: aStrides, b_strides: bStrides,
    },
    workgroups: batch * MT * NT,
    label: args.label,
    packs: args.packs,
  });
}
