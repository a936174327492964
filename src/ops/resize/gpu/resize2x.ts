// resize / resize_add fast path: the decoder's 2x bilinear align_corners upsample, fused with
// the skip add and the PRCM prescale of its input.
import { attrInts, attrString, type Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ceilDiv, mainInputs, shapeOf } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import { acceptsResize } from './resize.js';
import source from './resize2x.wgsl?raw';

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

type Resize2xVariant = { add: boolean; prescale: boolean; rows: number };

export const resize2xProgram = defineProgram({
  name: 'resize2x_ac',
  source,
  uniforms: { items: 'u32', cols: 'u32', chunks: 'u32', h: 'u32', w: 'u32', oh: 'u32' },
  bindings: (v: Resize2xVariant) => [
    { name: 'y', type: 'vec4<f32>' },
    { name: 'x' },
    ...(v.add ? [{ name: 'skip', type: 'vec4<f32>' }] : []),
    ...(v.prescale ? [{ name: 's' }] : []),
  ],
  workgroupSize: () => WG,
  defs: (v) => ({ ADD: v.add, PRESCALE: v.prescale, ROWS: v.rows }),
});

export function resize2xDispatch(node: Node, ctx: KernelContext, rows = FAST_ROWS): DispatchSpec {
  const { inputs, scale } = mainInputs(node);
  const [N, C, H, W] = shapeOf(ctx, inputs[0]);
  const add = node.op === 'resize_add';
  const cols = (2 * W) / 4;
  const chunks = ceilDiv(2 * H, rows);
  const items = N * C * chunks * cols;
  return resize2xProgram.dispatch({
    variant: { add, prescale: scale !== undefined, rows },
    tensors: { y: node.outputs[0], x: inputs[0], skip: add ? inputs[1] : undefined, s: scale },
    uniforms: { items, cols, chunks, h: H, w: W, oh: 2 * H },
    workgroups: ceilDiv(items, WG),
    label: `${node.name} (${node.op} 2x align_corners)`,
  });
}

export const resize2xKernel: Kernel = {
  name: 'resize2x_ac',
  ops: ['resize', 'resize_add'],
  accepts: (node, ctx) => acceptsResize(node, ctx) && isDecoderUpsample(node, ctx),
  dispatches: (node, ctx) => [resize2xDispatch(node, ctx)],
};

