// The one-channel generic conv2d (any groups / kernel / strides / pads / dilations), kept as the
// dense kernel's `oc1` variant. See direct.wgsl.
import type { Node } from '../../../graph/ir.js';
import type { DispatchSpec, KernelContext } from '../../../runtime/kernel.js';
import { defineProgram } from '../../../runtime/program.js';
import { convBindings, convGeometry, convTensors, epilogue, epilogueVariant, type EpilogueVariant } from './geometry.js';
import source from './direct.wgsl?raw';

export type ConvVariant = { bias: boolean; scale: boolean; wg: number } & EpilogueVariant;

export const CONV_DEFAULTS = { wg: 64 };

export const directProgram = defineProgram({
  name: 'conv2d',
  source,
  uniforms: {
    C: 'u32', H: 'u32', W: 'u32', OC: 'u32', OH: 'u32', OW: 'u32', OW4: 'u32', KH: 'u32', KW: 'u32', sh: 'u32', sw: 'u32',
    padT: 'i32', padL: 'i32', dh: 'u32', dw: 'u32', icPerGroup: 'u32', ocPerGroup: 'u32', total: 'u32',
  },
  bindings: (v: ConvVariant) => convBindings(v, 'f32', 'f32'),
  workgroupSize: (v) => v.wg,
  defs: (v) => ({
    // The prescale is per input channel, so it applies to each channel's partial sum.
    SCALE: v.scale ? ' * s[plane]' : '',
    EPILOGUE: epilogue(v, { bias: v.bias ? 'b[oc]' : undefined, at: '((n * u.OC + oc) * u.OH + oy) * u.OW + ox0' }),
  }),
});

export function convDispatch(node: Node, ctx: KernelContext, tuning = CONV_DEFAULTS): DispatchSpec {
  const g = convGeometry(node, ctx);
  const v: ConvVariant = { bias: Boolean(g.bias), scale: Boolean(g.scale), wg: tuning.wg, ...epilogueVariant(g) };
  const OW4 = Math.ceil(g.OW / 4);
  const total = g.N * g.OC * g.OH * OW4;
  return directProgram.dispatch({
    variant: v,
    tensors: convTensors(g),
    uniforms: {
      C: g.C, H: g.H, W: g.W, OC: g.OC, OH: g.OH, OW: g.OW, OW4, KH: g.KH, KW: g.KW, sh: g.strides[0], sw: g.strides[1],
      padT: g.pads[0], padL: g.pads[1], dh: g.dilations[0], dw: g.dilations[1], icPerGroup: g.C / g.group, ocPerGroup: g.OC / g.group, total,
    },
    workgroups: Math.ceil(total / v.wg),
    label: `${node.name} conv2d ${g.KH}x${g.KW}/${g.strides[0]} g${g.group}`,
  });
}
