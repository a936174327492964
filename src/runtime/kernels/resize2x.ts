// resize / resize_add fast path: the decoder's 2x bilinear align_corners upsample, fused with
// the skip add and the PRCM prescale of its input.
import { attrInts, attrString, type Node } from '../../graph/ir.js';
import { Uniforms, type DispatchSpec, type Kernel, type KernelContext } from '../kernel.js';
import src from '../../../shaders/resize2x_ac.wgsl?raw';
import { ceilDiv, dispatch, mainInputs, shapeOf } from './misc-util.js';
import { acceptsResize } from './resize.js';

const WG = 64;

// Output rows per invocation. SwiftShader, resize_add 1x24x64x64 -> 128x128 with prescale, ms
// (min / median of 7, noisy machine): generic resize kernel 8.6 / 16.7; this kernel with
// 1 row 12.7 / 14.0, 4 rows 7.7 / 9.3, 16 rows 3.0 / 4.8, 64 rows 2.3 / 4.4. 16 keeps
// P * OH / 16 * OW / 4 invocations (6144 here) for real GPUs.
const FAST_ROWS = 16;

/** The decoder's case: linear, align_corners, exactly 2x, even width (whole output vec4s). */
function isDecoderUpsample(node: Node, ctx: KernelContext): boolean {
  const { inputs } = mainInputs(node);
  const [, , H, W] = shapeOf(ctx, inputs[0]);
  const [OH, OW] = attrInts(node.attrs, 'outSize');
  const a = node.attrs;
  return attrString(a, 'mode', 'linear') === 'linear' && attrString(a, 'coord', 'half_pixel') === 'align_corners' && OH === 2 * H && OW === 2 * W && W % 2 === 0;
}

export function resize2xDispatch(node: Node, ctx: KernelContext, rows = FAST_ROWS): DispatchSpec {
  const { inputs, scale } = mainInputs(node);
  const [N, C, H, W] = shapeOf(ctx, inputs[0]);
  const add = node.op === 'resize_add';
  const cols = (2 * W) / 4;
  const chunks = ceilDiv(2 * H, rows);
  const items = N * C * chunks * cols;
  const workgroups = ceilDiv(items, WG);
  const tensors = [node.outputs[0], inputs[0], ...(add ? [inputs[1]] : []), ...(scale ? [scale] : [])];
  const u = new Uniforms().u32(items, cols, chunks, H, W, 2 * H, workgroups).done();
  const prescale = scale !== undefined;
  const key = { kernel: 'resize2x_ac', variant: { add, prescale, rows } };
  const defs = { ADD: add, PRESCALE: prescale, ROWS: rows, WG, SB: tensors.length - 1, UB: tensors.length };
  return dispatch(src, key, tensors, u, workgroups, `${node.name} (${node.op} 2x align_corners)`, defs);
}

export const resize2xKernel: Kernel = {
  name: 'resize2x_ac',
  ops: ['resize', 'resize_add'],
  accepts: (node, ctx) => acceptsResize(node, ctx) && isDecoderUpsample(node, ctx),
  dispatches: (node, ctx) => [resize2xDispatch(node, ctx)],
};

