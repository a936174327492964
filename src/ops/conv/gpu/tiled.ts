// Register-tiled dense conv2d: a tile of output channels x output column vec4s per invocation,
// packed [group][ci][ky][kx][co] weights. See tiled.wgsl.
import type { DispatchSpec, WeightPack } from '../../../runtime/kernel.js';
import { ceilDiv } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import { convBindings, convTensors, epilogue, epilogueVariant, type ConvGeometry, type EpilogueVariant } from './geometry.js';
import source from './tiled.wgsl?raw';

export type TiledVariant = {
  /** Output channels per invocation (a multiple of 4). */
  oct: number;
  /** Output vec4 column groups per invocation. */
  px: number;
  KW: number;
  SW: number;
  DW: number;
  /** The group's output channel count is a multiple of 4: weights load as vec4. */
  wvec: boolean;
  bias: boolean;
  scale: boolean;
  wg: number;
} & EpilogueVariant;

export interface TiledTile {
  oct: number;
  px: number;
}

const COMP = ['x', 'y', 'z', 'w'];
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Column offsets (from ix0) that output column j reads at tap kx: j * SW + kx * DW. */
function offsets(v: TiledVariant): number[] {
  const set = new Set<number>();
  for (const j of range(4 * v.px)) for (const kx of range(v.KW)) set.add(j * v.SW + kx * v.DW);
  return [...set].sort((a, b) => a - b);
}

function columnsCode(v: TiledVariant): string {
  return offsets(v)
    .map((o) => `  let c${o} = u32(clamp(ix0 + ${o}, 0, i32(u.W) - 1));\n  let k${o} = ix0 + ${o} >= 0 && ix0 + ${o} < i32(u.W);`)
    .join('\n');
}

function loadsCode(v: TiledVariant): string {
  const sc = v.scale ? ' * sc' : '';
  return offsets(v).map((o) => `        let x${o} = select(0.0, x[row + c${o}], k${o})${sc};`).join('\n');
}

/** Clamped per-invocation channel offsets into a weight row: vec4 slots (WVEC) or scalars. */
function channelsCode(v: TiledVariant): string {
  if (v.wvec) return range(v.oct / 4).map((c4) => `  let o${c4} = min(co0 / 4u + ${c4}u, u.OCG4 - 1u);`).join('\n');
  return range(v.oct).map((c) => `  let o${c} = min(co0 + ${c}u, u.OCG - 1u);`).join('\n');
}

function weightLoad(v: TiledVariant, kx: number, c4: number): string {
  const at = `wb + ${kx > 0 ? `${kx}u * u.${v.wvec ? 'OCG4' : 'OCG'} + ` : ''}`;
  if (v.wvec) return `w[${at}o${c4}]`;
  return `vec4<f32>(${range(4).map((j) => `w[${at}o${4 * c4 + j}]`).join(', ')})`;
}

function tapsCode(v: TiledVariant): string {
  const out: string[] = [];
  for (const kx of range(v.KW)) {
    for (const m of range(v.px)) {
      const cols = range(4).map((j) => `x${(4 * m + j) * v.SW + kx * v.DW}`);
      out.push(`        let v${kx}_${m} = vec4<f32>(${cols.join(', ')});`);
    }
    for (const c4 of range(v.oct / 4)) {
      out.push(`        let w${kx}_${c4} = ${weightLoad(v, kx, c4)};`);
      for (const j of range(4)) {
        for (const m of range(v.px)) out.push(`        a${4 * c4 + j}_${m} = fma(vec4<f32>(w${kx}_${c4}.${COMP[j]}), v${kx}_${m}, a${4 * c4 + j}_${m});`);
      }
    }
  }
  return out.join('\n');
}

function storeCode(v: TiledVariant): string {
  const out: string[] = [];
  for (const c of range(v.oct)) {
    const guard = c === 0 ? '' : `if (co0 + ${c}u < u.OCG) `;
    const body: string[] = [`    let ob = ((n * u.OC + g * u.OCG + co0 + ${c}u) * u.OH + oy) * u.OW;`];
    for (const m of range(v.px)) {
      const epi = epilogue(v, { bias: v.bias ? `b[g * u.OCG + co0 + ${c}u]` : undefined, at: `ob + ox0 + ${4 * m}u` });
      body.push(`    { var acc = a${c}_${m}; ${epi}`);
      for (const j of range(4)) body.push(`      if (ox0 + ${4 * m + j}u < u.OW) { y[ob + ox0 + ${4 * m + j}u] = acc.${COMP[j]}; }`);
      body.push('    }');
    }
    out.push(`  ${guard}{\n${body.join('\n')}\n  }`);
  }
  return out.join('\n');
}

