// Pointwise conv as a workgroup-memory tiled GEMM (see pwconv-wg.wgsl): the non-default pwconv
// variants named by WG_TILES, for GPUs where workgroup-shared tiles beat direct loads.
import type { DispatchSpec, WeightPack } from '../../../runtime/kernel.js';
import { defineProgram } from '../../../runtime/program.js';
import { wgAccs, wgCol, wgDecls, wgInner, wgInvocations, wgRow, wgStores, type WgTile } from '../../matmul/gpu/wg-tile.js';
import { convBindings, convTensors, epilogue, epilogueVariant, type ConvGeometry, type EpilogueVariant } from './geometry.js';
import source from './pwconv-wg.wgsl?raw';

/** Nothing shape-dependent: the tile, the optional bindings and the epilogue. */
export type PwWgVariant = WgTile & { bias: boolean; scale: boolean } & EpilogueVariant;

const COMP = ['x', 'y', 'z', 'w'];

function store(v: PwWgVariant): string {
  return wgStores(v, (r, c) => {
    const epi = epilogue(v, { bias: v.bias ? 'b[co]' : undefined, at: 'at' });
    const lanes = [1, 2, 3].map((l) => `      if (p + ${l}u < u.HW) { y[at + ${l}u] = acc.${COMP[l]}; }`);
    return [
      `  {`,
      `    let co = m0 + ${wgRow(r)};`,
      `    let p = p0 + 4u * (${wgCol(c)});`,
      `    if (co < u.Cout && p < u.HW) {`,
      `      var acc = acc${r}_${c};`,
      `      let at = (n * u.Cout + co) * u.HW + p;`,
      `      ${epi}`,
      `      y[at] = acc.x;`,
      ...lanes,
      `    }`,
      `  }`,
    ].join('\n');
  });
}

export const pwWgProgram = defineProgram({
  name: 'pwconv_wg',
  source,
  uniforms: { Cin: 'u32', Cout: 'u32', HW: 'u32', PT: 'u32', CT: 'u32', wlast: 'u32', xlast: 'u32' },
  bindings: (v: PwWgVariant) => convBindings(v, 'f32', 'f32'),
  workgroupSize: (v) => wgInvocations(v),
  defs: (v) => ({ DECLS: wgDecls(v), ACCS: wgAccs(v), INNER: wgInner(v), PRESCALE: v.scale ? ' * s[plane]' : '', STORE: store(v) }),
});

export function pwWgDispatch(g: ConvGeometry, tile: WgTile, name: string, pack: WeightPack): DispatchSpec {
  const HW = g.H * g.W;
  const v: PwWgVariant = { ...tile, bias: Boolean(g.bias), scale: Boolean(g.scale), ...epilogueVariant(g) };
  const PT = Math.ceil(HW / tile.bn);
  const CT = Math.ceil(g.OC / tile.bm);
  return pwWgProgram.dispatch({
    variant: v,
    tensors: convTensors(g),
    uniforms: { Cin: g.C, Cout: g.OC, HW, PT, CT, wlast: g.C * g.OC - 1, xlast: g.N * g.C * HW - 1 },
    workgroups: g.N * CT * PT,
    label: `${name} pwconv ${g.C}->${g.OC} (workgroup tiles ${tile.bm}x${tile.bn}x${tile.bk})`,
    packs: { w: pack },
  });
}
