// conv_transpose: the direct gather program (any groups, strides, pads, dilations,
// output_padding; NCL as NCHW with H = 1). See direct.wgsl.
import { getTensor, type Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ceilDiv } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import { convTransposeDims } from '../dims.js';
import source from './direct.wgsl?raw';

type ConvTransposeVariant = { bias: boolean; wg: number };

const WG = 64;

export const convTransposeProgram = defineProgram({
  name: 'conv_transpose',
  source,
  uniforms: {
    C: 'u32', H: 'u32', W: 'u32', OC: 'u32', OH: 'u32', OW: 'u32', KH: 'u32', KW: 'u32', sh: 'u32', sw: 'u32',
    padT: 'i32', padL: 'i32', dh: 'u32', dw: 'u32', icPerGroup: 'u32', ocPerGroup: 'u32', rowItems: 'u32', total: 'u32',
  },
  bindings: (v: ConvTransposeVariant) => [{ name: 'x' }, { name: 'w' }, ...(v.bias ? [{ name: 'b' }] : []), { name: 'y' }],
  workgroupSize: (v) => v.wg,
  defs: (v) => ({ BIAS: v.bias }),
});

export function convTransposeDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const [x, w, bias] = node.inputs;
  const d = convTransposeDims(getTensor(ctx.graph, x).shape, getTensor(ctx.graph, w).shape, node.attrs);
  const [sh, sw] = d.strides;
  // Per output row: sw phases, each with ceil(outputs of the phase / 4) column groups.
  const rowItems = sw * ceilDiv(ceilDiv(d.OW, sw), 4);
  const total = d.N * d.OC * d.OH * rowItems;
  const v: ConvTransposeVariant = { bias: bias !== undefined, wg: WG };
  return convTransposeProgram.dispatch({
    variant: v,
    tensors: { x, w, b: bias, y: node.outputs[0] },
    uniforms: {
      C: d.C, H: d.H, W: d.W, OC: d.OC, OH: d.OH, OW: d.OW, KH: d.KH, KW: d.KW, sh, sw,
      padT: d.pads[0], padL: d.pads[1], dh: d.dilations[0], dw: d.dilations[1],
      icPerGroup: d.C / d.group, ocPerGroup: d.OC / d.group, rowItems, total,
    },
    workgroups: ceilDiv(total, v.wg),
    label: `${node.name} conv_transpose ${d.KH}x${d.KW}/${sh}x${sw} g${d.group}`,
  });
}

export const convTransposeKernel: Kernel = {
  name: 'conv_transpose',
  ops: ['conv_transpose'],
  accepts: (node) => !node.attrs.prescale && !node.attrs.activation,
  dispatches: (node, ctx) => [convTransposeDispatch(node, ctx)],
};