export const tiledProgram = defineProgram({
  name: 'conv2d_tiled',
  source,
  uniforms: {
    C: 'u32', H: 'u32', W: 'u32', OC: 'u32', OH: 'u32', OW: 'u32', KH: 'u32', sh: 'u32', dh: 'u32', padT: 'i32', padL: 'i32',
    G: 'u32', ICG: 'u32', OCG: 'u32', OCG4: 'u32', CTG: 'u32', OWG: 'u32', total: 'u32',
  },
  bindings: (v: TiledVariant) => {
    const b = convBindings(v, 'f32', 'f32');
    return v.wvec ? b.map((x) => (x.name === 'w' ? { name: 'w', type: 'vec4<f32>' } : x)) : b;
  },
  workgroupSize: (v) => v.wg,
  defs: (v) => ({
    OCT: `${v.oct}u`,
    COLS: `${4 * v.px}u`,
    SW: `${v.SW}u`,
    KW: `${v.KW}u`,
    SCALE: v.scale,
    WOCG: v.wvec ? 'OCG4' : 'OCG',
    CHANNELS: channelsCode(v),
    COLUMNS: columnsCode(v),
    ACCS: range(v.oct).flatMap((c) => range(v.px).map((m) => `  var a${c}_${m} = vec4<f32>(0.0);`)).join('\n'),
    LOADS: loadsCode(v),
    TAPS: tapsCode(v),
    STORE: storeCode(v),
  }),
});

/** OIHW ([group * ocg][icg][KH][KW]) -> [group][icg][KH][KW][ocg]. */
export function packGroupedIo(data: Float32Array, shape: readonly number[], group: number): Float32Array {
  const [OC, ICG] = shape;
  const KK = shape.slice(2).reduce((a, b) => a * b, 1);
  const OCG = OC / group;
  const out = new Float32Array(data.length);
  for (let oc = 0; oc < OC; oc++) {
    const g = Math.floor(oc / OCG);
    const co = oc % OCG;
    for (let ci = 0; ci < ICG; ci++) {
      for (let k = 0; k < KK; k++) out[((g * ICG + ci) * KK + k) * OCG + co] = data[(oc * ICG + ci) * KK + k];
    }
  }
  return out;
}

const weightPack = (group: number): WeightPack => ({ tag: `gikk-o-g${group}`, pack: (d, s) => packGroupedIo(d, s, group) });

export function tiledDispatch(g: ConvGeometry, tile: TiledTile, name: string): DispatchSpec {
  const OCG = g.OC / g.group;
  const wvec = OCG % 4 === 0;
  // No wider than the group's channels (rounded up to 4) or the row's vec4s.
  const oct = Math.min(tile.oct, Math.ceil(OCG / 4) * 4);
  const px = Math.min(tile.px, ceilDiv(g.OW, 4));
  const v: TiledVariant = {
    oct, px, KW: g.KW, SW: g.strides[1], DW: g.dilations[1], wvec,
    bias: Boolean(g.bias), scale: Boolean(g.scale), wg: 64, ...epilogueVariant(g),
  };
  const CTG = ceilDiv(OCG, oct);
  const OWG = ceilDiv(g.OW, 4 * px);
  const total = g.N * g.group * CTG * g.OH * OWG;
  return tiledProgram.dispatch({
    variant: v,
    tensors: convTensors(g),
    uniforms: {
      C: g.C, H: g.H, W: g.W, OC: g.OC, OH: g.OH, OW: g.OW, KH: g.KH, sh: g.strides[0], dh: g.dilations[0], padT: g.pads[0], padL: g.pads[1],
      G: g.group, ICG: g.C / g.group, OCG, OCG4: Math.ceil(OCG / 4), CTG, OWG, total,
    },
    workgroups: ceilDiv(total, v.wg),
    label: `${name} conv2d ${g.KH}x${g.KW}/${g.strides[0]} g${g.group} ${oct}x${px}`,
    packs: { w: weightPack(g.group) },
  });
}
