// resize and resize_add (resize(x) + skip), NCHW, ONNX semantics: the generic path for any
// size, mode (nearest, linear, cubic) and coordinate transformation; one dispatch each.
import { attrInts, attrNumber, attrString, type Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ceilDiv, mainInputs, prescaleFits, shapeOf } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import source from './resize.wgsl?raw';

const WG = 64;
// half_pixel_symmetric shifts by centre * (1 - out / (in * scale)), nothing when the scale is
// out / in as for every `resize` node: it runs as half_pixel (index 4).
const COORDS = ['align_corners', 'asymmetric', 'pytorch_half_pixel', 'tf_half_pixel_for_nn', 'half_pixel'];
const RULES = ['floor', 'ceil', 'round_prefer_ceil', 'round_prefer_floor'];
const MODES = ['nearest', 'linear', 'cubic'];

export function resizeModes(node: Node): { mode: string; coord: number; rule: number; exclude: boolean } {
  const mode = attrString(node.attrs, 'mode', 'linear');
  const name = attrString(node.attrs, 'coord', 'half_pixel');
  const coord = COORDS.indexOf(name === 'half_pixel_symmetric' ? 'half_pixel' : name);
  const rule = RULES.indexOf(attrString(node.attrs, 'nearestMode', 'round_prefer_floor'));
  const exclude = mode === 'cubic' && attrNumber(node.attrs, 'excludeOutside', 0) !== 0;
  return { mode, coord, rule: mode === 'nearest' ? rule : 0, exclude };
}

type ResizeVariant = { add: boolean; prescale: boolean; nearest: boolean; cubic: boolean; exclude: boolean; coord: number; rule: number; vec4: boolean };

export const resizeProgram = defineProgram({
  name: 'resize',
  source,
  uniforms: { items: 'u32', h: 'i32', w: 'i32', oh: 'i32', ow: 'i32', row_items: 'u32', cubic_a: 'f32' },
  bindings: (v: ResizeVariant) => [
    { name: 'y', type: v.vec4 ? 'vec4<f32>' : 'f32' },
    { name: 'x' },
    ...(v.add ? [{ name: 'skip', type: v.vec4 ? 'vec4<f32>' : 'f32' }] : []),
    ...(v.prescale ? [{ name: 's' }] : []),
  ],
  workgroupSize: () => WG,
  defs: (v) => ({ ADD: v.add, PRESCALE: v.prescale, NEAREST: v.nearest, CUBIC: v.cubic, EXCLUDE: v.exclude, COORD: v.coord, RULE: v.rule, VEC4: v.vec4, OPI: v.vec4 ? 4 : 1 }),
});

export function resizeDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const { inputs, scale } = mainInputs(node);
  const [N, C, H, W] = shapeOf(ctx, inputs[0]);
  const [OH, OW] = attrInts(node.attrs, 'outSize');
  const add = node.op === 'resize_add';
  const { mode, coord, rule, exclude } = resizeModes(node);
  const vec4 = OW % 4 === 0;
  const rowItems = vec4 ? OW / 4 : OW;
  const items = N * C * OH * rowItems;
  const cubic = mode === 'cubic';
  return resizeProgram.dispatch({
    variant: { add, prescale: scale !== undefined, nearest: mode === 'nearest', cubic, exclude, coord, rule, vec4 },
    tensors: { y: node.outputs[0], x: inputs[0], skip: add ? inputs[1] : undefined, s: scale },
    uniforms: { items, h: H, w: W, oh: OH, ow: OW, row_items: rowItems, cubic_a: cubic ? attrNumber(node.attrs, 'cubicA', -0.75) : 0 },
    workgroups: ceilDiv(items, WG),
    label: `${node.name} (${node.op})`,
  });
}

export function acceptsResize(node: Node, ctx: KernelContext): boolean {
  const { inputs, scale } = mainInputs(node);
  const { mode, coord, rule } = resizeModes(node);
  const [OH, OW] = attrInts(node.attrs, 'outSize');
  const shape = shapeOf(ctx, inputs[0]);
  if (shape.length !== 4) return false;
  // Coordinates are formed in i32: (2 * o + 1) * in must not overflow.
  const fits = (2 * OH + 1) * shape[2] < 2 ** 31 && (2 * OW + 1) * shape[3] < 2 ** 31;
  return MODES.includes(mode) && coord >= 0 && rule >= 0 && fits && prescaleFits(ctx, inputs[0], scale);
}

export const resizeKernel: Kernel = {
  name: 'resize',
  ops: ['resize', 'resize_add'],
  accepts: acceptsResize,
  dispatches: (node, ctx) => [resizeDispatch(node, ctx)],
};
