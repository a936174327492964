// maxpool2d fast path: the encoder's 2x2 / stride 2 max pool (optionally on x * prescale), vec4.
import { attrInts, attrNumber, type Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ceilDiv, mainInputs, shapeOf } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import { acceptsPool } from './pool2d.js';
import source from './maxpool2x2.wgsl?raw';

const WG = 64;

const same = (a: number[], b: number[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/** 2x2 window, stride 2, no padding, no dilation, and ceil_mode changes nothing. */
function isPlain2x2(node: Node, ctx: KernelContext): boolean {
  const a = node.attrs;
  const [, , H, W] = shapeOf(ctx, node.inputs[0]);
  const ceil = Boolean(attrNumber(a, 'ceil_mode', 0));
  return (
    same(attrInts(a, 'kernel'), [2, 2]) &&
    same(attrInts(a, 'strides', [2, 2]), [2, 2]) &&
    attrInts(a, 'pads', [0, 0, 0, 0]).every((p) => p === 0) &&
    same(attrInts(a, 'dilations', [1, 1]), [1, 1]) &&
    (!ceil || (H % 2 === 0 && W % 2 === 0))
  );
}

// Output vec4s per invocation of the fast path. SwiftShader, 1x24x256x256 -> 128x128 with
// prescale, ms (min..median of 9, noisy machine): 1 -> 8.4-8.9, 2 -> 6.5-6.8, 4 -> 5.0-5.5,
// 8 -> 4.5-4.6, 16 -> 4.4-4.7 (8 keeps more invocations for real GPUs).
const FAST_OPI = 8;

/** The largest power of two <= opi dividing n, so an invocation's outputs share a row. */
function fitOpi(opi: number, n: number): number {
  let p = opi;
  while (n % p !== 0) p /= 2;
  return p;
}

type Max2x2Variant = { vec4: boolean; prescale: boolean; opi: number };

export const maxpool2x2Program = defineProgram({
  name: 'maxpool2x2',
  source,
  // Work items (output vec4 groups with VEC4, else outputs), items per output row, rows per
  // plane (OH), input row length and plane size in elements or vec4s.
  uniforms: { items: 'u32', row_items: 'u32', oh: 'u32', in_row: 'u32', in_plane: 'u32' },
  bindings: (v: Max2x2Variant) => [{ name: 'y', type: v.vec4 ? 'vec4<f32>' : 'f32' }, { name: 'x', type: v.vec4 ? 'vec4<f32>' : 'f32' }, ...(v.prescale ? [{ name: 's' }] : [])],
  workgroupSize: () => WG,
  defs: (v) => ({ VEC4: v.vec4, PRESCALE: v.prescale, OPI: v.opi }),
});

export function maxpool2x2Dispatch(node: Node, ctx: KernelContext, opi = FAST_OPI): DispatchSpec {
  const { inputs, scale } = mainInputs(node);
  const [N, C, H, W] = shapeOf(ctx, inputs[0]);
  const [, , OH, OW] = shapeOf(ctx, node.outputs[0]);
  const vec4 = W % 8 === 0;
  const rowItems = vec4 ? OW / 4 : OW;
  const per = vec4 ? fitOpi(opi, rowItems) : 1;
  const items = N * C * OH * rowItems;
  return maxpool2x2Program.dispatch({
    variant: { vec4, prescale: scale !== undefined, opi: per },
    tensors: { y: node.outputs[0], x: inputs[0], s: scale },
    uniforms: { items, row_items: rowItems, oh: OH, in_row: vec4 ? W / 4 : W, in_plane: vec4 ? (H * W) / 4 : H * W },
    workgroups: ceilDiv(items / per, WG),
    label: `${node.name} (maxpool2x2)`,
  });
}

export const maxpool2x2Kernel: Kernel = {
  name: 'maxpool2x2',
  ops: ['maxpool2d'],
  accepts: (node, ctx) => acceptsPool(node, ctx) && isPlain2x2(node, ctx),
  dispatches: (node, ctx) => [maxpool2x2Dispatch(node, ctx)],
};

