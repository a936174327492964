// The tiled matrix-product program behind MatMul and Gemm (see tiled.wgsl): tile sizes as
// named variants, the fused epilogue of the conv programs at the store site.
import type { DispatchSpec } from '../../../runtime/kernel.js';
import { defineProgram } from '../../../runtime/program.js';
import { epilogue, type EpilogueVariant } from '../../conv/gpu/geometry.js';
import source from './tiled.wgsl?raw';

export type TiledVariant = {
  /** Rows per invocation. */
  tm: number;
  /** Column vec4s per invocation. */
  tn: number;
  /** K % 4 == 0: a is read as vec4s over k. */
  kvec: boolean;
  /** Gemm's alpha / beta / C. */
  gemm: boolean;
  hasC: boolean;
  wg: number;
} & EpilogueVariant;

/** Tile shapes (rows x column vec4s) by variant name. */
export const MATMUL_TILES: Record<string, { tm: number; tn: number }> = {
  t4x2: { tm: 4, tn: 2 },
  t4x4: { tm: 4, tn: 4 },
  t8x2: { tm: 8, tn: 2 },
  t2x4: { tm: 2, tn: 4 },
  t1x4: { tm: 1, tn: 4 },
};

const COMP = ['x', 'y', 'z', 'w'];
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function rows(v: TiledVariant): string {
  // Clamped row offsets of a (in vec4s with KVEC); stores check the real row.
  return range(v.tm)
    .map((r) => `  let ar${r} = (pa * u.M + min(i0 + ${r}u, u.M - 1u)) * u.K${v.kvec ? ' / 4u' : ''};`)
    .join('\n');
}

const cols = (v: TiledVariant): string => range(v.tn).map((c) => `  let jc${c} = min(j0 + ${c}u, u.N4 - 1u);`).join('\n');

const accs = (v: TiledVariant): string =>
  range(v.tm).flatMap((r) => range(v.tn).map((c) => `  var acc${r}_${c} = vec4<f32>(0.0);`)).join('\n');

function loadA(v: TiledVariant): string {
  return range(v.tm).map((r) => (v.kvec ? `    let av${r} = a[ar${r} + k4];` : `    let av${r} = a[ar${r} + k];`)).join('\n');
}

const loadB = (v: TiledVariant): string => range(v.tn).map((c) => `    let bv${c} = b[brow + jc${c}];`).join('\n');

function fmas(v: TiledVariant, lane = ''): string {
  return range(v.tm).flatMap((r) => range(v.tn).map((c) => `    acc${r}_${c} += av${r}${lane} * bv${c};`)).join('\n');
}

// KVEC: the 4 k of one a vec4, unrolled, each in its own block (lane kk of every row's vec4).
function ksteps(v: TiledVariant): string {
  return range(4)
    .map((kk) => [`    {`, `    let brow = bmat + (k4 * 4u + ${kk}u) * u.N4;`, loadB(v), fmas(v, `.${COMP[kk]}`), `    }`].join('\n'))
    .join('\n');
}

function store(v: TiledVariant): string {
  const out = [];
  for (let r = 0; r < v.tm; r++) {
    for (let c = 0; c < v.tn; c++) {
      const i = `i0 + ${r}u`;
      const j = `j0 + ${c}u`;
      const lines = [`    var acc = acc${r}_${c};`];
      if (v.gemm) lines.push(`    acc = u.alpha * acc;`);
      if (v.hasC) {
        const cAt = (l: number) => `c[(${i}) * u.c_stride0 + ((${j}) * 4u + ${l}u) * u.c_stride1]`;
        lines.push(`    acc = acc + u.beta * vec4<f32>(${range(4).map(cAt).join(', ')});`);
      }
      const at = `((p * u.M + ${i}) * u.N4 + ${j})`;
      lines.push(`    ${epilogue(v, { at: `${at} * 4u` })}`, `    y[${at}] = acc;`);
      out.push(`  if (${i} < u.M && ${j} < u.N4) {\n${lines.join('\n')}\n  }`);
    }
  }
  return out.join('\n');
}

export const tiledProgram = defineProgram({
  name: 'matmul_tiled',
  source,
  uniforms: {
    M: 'u32', K: 'u32', N4: 'u32', MG: 'u32', NG: 'u32', total: 'u32', alpha: 'f32', beta: 'f32', c_stride0: 'u32', c_stride1: 'u32',
    batch_dims: ['u32', 4], a_strides: ['u32', 4], b_strides: ['u32', 4],
  },
  bindings: (v: TiledVariant) => [
    { name: 'a', type: v.kvec ? 'vec4<f32>' : 'f32' },
    { name: 'b', type: 'vec4<f32>' },
    ...(v.hasC ? [{ name: 'c' }] : []),
    { name: 'y', type: 'vec4<f32>' },
  ],
  workgroupSize: (v) => v.wg,
  defs: (v) => ({ TM: `${v.tm}u`, TN: `${v.tn}u`, KVEC: v.kvec, ROWS: rows(v), COLS: cols(v), ACCS: accs(v), LOADA: loadA(v), LOADB: loadB(v), FMAS: fmas(v), KSTEPS: v.kvec ? ksteps(v) : '', STORE: store(v) }),
});

export interface TiledShape {
  M: number;
  K: number;
  /** Columns (a multiple of 4). */
  Nn: number;
  batchDims: number[];
  aStrides: number[];
  bStrides: number[];
}

export interface TiledGemmTerms {
  alpha: number;
  beta: number;
  /** Element strides of C over (row, column), 0 where it broadcasts. */
  cStrides?: [number, number];
}

/** One matrix product for a tiled program (this one or the workgroup-memory one, tiled-wg.ts). */
export interface TiledArgs<Tile> {
  tile: Tile;
  shape: TiledShape;
  tensors: { a: string; b: string; c?: string; y: string };
  act: string;
  gemm?: TiledGemmTerms;
  label: string;
  packs?: DispatchSpec['packs'];
}

export function tiledDispatch(args: TiledArgs<{ tm: number; tn: number }>): DispatchSpec {
  const { M, K, Nn } = args.shape;
  const N4 = Nn / 4;
  const tm = Math.min(args.tile.tm, M);
  const tn = Math.min(args.tile.tn, N4);
  const v: TiledVariant = { tm, tn, kvec: K % 4 === 0, gemm: Boolean(args.gemm), hasC: Boolean(args.tensors.c), wg: 64, act: args.act, actAlpha: 0, actBeta: 0, residual: false };
  const MG = Math.ceil(M / tm);
  const NG = Math.ceil(N4 / tn);
  const batch = args.shape.batchDims.reduce((x, y) => x * y, 1);
  const total = batch * MG * NG;
  const cs = args.gemm?.cStrides ?? [0, 0];
  return tiledProgram.dispatch({
    variant: v,
    tensors: args.tensors,
    uniforms: {
      M, K, N4, MG, NG, total, alpha: args.gemm?.alpha ?? 1, beta: args.gemm?.beta ?? 0, c_stride0: cs[0], c_stride1: cs[1],
      batch_dims: args.shape.batchDims, a_strides: args.shape.aStrides, b_strides: args.shape.bStrides,
    },
    workgroups: Math.ceil(total / v.wg),
    label: args.label,
    packs: args.packs,
  });
}
