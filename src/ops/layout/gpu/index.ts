// Layout ops (reshape, transpose, concat, pad) as regions of the strided-copy program.
// These are cheap passes in CNN exports; one generic program keeps them correct for any rank
// (up to 8 dims after merging), and its variants keep the common cases lean: a reshape or a
// batch-1 channel concat is a flat vec4 run, a transpose a merged strided copy.
import { attrInts, attrNumber, attrString, numel, type Node } from '../../../graph/ir.js';
import { concatPartInPlace } from '../../../graph/views.js';
import { stridesOf } from '../../../reference/tensor.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { shapeOf } from '../../../runtime/kernel-util.js';
import { padGeometry } from '../pads.js';
import { COPY_RANK, copyDispatch, regionRank } from './copy.js';
import type { PadMode, Region } from './region.js';

const label = (node: Node, part = ''): string => `${node.name} (${node.op}${part})`;

function reshapeRegion(node: Node, ctx: KernelContext): Region {
  const n = numel(shapeOf(ctx, node.inputs[0]));
  return { shape: [n], srcStride: [1] };
}

function transposeRegion(node: Node, ctx: KernelContext): Region {
  const perm = attrInts(node.attrs, 'perm');
  const st = stridesOf(shapeOf(ctx, node.inputs[0]));
  return { shape: shapeOf(ctx, node.outputs[0]), srcStride: perm.map((p) => st[p]) };
}

/** One region per input, each written at its offset along the axis of the output. */
function concatRegions(node: Node, ctx: KernelContext): Region[] {
  const axis = attrNumber(node.attrs, 'axis');
  const dstStride = stridesOf(shapeOf(ctx, node.outputs[0]));
  let at = 0;
  return node.inputs.map((t) => {
    const shape = shapeOf(ctx, t);
    const r: Region = { shape, srcStride: stridesOf(shape), dstStride, dstOffset: at * dstStride[axis] };
    at += shape[axis];
    return r;
  });
}

function padRegion(node: Node, ctx: KernelContext): Region {
  const x = shapeOf(ctx, node.inputs[0]);
  const st = stridesOf(x);
  const geo = padGeometry(x, attrInts(node.attrs, 'pads'));
  return {
    shape: geo.out,
    srcStride: st,
    srcOffset: geo.cropStart.reduce((a, c, d) => a + c * st[d], 0),
    pad: { mode: attrString(node.attrs, 'mode', 'constant') as PadMode, begin: geo.begin, inDim: geo.inDim, value: attrNumber(node.attrs, 'value', 0) },
  };
}

function regions(node: Node, ctx: KernelContext): Region[] {
  switch (node.op) {
    case 'reshape':
      return [reshapeRegion(node, ctx)];
    case 'transpose':
      return [transposeRegion(node, ctx)];
    case 'concat':
      return concatRegions(node, ctx);
    default:
      return [padRegion(node, ctx)];
  }
}

/**
 * A kernel running `ops` as copy regions of their input(s) into output 0: declines fused
 * prescales and regions that keep more than the program's dims after merging.
 */
export function copyKernel(name: string, ops: readonly string[], regionsOf: (node: Node, ctx: KernelContext) => Region[]): Kernel {
  return {
    name,
    ops,
    accepts: (node, ctx) => !node.attrs.prescale && regionsOf(node, ctx).every((r) => regionRank(r) <= COPY_RANK),
    dispatches(node, ctx): DispatchSpec[] {
      const rs = regionsOf(node, ctx);
      // A concat part its producer already wrote in place (a view of the output) needs no copy.
      const parts = rs.map((r, i) => ({ r, i })).filter(({ i }) => node.op !== 'concat' || !concatPartInPlace(ctx.graph, node, i));
      return parts.map(({ r, i }) => copyDispatch(r, { y: node.outputs[0], x: node.inputs[i] }, label(node, rs.length > 1 ? ` part ${i}` : '')));
    },
  };
}

export const layoutKernel = copyKernel('onnx_copy', ['reshape', 'transpose', 'concat', 'pad'], regions);

export const LAYOUT_KERNELS: readonly Kernel[] = [layoutKernel];
