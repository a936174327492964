// conv_transpose: the kernel and its variants. The register-tiled gather (tiled.ts) first; the
// one-phase gather program (any groups, strides, pads, dilations, output_padding; NCL as NCHW
// with H = 1; see direct.wgsl) kept as `co4`.
import { getTensor, type Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ceilDiv, isPackable } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import { convTransposeDims } from '../dims.js';
import source from './direct.wgsl?raw';
import { ctTiledDispatch, type CtTile } from './tiled.js';

type ConvTransposeVariant = {
  bias: boolean;
  /** Output channels per invocation (divides OC / group): each input load feeds all of them. */
  co: number;
  wg: number;
};

// SwiftShader, U-Net decoder shapes, min ms over 5 (noisy, shared machine), co = 1 / 4 / 8:
// k2 s2 32->24 20x28: 42-64 / 10-13 / 16-19; k3 s2 g4 24->16 40x56: 58-100 / 13 / (4);
// k3 s2 d2 16->8 80x112: 268-290 / 107-129 / 75-103. 4 is the steadiest.
export const CONV_TRANSPOSE_DEFAULTS = { co: 4, wg: 64 };

const range = (n: number): number[] => Array.from({ length: n }, (_, c) => c);

export const convTransposeProgram = defineProgram({
  name: 'conv_transpose',
  source,
  uniforms: {
    C: 'u32', H: 'u32', W: 'u32', OC: 'u32', OH: 'u32', OW: 'u32', KH: 'u32', KW: 'u32', sh: 'u32', sw: 'u32',
    padT: 'i32', padL: 'i32', dh: 'u32', dw: 'u32', icPerGroup: 'u32', ocPerGroup: 'u32', OCT: 'u32', rowItems: 'u32', total: 'u32',
  },
  bindings: (v: ConvTransposeVariant) => [{ name: 'x' }, { name: 'w' }, ...(v.bias ? [{ name: 'b' }] : []), { name: 'y' }],
  workgroupSize: (v) => v.wg,
  defs: (v) => ({
    BIAS: v.bias,
    CO: `${v.co}u`,
    ACCS: range(v.co).map((c) => `  var a${c} = vec4<f32>(0.0);`).join('\n'),
    FMAS: range(v.co).map((c) => `        a${c} += w[wi${c ? ` + ${c}u * KK` : ''}] * v;`).join('\n'),
    STORES: range(v.co).map((c) => `  store(n, oc0 + ${c}u, u32(oy), u32(ox0), a${c});`).join('\n'),
  }),
});

/** The largest power of two <= max dividing n. */
function channelTile(n: number, max: number): number {
  let t = 1;
  while (t * 2 <= max && n % (t * 2) === 0) t *= 2;
  return t;
}

export function convTransposeDispatch(node: Node, ctx: KernelContext, tuning = CONV_TRANSPOSE_DEFAULTS): DispatchSpec {
  const [x, w, bias] = node.inputs;
  const d = convTransposeDims(getTensor(ctx.graph, x).shape, getTensor(ctx.graph, w).shape, node.attrs);
  const [sh, sw] = d.strides;
  // Per output row: sw phases, each with ceil(outputs of the phase / 4) column groups.
  const rowItems = sw * ceilDiv(ceilDiv(d.OW, sw), 4);
  const v: ConvTransposeVariant = { bias: bias !== undefined, co: channelTile(d.OC / d.group, tuning.co), wg: tuning.wg };
  const OCT = d.OC / v.co;
  const total = d.N * OCT * d.OH * rowItems;
  return convTransposeProgram.dispatch({
    variant: v,
    tensors: { x, w, b: bias, y: node.outputs[0] },
    uniforms: {
      C: d.C, H: d.H, W: d.W, OC: d.OC, OH: d.OH, OW: d.OW, KH: d.KH, KW: d.KW, sh, sw,
      padT: d.pads[0], padL: d.pads[1], dh: d.dilations[0], dw: d.dilations[1],
      icPerGroup: d.C / d.group, ocPerGroup: d.OC / d.group, OCT, rowItems, total,
    },
    workgroups: ceilDiv(total, v.wg),
    label: `${node.name} conv_transpose ${d.KH}x${d.KW}/${sh}x${sw} g${d.group}`,
  });
}

/** Output channels x vec4s per stride phase per invocation, by variant name; the default first. */
export const CT_TILES: Readonly<Record<string, CtTile>> = {
  oc8x1: { oct: 8, px: 1 },
  oc8x2: { oct: 8, px: 2 },
  oc16x1: { oct: 16, px: 1 },
  oc4x2: { oct: 4, px: 2 },
};

/** The one-phase gather above, with its CONV_TRANSPOSE_DEFAULTS channel tile. */
export const CT_LEGACY_VARIANT = 'co4';

export const CT_VARIANTS: readonly string[] = [...Object.keys(CT_TILES), CT_LEGACY_VARIANT];

// The tiles read packed weights; a weight fed at run time (a graph input) takes the one-phase gather.
function ctVariants(node: Node, ctx: KernelContext): string[] {
  return isPackable(ctx, node.inputs[1]) ? [...CT_VARIANTS] : [CT_LEGACY_VARIANT];
}

function ctDispatch(node: Node, ctx: KernelContext, variant = ctVariants(node, ctx)[0]): DispatchSpec {
  if (variant === CT_LEGACY_VARIANT) return convTransposeDispatch(node, ctx);
  const tile = CT_TILES[variant];
  if (!tile || !isPackable(ctx, node.inputs[1])) throw new Error(`conv_transpose '${node.name}': no variant '${variant}' (variants: ${ctVariants(node, ctx).join(', ')})`);
  return ctTiledDispatch(node, ctx, tile);
}

export const convTransposeKernel: Kernel = {
  name: 'conv_transpose',
  ops: ['conv_transpose'],
  accepts: (node) => !node.attrs.prescale && !node.attrs.activation,
  variants: ctVariants,
  dispatches: (node, ctx, variant) => [ctDispatch(node, ctx, variant)],
};
