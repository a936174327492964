// Slice as one region of the strided-copy program: the source strides scaled by the steps
// (negative for backward slices) from the offset of the first element. A channel slice of an
// NCHW map merges to a 2-D region (a 1-D vec4 run at batch 1).
import { attrInts, type Node } from '../../../graph/ir.js';
import { stridesOf } from '../../../reference/tensor.js';
import type { Kernel, KernelContext } from '../../../runtime/kernel.js';
import { shapeOf } from '../../../runtime/kernel-util.js';
import { copyKernel } from '../../layout/gpu/index.js';
import type { Region } from '../../layout/gpu/region.js';

function sliceRegion(node: Node, ctx: KernelContext): Region {
  const st = stridesOf(shapeOf(ctx, node.inputs[0]));
  const starts = attrInts(node.attrs, 'starts');
  const steps = attrInts(node.attrs, 'steps');
  return {
    shape: attrInts(node.attrs, 'counts'),
    srcStride: st.map((s, d) => s * steps[d]),
    srcOffset: starts.reduce((a, s, d) => a + s * st[d], 0),
  };
}

export const SLICE_KERNELS: readonly Kernel[] = [copyKernel('slice_copy', ['slice'], (node, ctx) => [sliceRegion(node, ctx)])];
