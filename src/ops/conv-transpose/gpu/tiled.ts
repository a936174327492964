// Register-tiled transposed conv: output channels x adjacent output columns (all stride phases)
// per invocation, packed [ci][ky][kx][co] weights. See tiled.wgsl.
import { getTensor, type Node } from '../../../graph/ir.js';
import type { DispatchSpec, KernelContext, WeightPack } from '../../../runtime/kernel.js';
import { ceilDiv } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import { convBindings, epilogue, type EpilogueVariant } from '../../conv/gpu/geometry.js';
import { convTransposeDims } from '../dims.js';
import source from './tiled.wgsl?raw';

export type CtTiledVariant = {
  /** Output channels per invocation (a multiple of 4). */
  oct: number;
  /** Vec4s of columns per stride phase per invocation. */
  px: number;
  SW: number;
  /** The group's output channel count is a multiple of 4: weights load as vec4. */
  wvec: boolean;
  bias: boolean;
  scale: boolean;
  wg: number;
} & EpilogueVariant;

export interface CtTile {
  oct: number;
  px: number;
}

const COMP = ['x', 'y', 'z', 'w'];
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function channelsCode(v: CtTiledVariant): string {
  if (v.wvec) return range(v.oct / 4).map((c4) => `  let o${c4} = min(co0 / 4u + ${c4}u, u.OCG4 - 1u);`).join('\n');
  return range(v.oct).map((c) => `  let o${c} = min(co0 + ${c}u, u.OCG - 1u);`).join('\n');
}

function columnsCode(v: CtTiledVariant): string {
  return range(4 * v.px)
    .map((j) => `      let c${j} = u32(clamp(ix0 + ${j}, 0, i32(u.W) - 1));\n      let k${j} = ix0 + ${j} >= 0 && ix0 + ${j} < i32(u.W);`)
    .join('\n');
}

function weightLoad(v: CtTiledVariant, c4: number): string {
  if (v.wvec) return `w[wb + o${c4}]`;
  return `vec4<f32>(${range(4).map((j) => `w[wb + o${4 * c4 + j}]`).join(', ')})`;
}

/** One channel loop per phase; the tap's phase picks which runs. */
function phasesCode(v: CtTiledVariant): string {
  const body = (p: number): string => {
    const lines = [
      `        let row = rowOff + ci * plane;`,
      `        let wb = wb0 + ci * wChan;`,
      ...range(v.px).map((m) => `        let v${m} = vec4<f32>(${range(4).map((j) => `select(0.0, x[row + c${4 * m + j}], k${4 * m + j})`).join(', ')});`),
    ];
    for (const c4 of range(v.oct / 4)) {
      lines.push(`        let w${c4} = ${weightLoad(v, c4)};`);
      for (const j of range(4)) for (const m of range(v.px)) lines.push(`        a${p}_${4 * c4 + j}_${m} = fma(vec4<f32>(w${c4}.${COMP[j]}), v${m}, a${p}_${4 * c4 + j}_${m});`);
    }
    return `      ${p ? 'else ' : ''}${p < v.SW - 1 ? `if (p == ${p}) ` : ''}{\n      for (var ci = 0u; ci < u.ICG; ci++) {\n${lines.join('\n')}\n      }\n      }`;
  };
  return range(v.SW).map(body).join('\n');
}

function storeCode(v: CtTiledVariant): string {
  const out: string[] = [];
  const span = v.SW * v.px * 4;
  for (const c of range(v.oct)) {
    const guard = c === 0 ? '' : `if (co0 + ${c}u < u.OCG) `;
    const body = [`    let ob = ((n * u.OC + g * u.OCG + co0 + ${c}u) * u.OH + u32(oy)) * u.OW + u32(ox0);`];
    for (const k of range(span / 4)) {
      // Output column ox0 + s is phase s % SW, element s / SW of that phase.
      const lanes = range(4).map((l) => {
        const s = 4 * k + l;
        const j = Math.floor(s / v.SW);
        return `a${s % v.SW}_${c}_${Math.floor(j / 4)}.${COMP[j % 4]}`;
      });
      const epi = epilogue(v, { bias: v.bias ? `b[g * u.OCG + co0 + ${c}u]` : undefined, at: `ob + ${4 * k}u` });
      body.push(`    { var acc = vec4<f32>(${lanes.join(', ')}); ${epi}`);
      for (const l of range(4)) body.push(`      if (ox0 + ${4 * k + l} < i32(u.OW)) { y[ob + ${4 * k + l}u] = acc.${COMP[l]}; }`);
      body.push('    }');
    }
    out.push(`  ${guard}{\n${body.join('\n')}\n  }`);
  }
  return out.join('\n');
}

