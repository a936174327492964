// DepthToSpace and SpaceToDepth as one strided copy each: the output, read in order, is the
// transposed six-dim view of the input (view.ts), so the region is the transposed view shape
// with the view's strides permuted. Merging usually leaves five dims or fewer.
import { attrNumber, attrString, type Node } from '../../../graph/ir.js';
import { stridesOf } from '../../../reference/tensor.js';
import type { Kernel, KernelContext } from '../../../runtime/kernel.js';
import { shapeOf } from '../../../runtime/kernel-util.js';
import { copyKernel } from '../../layout/gpu/index.js';
import type { Region } from '../../layout/gpu/region.js';
import { depthToSpaceView, spaceToDepthView, type BlockView, type DepthToSpaceMode } from '../view.js';

function viewRegion(v: BlockView): Region {
  const st = stridesOf(v.view);
  return { shape: v.perm.map((p) => v.view[p]), srcStride: v.perm.map((p) => st[p]) };
}

function blockView(node: Node, ctx: KernelContext): BlockView {
  const x = shapeOf(ctx, node.inputs[0]);
  const b = attrNumber(node.attrs, 'blocksize');
  return node.op === 'depth_to_space' ? depthToSpaceView(x, b, attrString(node.attrs, 'mode', 'DCR') as DepthToSpaceMode) : spaceToDepthView(x, b);
}

export const DEPTH_SPACE_KERNELS: readonly Kernel[] = [copyKernel('depth_space_copy', ['depth_to_space', 'space_to_depth'], (node, ctx) => [viewRegion(blockView(node, ctx))])];
