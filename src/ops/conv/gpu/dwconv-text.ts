// Unrolled WGSL text of the depthwise row-window program (see dwconv.wgsl): which input vec4s
// each input row contributes, which shifted view of them every tap reads, and the stores.
// Every offset below is a compile-time constant of the variant (kernel, strides, dilations and
// the leading pads), so a tap is one vec4 multiply-add on register swizzles.
import { epilogue, type EpilogueVariant } from './geometry.js';

export type DwVariant = {
  KH: number;
  KW: number;
  SH: number;
  SW: number;
  DH: number;
  DW: number;
  /** Top and left pads (the trailing pads only change the output size, a uniform). */
  PT: number;
  PL: number;
  /** Output rows per invocation: an input row is loaded once for every output row it feeds. */
  rows: number;
  /** Output vec4 column groups per invocation: neighbouring windows share their loads. */
  cols: number;
  /** Weights loaded once per invocation (KH*KW values) instead of once per output row. */
  hoist: boolean;
  /** W % 4 == 0: x is read as vec4s. */
  xv: boolean;
  /** OW % 4 == 0: y is written as vec4s. */
  yv: boolean;
  bias: boolean;
  scale: boolean;
  wg: number;
} & EpilogueVariant;

const COMP = ['x', 'y', 'z', 'w'];

/** Column e of an invocation's input window, relative to SW * 4 * q (q: its first output vec4). */
const column = (v: DwVariant, m: number, lane: number, kx: number): number => v.SW * (4 * m + lane) - v.PL + kx * v.DW;

/** The window vec4 slot (relative to SW * q) holding column e, and its component. */
const slot = (e: number): { t: number; c: string } => ({ t: Math.floor(e / 4), c: COMP[((e % 4) + 4) % 4] });

const vname = (t: number): string => (t < 0 ? `vm${-t}` : `v${t}`);

/** WGSL vec4 of the inputs that output lanes 0..3 of column group m read at tap kx. */
function tapInput(v: DwVariant, m: number, kx: number): string {
  const parts = [0, 1, 2, 3].map((lane) => slot(column(v, m, lane, kx)));
  if (parts.every((p, i) => p.t === parts[0].t && p.c === COMP[i])) return vname(parts[0].t);
  return `vec4<f32>(${parts.map((p) => `${vname(p.t)}.${p.c}`).join(', ')})`;
}

/** The window slots any tap of any column group reads, in order. */
function windowSlots(v: DwVariant): number[] {
  const used = new Set<number>();
  for (let m = 0; m < v.cols; m++) for (let kx = 0; kx < v.KW; kx++) for (let lane = 0; lane < 4; lane++) used.add(slot(column(v, m, lane, kx)).t);
  return [...used].sort((a, b) => a - b);
}

const weight = (v: DwVariant, ky: number, kx: number): string => (v.hoist ? `w${ky}_${kx}` : `w[wb + ${ky * v.KW + kx}u]`);

/** Input row offsets (relative to SH * oy - PT) and the (output row, kernel row) pairs each feeds. */
function rowUses(v: DwVariant): Map<number, Array<[number, number]>> {
  const uses = new Map<number, Array<[number, number]>>();
  for (let r = 0; r < v.rows; r++) {
    for (let ky = 0; ky < v.KH; ky++) {
      const o = v.SH * r + v.DH * ky;
      if (!uses.has(o)) uses.set(o, []);
      uses.get(o)!.push([r, ky]);
    }
  }
  return new Map([...uses].sort((a, b) => a[0] - b[0]));
}