export const ctTiledProgram = defineProgram({
  name: 'conv_transpose_tiled',
  source,
  uniforms: {
    C: 'u32', H: 'u32', W: 'u32', OC: 'u32', OH: 'u32', OW: 'u32', KH: 'u32', KW: 'u32', sh: 'u32', dh: 'u32', dw: 'u32', padT: 'i32', padL: 'i32',
    G: 'u32', ICG: 'u32', OCG: 'u32', OCG4: 'u32', CTG: 'u32', OWG: 'u32', total: 'u32',
  },
  bindings: (v: CtTiledVariant) => {
    const b = convBindings(v, 'f32', 'f32');
    return v.wvec ? b.map((x) => (x.name === 'w' ? { name: 'w', type: 'vec4<f32>' } : x)) : b;
  },
  workgroupSize: (v) => v.wg,
  defs: (v) => ({
    OCT: `${v.oct}u`,
    SPAN: `${v.SW * v.px * 4}u`,
    SWI: `${v.SW}`,
    COLSI: `${4 * v.px}`,
    WOCG: v.wvec ? 'OCG4' : 'OCG',
    CHANNELS: channelsCode(v),
    ACCS: range(v.SW).flatMap((p) => range(v.oct).flatMap((c) => range(v.px).map((m) => `  var a${p}_${c}_${m} = vec4<f32>(0.0);`))).join('\n'),
    COLUMNS: columnsCode(v),
    PHASES: phasesCode(v),
    STORE: storeCode(v),
  }),
});

/** [C][ocg][KH][KW] -> [C][KH][KW][ocg]: a tap's output channels adjacent. */
export function packTapsOut(data: Float32Array, shape: readonly number[]): Float32Array {
  const [C, OCG] = shape;
  const KK = shape.slice(2).reduce((a, b) => a * b, 1);
  const out = new Float32Array(data.length);
  for (let c = 0; c < C; c++) {
    for (let co = 0; co < OCG; co++) for (let k = 0; k < KK; k++) out[(c * KK + k) * OCG + co] = data[(c * OCG + co) * KK + k];
  }
  return out;
}

const WEIGHT_PACK: WeightPack = { tag: 'ct-ikk-o', pack: packTapsOut };

export function ctTiledDispatch(node: Node, ctx: KernelContext, tile: CtTile): DispatchSpec {
  const [x, w, bias] = node.inputs;
  const d = convTransposeDims(getTensor(ctx.graph, x).shape, getTensor(ctx.graph, w).shape, node.attrs);
  const [sh, sw] = d.strides;
  const OCG = d.OC / d.group;
  const oct = Math.min(tile.oct, Math.ceil(OCG / 4) * 4);
  const px = Math.min(tile.px, ceilDiv(ceilDiv(d.OW, sw), 4));
  const v: CtTiledVariant = { oct, px, SW: sw, wvec: OCG % 4 === 0, bias: bias !== undefined, scale: false, wg: 64, act: 'none', actAlpha: 0, actBeta: 0, residual: false };
  const CTG = ceilDiv(OCG, oct);
  const OWG = ceilDiv(d.OW, sw * px * 4);
  const total = d.N * d.group * CTG * d.OH * OWG;
  return ctTiledProgram.dispatch({
    variant: v,
    tensors: { x, w, b: bias, y: node.outputs[0] },
    uniforms: {
      C: d.C, H: d.H, W: d.W, OC: d.OC, OH: d.OH, OW: d.OW, KH: d.KH, KW: d.KW, sh, dh: d.dilations[0], dw: d.dilations[1],
      padT: d.pads[0], padL: d.pads[1], G: d.group, ICG: d.C / d.group, OCG, OCG4: Math.ceil(OCG / 4), CTG, OWG, total,
    },
    workgroups: ceilDiv(total, v.wg),
    label: `${node.name} conv_transpose ${d.KH}x${d.KW}/${sh}x${sw} g${d.group} ${oct}x${px}`,
    packs: { w: WEIGHT_PACK },
  });
}
