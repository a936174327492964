// resize_scaled: resize whose coordinate transform uses the file's scale factors (see op.ts).
// One output per invocation: rare in the graphs profiled here.
import { attrInts, attrNumber, attrString, type Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ceilDiv, shapeOf } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import { symmetricOffset } from '../reference.js';
import source from './scaled.wgsl?raw';

const WG = 64;
const COORDS = ['align_corners', 'asymmetric', 'pytorch_half_pixel', 'tf_half_pixel_for_nn', 'half_pixel', 'half_pixel_symmetric'];
const RULES = ['floor', 'ceil', 'round_prefer_ceil', 'round_prefer_floor'];
const MODES = ['nearest', 'linear', 'cubic'];

type ScaledVariant = { nearest: boolean; cubic: boolean; exclude: boolean; coord: number; rule: number };

export const scaledProgram = defineProgram({
  name: 'onnx_resize_scaled',
  source,
  uniforms: { items: 'u32', h: 'u32', w: 'u32', oh: 'u32', ow: 'u32', scale_h: 'f32', scale_w: 'f32', off_h: 'f32', off_w: 'f32', cubic_a: 'f32' },
  bindings: (_: ScaledVariant) => [{ name: 'y' }, { name: 'x' }],
  workgroupSize: () => WG,
  defs: (v) => ({ NEAREST: v.nearest, CUBIC: v.cubic, EXCLUDE: v.exclude, COORD: v.coord, RULE: v.rule }),
});

function scaledDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const [N, C, H, W] = shapeOf(ctx, node.inputs[0]);
  const [OH, OW] = attrInts(node.attrs, 'outSize');
  const [sh, sw] = attrInts(node.attrs, 'scales');
  const mode = attrString(node.attrs, 'mode', 'linear');
  const nearest = mode === 'nearest';
  const cubic = mode === 'cubic';
  const exclude = cubic && attrNumber(node.attrs, 'excludeOutside', 0) !== 0;
  const coord = COORDS.indexOf(attrString(node.attrs, 'coord', 'half_pixel'));
  const rule = nearest ? RULES.indexOf(attrString(node.attrs, 'nearestMode', 'round_prefer_floor')) : 0;
  const items = N * C * OH * OW;
  return scaledProgram.dispatch({
    variant: { nearest, cubic, exclude, coord, rule },
    tensors: { y: node.outputs[0], x: node.inputs[0] },
    uniforms: {
      items, h: H, w: W, oh: OH, ow: OW, scale_h: sh, scale_w: sw,
      off_h: symmetricOffset(H, OH, sh), off_w: symmetricOffset(W, OW, sw), cubic_a: cubic ? attrNumber(node.attrs, 'cubicA', -0.75) : 0,
    },
    workgroups: ceilDiv(items, WG),
    label: `${node.name} (resize_scaled)`,
  });
}

export const resizeScaledKernel: Kernel = {
  name: 'onnx_resize_scaled',
  ops: ['resize_scaled'],
  accepts(node) {
    const mode = attrString(node.attrs, 'mode', 'linear');
    return !node.attrs.prescale && MODES.includes(mode) && COORDS.includes(attrString(node.attrs, 'coord', 'half_pixel'));
  },
  dispatches: (node, ctx) => [scaledDispatch(node, ctx)],
};
