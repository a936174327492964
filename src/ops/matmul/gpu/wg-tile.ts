// The workgroup-memory GEMM core shared by the pointwise conv (pwconv-wg.ts) and MatMul / Gemm
// (tiled-wg.ts): tile shapes by variant name, the workgroup arrays, the accumulators and the
// inner product over one K-slice held in workgroup memory. Each program supplies its own
// cooperative loads (the operands' layouts differ) and its own store.
//
// A workgroup computes a BM x BN tile of C = A * B. Per K-slice of BK, the tiles
// as_[BK][BM/4] (A^T: a vec4 over 4 rows per k) and bs_[BK][BN/4] (a vec4 over 4 columns per k)
// are filled cooperatively, then every invocation accumulates TM rows x TN column vec4s:
// per k, TM/4 + TN vec4 reads from workgroup memory feed TM*TN vec4 multiply-adds.
// Invocation (tx, ty) owns the row groups ty + g*TY (4 rows each) and the column vec4s
// tx + c*TX: strided, so neighbouring invocations read and store adjacent vec4s.

// A type (not an interface), so it spreads into a program variant's record.
export type WgTile = {
  /** Rows (M) per workgroup tile; a multiple of tm. */
  bm: number;
  /** Columns (N) per workgroup tile; a multiple of 4 * tn. */
  bn: number;
  /** K per slice held in workgroup memory. */
  bk: number;
  /** Rows per invocation, a multiple of 4. */
  tm: number;
  /** Column vec4s per invocation. */
  tn: number;
};

/**
 * Tile shapes by variant name (BM x BN, K-slice BK; 4x4 outputs per invocation unless named).
 * All stay within WebGPU's guaranteed 16 KiB of workgroup storage and 256 invocations.
 */
export const WG_TILES: Record<string, WgTile> = {
  // 8 x 8 = 64 invocations of 4 x 4 outputs, 2 KiB: many workgroups for small matrices.
  wg32x32k8: { bm: 32, bn: 32, bk: 8, tm: 4, tn: 1 },
  // 8 x 8 = 64 invocations of 8 x 8 outputs, 4 KiB: twice the multiply-adds per workgroup-memory read.
  wg64x64k8r8x8: { bm: 64, bn: 64, bk: 8, tm: 8, tn: 2 },
  // Left out: 64 x 64 with 4 x 4 per invocation (256 invocations), slower still on SwiftShader
  // and one more multi-second compile in every suite and tuning run.
};

/** The guaranteed minimum of maxComputeWorkgroupStorageSize. */
export const MIN_WORKGROUP_STORAGE = 16384;

export const wgInvocations = (t: WgTile): number => (t.bm / t.tm) * (t.bn / 4 / t.tn);
export const wgStorageBytes = (t: WgTile): number => 4 * t.bk * (t.bm + t.bn);

/** Throws unless the tile is well formed and fits WebGPU's guaranteed limits. */
export function checkWgTile(name: string, t: WgTile): void {
  const bad = [
    t.tm % 4 !== 0 && 'tm must be a multiple of 4',
    t.bm % t.tm !== 0 && 'bm must be a multiple of tm',
    t.bn % (4 * t.tn) !== 0 && 'bn must be a multiple of 4 * tn',
    wgInvocations(t) > 256 && `${wgInvocations(t)} invocations exceed 256`,
    wgStorageBytes(t) > MIN_WORKGROUP_STORAGE && `${wgStorageBytes(t)} bytes of workgroup memory exceed ${MIN_WORKGROUP_STORAGE}`,
  ].filter(Boolean);
  if (bad.length) throw new Error(`workgroup tile ${name}: ${bad.join('; ')}`);
}

for (const [name, t] of Object.entries(WG_TILES)) checkWgTile(name, t);

/** Tile names this device can run (its invocations per workgroup). */
export function wgTileNames(limits: { maxComputeInvocationsPerWorkgroup: number }): string[] {
  return Object.keys(WG_TILES).filter((n) => wgInvocations(WG_TILES[n]) <= limits.maxComputeInvocationsPerWorkgroup);
}

const COMP = ['x', 'y', 'z', 'w'];
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Module-scope constants and the two workgroup arrays. */
export function wgDecls(t: WgTile): string {
  return [
    `const BM: u32 = ${t.bm}u;`,
    `const BN: u32 = ${t.bn}u;`,
    `const BK: u32 = ${t.bk}u;`,
    `const BM4: u32 = ${t.bm / 4}u;`,
    `const BN4: u32 = ${t.bn / 4}u;`,
    `const TX: u32 = ${t.bn / 4 / t.tn}u;`,
    `const TY: u32 = ${t.bm / t.tm}u;`,
    `var<workgroup> as_: array<vec4<f32>, ${t.bk * (t.bm / 4)}>;`,
    `var<workgroup> bs_: array<vec4<f32>, ${t.bk * (t.bn / 4)}>;`,
  ].join('\n');
}

export const wgAccs = (t: WgTile): string =>
  range(t.tm).flatMap((r) => range(t.tn).map((c) => `  var acc${r}_${c} = vec4<f32>(0.0);`)).join('\n');

/** The multiply-adds over one K-slice of the workgroup tiles (between the two barriers). */
export function wgInner(t: WgTile): string {
  const out = ['    for (var kk = 0u; kk < BK; kk++) {'];
  for (const g of range(t.tm / 4)) out.push(`      let av${g} = as_[kk * BM4 + ty + ${g}u * TY];`);
  for (const c of range(t.tn)) out.push(`      let bv${c} = bs_[kk * BN4 + tx + ${c}u * TX];`);
  for (const r of range(t.tm)) for (const c of range(t.tn)) out.push(`      acc${r}_${c} += av${r >> 2}.${COMP[r & 3]} * bv${c};`);
  out.push('    }');
  return out.join('\n');
}

/** WGSL for the tile-relative row of accumulator row r and the column vec4 of column c. */
export const wgRow = (r: number): string => `4u * (ty + ${r >> 2}u * TY) + ${r & 3}u`;
export const wgCol = (c: number): string => `tx + ${c}u * TX`;

/** Each accumulator's store statements, from `body(r, c)`. */
export function wgStores(t: WgTile, body: (r: number, c: number) => string): string {
  return range(t.tm)
    .flatMap((r) => range(t.tn).map((c) => body(r, c)))
    .join('\n');
}
