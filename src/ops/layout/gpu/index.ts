// Layout ops (reshape, transpose, concat, pad) on one strided-copy program.
// These are rare, cheap passes in CNN exports; one generic kernel keeps them correct for any
// rank up to 8 rather than fast for a few shapes.
import { attrInts, attrNumber, numel, type Node } from '../../../graph/ir.js';
import { stridesOf } from '../../../reference/tensor.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ceilDiv, shapeOf } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import source from './copy.wgsl?raw';

const WG = 64;
const RANK = 8;

interface Region {
  shape: number[];
  dstStride: number[];
  srcStride: number[];
  begin?: number[];
  inDim?: number[];
  dstOffset?: number;
  value?: number;
}

const padFront = (v: number[], fill: number): number[] => [...new Array<number>(RANK - v.length).fill(fill), ...v];

type CopyVariant = { flat: boolean; vec4: boolean };

export const copyProgram = defineProgram({
  name: 'onnx_copy',
  source,
  uniforms: {
    items: 'u32', dst_offset: 'u32', value: 'f32',
    shape: ['u32', RANK], dst_stride: ['u32', RANK], src_stride: ['u32', RANK], begin: ['i32', RANK], in_dim: ['i32', RANK],
  },
  bindings: (v: CopyVariant) => [{ name: 'y', type: v.vec4 ? 'vec4<f32>' : 'f32' }, { name: 'x', type: v.vec4 ? 'vec4<f32>' : 'f32' }],
  workgroupSize: () => WG,
  defs: (v) => ({ FLAT: v.flat }),
});

function regionDispatch(node: Node, input: string, r: Region, part: string): DispatchSpec {
  const items = numel(r.shape);
  return copyProgram.dispatch({
    variant: { flat: false, vec4: false },
    tensors: { y: node.outputs[0], x: input },
    uniforms: {
      items, dst_offset: r.dstOffset ?? 0, value: r.value ?? 0,
      shape: padFront(r.shape, 1), dst_stride: padFront(r.dstStride, 0), src_stride: padFront(r.srcStride, 0),
      begin: padFront(r.begin ?? r.shape.map(() => 0), 0), in_dim: padFront(r.inDim ?? r.shape, 1),
    },
    workgroups: ceilDiv(items, WG),
    label: `${node.name} (${node.op}${part})`,
  });
}

function reshapeDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const n = numel(shapeOf(ctx, node.inputs[0]));
  const vec4 = n % 4 === 0;
  const items = vec4 ? n / 4 : n;
  // The flat variant reads only `items`; the region fields stay zero.
  const zero = new Array<number>(RANK).fill(0);
  return copyProgram.dispatch({
    variant: { flat: true, vec4 },
    tensors: { y: node.outputs[0], x: node.inputs[0] },
    uniforms: { items, dst_offset: 0, value: 0, shape: zero, dst_stride: zero, src_stride: zero, begin: zero, in_dim: zero },
    workgroups: ceilDiv(items, WG),
    label: `${node.name} (reshape)`,
  });
}

function transposeDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const perm = attrInts(node.attrs, 'perm');
  const st = stridesOf(shapeOf(ctx, node.inputs[0]));
  const out = shapeOf(ctx, node.outputs[0]);
  return regionDispatch(node, node.inputs[0], { shape: out, dstStride: stridesOf(out), srcStride: perm.map((p) => st[p]) }, '');
}

function concatDispatches(node: Node, ctx: KernelContext): DispatchSpec[] {
  const axis = attrNumber(node.attrs, 'axis');
  const outStride = stridesOf(shapeOf(ctx, node.outputs[0]));
  let at = 0;
  return node.inputs.map((t, i) => {
    const shape = shapeOf(ctx, t);
    const spec = regionDispatch(node, t, { shape, dstStride: outStride, srcStride: stridesOf(shape), dstOffset: at * outStride[axis] }, ` part ${i}`);
    at += shape[axis];
    return spec;
  });
}

function padDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const x = shapeOf(ctx, node.inputs[0]);
  const out = shapeOf(ctx, node.outputs[0]);
  const pads = attrInts(node.attrs, 'pads');
  return regionDispatch(node, node.inputs[0], {
    shape: out,
    dstStride: stridesOf(out),
    srcStride: stridesOf(x),
    begin: pads.slice(0, x.length),
    inDim: x,
    value: attrNumber(node.attrs, 'value', 0),
  }, '');
}

const fitsRank = (node: Node, ctx: KernelContext): boolean => !node.attrs.prescale && shapeOf(ctx, node.outputs[0]).length <= RANK && node.inputs.every((t) => shapeOf(ctx, t).length <= RANK);

export const layoutKernel: Kernel = {
  name: 'onnx_copy',
  ops: ['reshape', 'transpose', 'concat', 'pad'],
  accepts: fitsRank,
  dispatches(node, ctx) {
    switch (node.op) {
      case 'reshape':
        return [reshapeDispatch(node, ctx)];
      case 'transpose':
        return [transposeDispatch(node, ctx)];
      case 'concat':
        return concatDispatches(node, ctx);
      default:
        return [padDispatch(node, ctx)];
    }
  },
};

export const LAYOUT_KERNELS: readonly Kernel[] = [layoutKernel];
