// resize and resize_add (resize(x) + skip), NCHW, ONNX semantics: the generic path for any
// size, mode and coordinate transformation; one dispatch each.
import { attrInts, attrString, type Node } from '../../graph/ir.js';
import { Uniforms, type DispatchSpec, type Kernel, type KernelContext } from '../kernel.js';
import src from '../../../shaders/resize.wgsl?raw';
import { ceilDiv, dispatch, mainInputs, prescaleFits, shapeOf } from './misc-util.js';

const WG = 64;
const COORDS = ['align_corners', 'asymmetric', 'pytorch_half_pixel', 'tf_half_pixel_for_nn', 'half_pixel'];
const RULES = ['floor', 'ceil', 'round_prefer_ceil', 'round_prefer_floor'];

export function resizeModes(node: Node): { nearest: boolean; coord: number; rule: number } {
  const mode = attrString(node.attrs, 'mode', 'linear');
  const coord = COORDS.indexOf(attrString(node.attrs, 'coord', 'half_pixel'));
  const rule = RULES.indexOf(attrString(node.attrs, 'nearestMode', 'round_prefer_floor'));
  return { nearest: mode === 'nearest', coord, rule: mode === 'nearest' ? rule : 0 };
}

export function resizeDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const { inputs, scale } = mainInputs(node);
  const [N, C, H, W] = shapeOf(ctx, inputs[0]);
  const [OH, OW] = attrInts(node.attrs, 'outSize');
  const add = node.op === 'resize_add';
  const { nearest, coord, rule } = resizeModes(node);
  const vec4 = OW % 4 === 0;
  const rowItems = vec4 ? OW / 4 : OW;
  const items = N * C * OH * rowItems;
  const workgroups = ceilDiv(items, WG);
  const tensors = [node.outputs[0], inputs[0], ...(add ? [inputs[1]] : []), ...(scale ? [scale] : [])];
  const u = new Uniforms().u32(items).i32(H, W, OH, OW).u32(rowItems, workgroups).done();
  const prescale = scale !== undefined;
  const key = { kernel: 'resize', variant: { add, prescale, nearest, coord, rule, vec4 } };
  const defs = { ADD: add, PRESCALE: prescale, NEAREST: nearest, COORD: coord, RULE: rule, VEC4: vec4, OPI: vec4 ? 4 : 1, WG, SB: tensors.length - 1, UB: tensors.length };
  return dispatch(src, key, tensors, u, workgroups, `${node.name} (${node.op})`, defs);
}

export function acceptsResize(node: Node, ctx: KernelContext): boolean {
  const { inputs, scale } = mainInputs(node);
  const { coord, rule } = resizeModes(node);
  const mode = attrString(node.attrs, 'mode', 'linear');
  const [OH, OW] = attrInts(node.attrs, 'outSize');
  const shape = shapeOf(ctx, inputs[0]);
  if (shape.length !== 4) return false;
  // Coordinates are formed in i32: (2 * o + 1) * in must not overflow.
  const fits = (2 * OH + 1) * shape[2] < 2 ** 31 && (2 * OW + 1) * shape[3] < 2 ** 31;
  return (mode === 'linear' || mode === 'nearest') && coord >= 0 && rule >= 0 && fits && prescaleFits(ctx, inputs[0], scale);
}

export const resizeKernel: Kernel = {
  name: 'resize',
  ops: ['resize', 'resize_add'],
  accepts: acceptsResize,
  dispatches: (node, ctx) => [resizeDispatch(node, ctx)],
};
