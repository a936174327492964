// Layout ops from ONNX graphs (reshape, transpose, concat, pad) on one strided-copy shader.
// These are rare, cheap passes in CNN exports; one generic kernel keeps them correct for any
// rank up to 8 rather than fast for a few shapes.
import { attrInts, attrNumber, numel, type Node } from '../../graph/ir.js';
import { stridesOf } from '../../reference/tensor.js';
import { Uniforms, type DispatchSpec, type Kernel, type KernelContext } from '../kernel.js';
import src from '../../../shaders/onnx_copy.wgsl?raw';
import { ceilDiv, dispatch, shapeOf } from './misc-util.js';

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

function regionDispatch(node: Node, input: string, r: Region, part: string): DispatchSpec {
  const items = numel(r.shape);
  const workgroups = ceilDiv(items, WG);
  const u = new Uniforms()
    .u32(items, workgroups, r.dstOffset ?? 0)
    .f32(r.value ?? 0)
    .u32(...padFront(r.shape, 1), ...padFront(r.dstStride, 0), ...padFront(r.srcStride, 0))
    .i32(...padFront(r.begin ?? r.shape.map(() => 0), 0), ...padFront(r.inDim ?? r.shape, 1))
    .done();
  const key = { kernel: 'onnx_copy', variant: { flat: false } };
  return dispatch(src, key, [node.outputs[0], input], u, workgroups, `${node.name} (${node.op}${part})`, { WG, FLAT: false, T: 'f32' });
}

function reshapeDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const n = numel(shapeOf(ctx, node.inputs[0]));
  const vec4 = n % 4 === 0;
  const items = vec4 ? n / 4 : n;
  const workgroups = ceilDiv(items, WG);
  // The flat variant reads only items/nwg; the rest of the block is padding the struct requires.
  const u = new Uniforms().u32(items, workgroups, 0).f32(0).u32(...new Array(5 * 2 * 4).fill(0)).done();
  const key = { kernel: 'onnx_copy', variant: { flat: true, vec4 } };
  return dispatch(src, key, [node.outputs[0], node.inputs[0]], u, workgroups, `${node.name} (reshape)`, { WG, FLAT: true, T: vec4 ? 'vec4<f32>' : 'f32' });
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
