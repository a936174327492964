// Pointwise conv with the weight loads shared across a subgroup (see pwconv-sg.wgsl): non-default
// pwconv variants, offered only where the device has subgroups.
import type { DispatchSpec, WeightPack } from '../../../runtime/kernel.js';
import { defineProgram } from '../../../runtime/program.js';
import { convBindings, convTensors, epilogue, epilogueVariant, type ConvGeometry, type EpilogueVariant } from './geometry.js';
import source from './pwconv-sg.wgsl?raw';

export type SgTile = {
  /** Output channels per invocation, a multiple of 4. */
  co: number;
  /** Pixel vec4s per invocation. */
  px: number;
};

/** Nothing shape-dependent: the tile, the optional bindings and the epilogue. */
export type PwSgVariant = SgTile & { bias: boolean; scale: boolean; wg: number } & EpilogueVariant;

const WG = 64;
const COMP = ['x', 'y', 'z', 'w'];
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function taps(v: PwSgVariant): string {
  const out = [];
  for (const k of range(v.co / 4)) {
    out.push(`      let wv${k} = subgroupShuffle(mine${k}, j);`);
    for (const c of range(4)) for (const m of range(v.px)) out.push(`      a${4 * k + c}_${m} += wv${k}.${COMP[c]} * x${m};`);
  }
  return out.join('\n');
}

function store(v: PwSgVariant): string {
  const out = [];
  for (const c of range(v.co)) {
    for (const m of range(v.px)) {
      const epi = epilogue(v, { bias: v.bias ? 'b[co]' : undefined, at: 'at' });
      const lanes = [1, 2, 3].map((l) => `    if (p + ${l}u < u.HW) { y[at + ${l}u] = acc.${COMP[l]}; }`);
      out.push(
        [
          `  {`,
          `  let co = co0 + ${c}u;`,
          `  let p = (q + ${m}u) * 4u;`,
          `  if (co < u.Cout && p < u.HW) {`,
          `    var acc = a${c}_${m};`,
          `    let at = (n * u.Cout + co) * u.HW + p;`,
          `    ${epi}`,
          `    y[at] = acc.x;`,
          ...lanes,
          `  }`,
          `  }`,
        ].join('\n'),
      );
    }
  }
  return out.join('\n');
}

export const pwSgProgram = defineProgram({
  name: 'pwconv_sg',
  source,
  uniforms: { Cin: 'u32', Cout: 'u32', HW: 'u32', PWG: 'u32', COG: 'u32', wlast: 'u32', xlast: 'u32' },
  bindings: (v: PwSgVariant) => convBindings(v, 'f32', 'f32'),
  workgroupSize: (v) => v.wg,
  subgroups: () => true,
  // The shuffles sit in loops whose trip counts are uniform per workgroup (uniforms and the subgroup size).
  directives: () => ['enable subgroups;', 'diagnostic(off, subgroup_uniformity);'],
  defs: (v) => ({
    PX: `${v.px}u`,
    CO: `${v.co}u`,
    ACCS: range(v.co).flatMap((c) => range(v.px).map((m) => `  var a${c}_${m} = vec4<f32>(0.0);`)).join('\n'),
    MINE: range(v.co / 4).map((k) => `    let mine${k} = wq(k0 + sg.lane, co0 + ${4 * k}u);`).join('\n'),
    LOADS: range(v.px).map((m) => `      let x${m} = ld(plane, q + ${m}u)${v.scale ? ' * s[plane]' : ''};`).join('\n'),
    TAPS: taps(v),
    STORE: store(v),
  }),
});

export function pwSgDispatch(g: ConvGeometry, tile: SgTile, name: string, pack: WeightPack): DispatchSpec {
  const HW = g.H * g.W;
  const v: PwSgVariant = { ...tile, bias: Boolean(g.bias), scale: Boolean(g.scale), wg: WG, ...epilogueVariant(g) };
  const PWG = Math.ceil(Math.ceil(HW / 4) / (tile.px * WG));
  const COG = Math.ceil(g.OC / tile.co);
  return pwSgProgram.dispatch({
    variant: v,
    tensors: convTensors(g),
    uniforms: { Cin: g.C, Cout: g.OC, HW, PWG, COG, wlast: g.C * g.OC - 1, xlast: g.N * g.C * HW - 1 },
    workgroups: g.N * COG * PWG,
    label: `${name} pwconv ${g.C}->${g.OC} (subgroup-shared weights ${tile.co}x${tile.px})`,
    packs: { w: pack },
  });
}