function rowCode(v: DwVariant, o: number, pairs: Array<[number, number]>): string {
  const loads = windowSlots(v).map((t) => `      let ${vname(t)} = ld(row, q0 ${t < 0 ? '-' : '+'} ${Math.abs(t)});`);
  const taps = [];
  for (const [r, ky] of pairs) {
    // Without HOIST each (output row, kernel row) pair reads its weights once for all columns.
    if (!v.hoist) taps.push('      {');
    for (let kx = 0; kx < v.KW; kx++) {
      const w = v.hoist ? weight(v, ky, kx) : `wt${kx}`;
      if (!v.hoist) taps.push(`      let wt${kx} = ${weight(v, ky, kx)};`);
      for (let m = 0; m < v.cols; m++) taps.push(`      a${r}_${m} += ${w} * ${tapInput(v, m, kx)};`);
    }
    if (!v.hoist) taps.push('      }');
  }
  const guard = o === 0 ? 'iy0' : `iy0 + ${o}`;
  return ['  {', `    let iy = ${guard};`, '    if (iy >= 0 && iy < i32(u.H)) {', '      let row = xplane + u32(iy);', ...loads, ...taps, '    }', '  }'].join('\n');
}

export function bodyCode(v: DwVariant): string {
  const hoisted = [];
  if (v.hoist) for (let ky = 0; ky < v.KH; ky++) for (let kx = 0; kx < v.KW; kx++) hoisted.push(`  let ${weight(v, ky, kx)} = w[wb + ${ky * v.KW + kx}u];`);
  const accs = [];
  for (let r = 0; r < v.rows; r++) for (let m = 0; m < v.cols; m++) accs.push(`  var a${r}_${m} = vec4<f32>(0.0);`);
  // Output row r is complete after its last input row (offset SH*r + DH*(KH-1)): storing it
  // there keeps only the rows still in flight live, not all ROWS of them.
  const rows = [...rowUses(v)].map(([o, pairs]) => {
    const done = Array.from({ length: v.rows }, (_, r) => r).filter((r) => v.SH * r + v.DH * (v.KH - 1) === o);
    return [rowCode(v, o, pairs), ...done.map((r) => storeRow(v, r))].join('\n');
  });
  return [...hoisted, ...accs, ...rows].join('\n');
}

function storeRow(v: DwVariant, r: number): string {
  const out = [];
  {
    for (let m = 0; m < v.cols; m++) {
      const orow = `(yplane + u32(oy + ${r}))`;
      const at = v.yv ? `(${orow} * u.OW4 + u32(q + ${m})) * 4u` : `${orow} * u.OW + u32((q + ${m}) * 4)`;
      const epi = epilogue(v, { scale: v.scale ? 's[nc]' : undefined, bias: v.bias ? 'b[c]' : undefined, at });
      const write = v.yv
        ? `    y[${orow} * u.OW4 + u32(q + ${m})] = acc;`
        : [
            `    let base = ${orow} * u.OW;`,
            ...[0, 1, 2, 3].map((j) => `    if ((q + ${m}) * 4 + ${j} < i32(u.OW)) { y[base + u32((q + ${m}) * 4 + ${j})] = acc.${COMP[j]}; }`),
          ].join('\n');
      const guards = [...(v.rows > 1 ? [`oy + ${r} < i32(u.OH)`] : []), ...(m > 0 ? [`q + ${m} < i32(u.OW4)`] : [])];
      const guard = guards.length ? `if (${guards.join(' && ')}) ` : '';
      out.push(`  ${guard}{\n    var acc = a${r}_${m};\n    ${epi}\n${write}\n  }`);
    }
  }
  return out.join('\n');
}

export const LOADER_VEC4 = `// Vec4 slot q of an input row, zero outside the row.
fn ld(row: u32, q: i32) -> vec4<f32> {
  let inRow = q >= 0 && q < i32(u.W4);
  return select(vec4<f32>(0.0), x[row * u.W4 + u32(clamp(q, 0, i32(u.W4) - 1))], inRow);
}`;

export const LOADER_SCALAR = `fn at(base: u32, col: i32) -> f32 {
  return select(0.0, x[base + u32(clamp(col, 0, i32(u.W) - 1))], col >= 0 && col < i32(u.W));
}
// Columns 4q .. 4q+3 of an input row, zero outside the row.
fn ld(row: u32, q: i32) -> vec4<f32> {
  let base = row * u.W;
  let c0 = q * 4;
  return vec4<f32>(at(base, c0), at(base, c0 + 1), at(base, c0 + 2), at(base, c0 + 3));
}`;
