// Generic kernels for the compute ops ONNX graphs bring beyond the network's own: gemm,
// reduce_mean over arbitrary axes, and resize with explicit scales. Simple one-output-per-
// invocation shaders: these ops are small (heads, gates) or rare in the models profiled here.
import { attrInts, attrNumber, attrString, numel, type Node } from '../../graph/ir.js';
import { stridesOf } from '../../reference/tensor.js';
import { Uniforms, type DispatchSpec, type Kernel, type KernelContext } from '../kernel.js';
import gemmSrc from '../../../shaders/onnx_gemm.wgsl?raw';
import reduceSrc from '../../../shaders/onnx_reduce_mean.wgsl?raw';
import resizeSrc from '../../../shaders/onnx_resize_scaled.wgsl?raw';
import { ceilDiv, dispatch, shapeOf } from './misc-util.js';

const WG = 64;

function gemmDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const [a, , c] = node.inputs;
  const [M, N] = shapeOf(ctx, node.outputs[0]);
  const ta = attrNumber(node.attrs, 'transA', 0) === 1;
  const tb = attrNumber(node.attrs, 'transB', 0) === 1;
  const K = shapeOf(ctx, a)[ta ? 0 : 1];
  // C broadcasts from its trailing dims; a size-1 (or missing) dim reads with stride 0.
  const cs = c ? [...new Array(2).fill(1), ...shapeOf(ctx, c)].slice(-2) : [1, 1];
  const cStride = [cs[0] === 1 ? 0 : cs[1], cs[1] === 1 ? 0 : 1];
  const workgroups = ceilDiv(M * N, WG);
  const u = new Uniforms()
    .u32(M, N, K, workgroups)
    .u32(...(ta ? [1, M] : [K, 1]), ...(tb ? [1, K] : [N, 1]), ...cStride)
    .f32(attrNumber(node.attrs, 'alpha', 1), attrNumber(node.attrs, 'beta', 1))
    .done();
  const hasC = c !== undefined;
  const key = { kernel: 'onnx_gemm', variant: { hasC } };
  return dispatch(gemmSrc, key, [node.outputs[0], ...node.inputs], u, workgroups, `${node.name} (gemm)`, { WG, HAS_C: hasC, UB: node.inputs.length + 1 });
}

/** Merges neighbouring dims that are both kept or both reduced, so most cases fit 4 + 4. */
function splitDims(shape: number[], axes: number[]): { kept: [number, number][]; red: [number, number][] } {
  const st = stridesOf(shape);
  const kept: [number, number][] = [];
  const red: [number, number][] = [];
  let prev: boolean | undefined;
  shape.forEach((d, i) => {
    const r = axes.includes(i);
    const list = r ? red : kept;
    if (prev === r && list.length) list[list.length - 1] = [list[list.length - 1][0] * d, st[i]];
    else list.push([d, st[i]]);
    prev = r;
  });
  return { kept, red };
}

const pad4 = (dims: [number, number][]): [number[], number[]] => {
  const full = [...new Array<[number, number]>(4 - dims.length).fill([1, 0]), ...dims];
  return [full.map((d) => d[0]), full.map((d) => d[1])];
};

function reduceDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const x = shapeOf(ctx, node.inputs[0]);
  const { kept, red } = splitDims(x, attrInts(node.attrs, 'axes'));
  const items = numel(kept.map((k) => k[0]));
  const count = numel(red.map((r) => r[0]));
  const workgroups = ceilDiv(items, WG);
  const [kd, ks] = pad4(kept);
  const [rd, rs] = pad4(red);
  const u = new Uniforms().u32(items, count, workgroups).f32(1 / count).u32(...kd, ...ks, ...rd, ...rs).done();
  return dispatch(reduceSrc, { kernel: 'onnx_reduce_mean', variant: {} }, [node.outputs[0], node.inputs[0]], u, workgroups, `${node.name} (reduce_mean)`, { WG });
}

const COORDS = ['align_corners', 'asymmetric', 'pytorch_half_pixel', 'tf_half_pixel_for_nn', 'half_pixel'];
const RULES = ['floor', 'ceil', 'round_prefer_ceil', 'round_prefer_floor'];

function resizeDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const [N, C, H, W] = shapeOf(ctx, node.inputs[0]);
  const [OH, OW] = attrInts(node.attrs, 'outSize');
  const [sh, sw] = attrInts(node.attrs, 'scales');
  const nearest = attrString(node.attrs, 'mode', 'linear') === 'nearest';
  const coord = COORDS.indexOf(attrString(node.attrs, 'coord', 'half_pixel'));
  const rule = nearest ? RULES.indexOf(attrString(node.attrs, 'nearestMode', 'round_prefer_floor')) : 0;
  const items = N * C * OH * OW;
  const workgroups = ceilDiv(items, WG);
  const u = new Uniforms().u32(items, workgroups, H, W, OH, OW).f32(sh, sw).done();
  const key = { kernel: 'onnx_resize_scaled', variant: { nearest, coord, rule } };
  return dispatch(resizeSrc, key, [node.outputs[0], node.inputs[0]], u, workgroups, `${node.name} (resize_scaled)`, { WG, NEAREST: nearest, COORD: coord, RULE: rule });
}

export const gemmKernel: Kernel = {
  name: 'onnx_gemm',
  ops: ['gemm'],
  accepts: (node) => !node.attrs.prescale,
  dispatches: (node, ctx) => [gemmDispatch(node, ctx)],
};

export const reduceMeanGeneralKernel: Kernel = {
  name: 'onnx_reduce_mean',
  ops: ['reduce_mean'],
  accepts(node, ctx) {
    const { kept, red } = splitDims(shapeOf(ctx, node.inputs[0]), attrInts(node.attrs, 'axes'));
    return !node.attrs.prescale && kept.length <= 4 && red.length <= 4;
  },
  dispatches: (node, ctx) => [reduceDispatch(node, ctx)],
};

export const resizeScaledKernel: Kernel = {
  name: 'onnx_resize_scaled',
  ops: ['resize_scaled'],
  accepts(node) {
    const mode = attrString(node.attrs, 'mode', 'linear');
    return !node.attrs.prescale && (mode === 'linear' || mode === 'nearest') && COORDS.includes(attrString(node.attrs, 'coord', 'half_pixel'));
  },
  dispatches: (node, ctx) => [resizeDispatch(node, ctx)],
};
