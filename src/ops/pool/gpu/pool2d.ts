// maxpool2d / avgpool2d with ONNX semantics (any kernel, strides, pads, dilations, ceil_mode,
// count_include_pad), NCHW or NCL: the generic pool for graphs from the ONNX importer.
import { attrNumber, type Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ceilDiv, mainInputs, prescaleFits, shapeOf } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import { poolDims } from '../dims.js';
import source from './pool2d.wgsl?raw';

const WG = 64;

/** One NCHW or NCL input (plus an optional per-(n, c) prescale). */
export function acceptsPool(node: Node, ctx: KernelContext): boolean {
  const { inputs, scale } = mainInputs(node);
  const rank = shapeOf(ctx, inputs[0]).length;
  return inputs.length === 1 && (rank === 4 || rank === 3) && prescaleFits(ctx, inputs[0], scale);
}

type PoolVariant = { avg: boolean; prescale: boolean };

export const pool2dProgram = defineProgram({
  name: 'pool2d',
  source,
  uniforms: {
    total: 'u32', h: 'i32', w: 'i32', oh: 'u32', ow: 'u32', kh: 'i32', kw: 'i32', sh: 'i32', sw: 'i32',
    pt: 'i32', pl: 'i32', pb: 'i32', pr: 'i32', dh: 'i32', dw: 'i32', include_pad: 'u32',
    // -inf, for a max window that meets no input (passed in because WGSL has no inf literal).
    neg_inf: 'f32',
  },
  bindings: (v: PoolVariant) => [{ name: 'y' }, { name: 'x' }, ...(v.prescale ? [{ name: 's' }] : [])],
  workgroupSize: () => WG,
  defs: (v) => ({ AVG: v.avg, PRESCALE: v.prescale }),
});

function pool2dDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const { inputs, scale } = mainInputs(node);
  const a = node.attrs;
  const [N, C] = shapeOf(ctx, inputs[0]);
  // An NCL pool runs as NCHW with H = 1 (same buffers).
  const { H, W, OH, OW, kernel, strides, pads, dilations } = poolDims(shapeOf(ctx, inputs[0]), a);
  const [kh, kw] = kernel;
  const [sh, sw] = strides;
  const [pt, pl, pb, pr] = pads;
  const [dh, dw] = dilations;
  const total = N * C * OH * OW;
  const avg = node.op === 'avgpool2d';
  return pool2dProgram.dispatch({
    variant: { avg, prescale: scale !== undefined },
    tensors: { y: node.outputs[0], x: inputs[0], s: scale },
    uniforms: { total, h: H, w: W, oh: OH, ow: OW, kh, kw, sh, sw, pt, pl, pb, pr, dh, dw, include_pad: attrNumber(a, 'count_include_pad', 0) ? 1 : 0, neg_inf: -Infinity },
    workgroups: ceilDiv(total, WG),
    label: `${node.name} (pool2d ${avg ? 'avg' : 'max'})`,
  });
}

export const pool2dKernel: Kernel = {
  name: 'pool2d',
  ops: ['maxpool2d', 'avgpool2d'],
  accepts: acceptsPool,
  dispatches: (node, ctx) => [pool2dDispatch(node, ctx)],
};
