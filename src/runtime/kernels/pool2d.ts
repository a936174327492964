// maxpool2d / avgpool2d with ONNX semantics (any kernel, strides, pads, dilations, ceil_mode,
// count_include_pad): the generic pool for graphs from the ONNX importer.
import { attrInts, attrNumber, type Node } from '../../graph/ir.js';
import { Uniforms, type DispatchSpec, type Kernel, type KernelContext } from '../kernel.js';
import src from '../../../shaders/pool2d.wgsl?raw';
import { ceilDiv, dispatch, mainInputs, prescaleFits, shapeOf } from './misc-util.js';

const WG = 64;

/** One NCHW input (plus an optional per-(n, c) prescale). */
export function acceptsPool(node: Node, ctx: KernelContext): boolean {
  const { inputs, scale } = mainInputs(node);
  return inputs.length === 1 && shapeOf(ctx, inputs[0]).length === 4 && prescaleFits(ctx, inputs[0], scale);
}

function pool2dDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const { inputs, scale } = mainInputs(node);
  const a = node.attrs;
  const [N, C, H, W] = shapeOf(ctx, inputs[0]);
  const [, , OH, OW] = shapeOf(ctx, node.outputs[0]);
  const [kh, kw] = attrInts(a, 'kernel');
  const [sh, sw] = attrInts(a, 'strides', [kh, kw]);
  const [pt, pl, pb, pr] = attrInts(a, 'pads', [0, 0, 0, 0]);
  const [dh, dw] = attrInts(a, 'dilations', [1, 1]);
  const includePad = Boolean(attrNumber(a, 'count_include_pad', 0));
  const total = N * C * OH * OW;
  const workgroups = ceilDiv(total, WG);
  const avg = node.op === 'avgpool2d';
  const tensors = [node.outputs[0], inputs[0], ...(scale ? [scale] : [])];
  const u = new Uniforms()
    .u32(total)
    .i32(H, W)
    .u32(OH, OW)
    .i32(kh, kw, sh, sw, pt, pl, pb, pr, dh, dw)
    .u32(includePad ? 1 : 0)
    .f32(-Infinity)
    .u32(workgroups)
    .done();
  const key = { kernel: 'pool2d', variant: { avg, prescale: scale !== undefined } };
  const defs = { AVG: avg, PRESCALE: scale !== undefined, WG, UB: tensors.length };
  return dispatch(src, key, tensors, u, workgroups, `${node.name} (pool2d ${avg ? 'avg' : 'max'})`, defs);
}

export const pool2dKernel: Kernel = {
  name: 'pool2d',
  ops: ['maxpool2d', 'avgpool2d'],
  accepts: acceptsPool,
  dispatches: (node, ctx) => [pool2dDispatch(node, ctx)],
};
