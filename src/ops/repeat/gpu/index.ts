// Expand and Tile as regions of the strided-copy program: Expand reads broadcast dims with a
// zero source stride (a plain copy, no modulo); Tile takes the wrap variant, whose source
// coordinate is the output coordinate modulo the input dim.
import { attrInts, type Node } from '../../../graph/ir.js';
import { stridesOf } from '../../../reference/tensor.js';
import type { Kernel, KernelContext } from '../../../runtime/kernel.js';
import { shapeOf } from '../../../runtime/kernel-util.js';
import { copyKernel } from '../../layout/gpu/index.js';
import type { Region } from '../../layout/gpu/region.js';

function expandRegion(node: Node, ctx: KernelContext): Region {
  const x = shapeOf(ctx, node.inputs[0]);
  const out = shapeOf(ctx, node.outputs[0]);
  const st = stridesOf(x);
  const lead = out.length - x.length;
  return { shape: out, srcStride: out.map((_, d) => (d < lead || x[d - lead] === 1 ? 0 : st[d - lead])) };
}

function tileRegion(node: Node, ctx: KernelContext): Region {
  const x = shapeOf(ctx, node.inputs[0]);
  return { shape: attrInts(node.attrs, 'repeats').map((r, d) => r * x[d]), srcStride: stridesOf(x), pad: { mode: 'wrap', begin: x.map(() => 0), inDim: x, value: 0 } };
}

export const REPEAT_KERNELS: readonly Kernel[] = [
  copyKernel('expand_copy', ['expand'], (node, ctx) => [expandRegion(node, ctx)]),
  copyKernel('tile_copy', ['tile'], (node, ctx) => [tileRegion(node, ctx)]),
];
