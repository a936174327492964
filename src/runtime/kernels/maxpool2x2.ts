// maxpool2d fast path: the encoder's 2x2 / stride 2 max pool (optionally on x * prescale), vec4.
import { attrInts, attrNumber, type Node } from '../../graph/ir.js';
import { Uniforms, type DispatchSpec, type Kernel, type KernelContext } from '../kernel.js';
import src from '../../../shaders/maxpool2x2.wgsl?raw';
import { ceilDiv, dispatch, mainInputs, shapeOf } from './misc-util.js';
import { acceptsPool } from './pool2d.js';

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

export function maxpool2x2Dispatch(node: Node, ctx: KernelContext, opi = FAST_OPI): DispatchSpec {
  const { inputs, scale } = mainInputs(node);
  const [N, C, H, W] = shapeOf(ctx, inputs[0]);
  const [, , OH, OW] = shapeOf(ctx, node.outputs[0]);
  const vec4 = W % 8 === 0;
  const rowItems = vec4 ? OW / 4 : OW;
  const per = vec4 ? fitOpi(opi, rowItems) : 1;
  const items = N * C * OH * rowItems;
  const workgroups = ceilDiv(items / per, WG);
  const tensors = [node.outputs[0], inputs[0], ...(scale ? [scale] : [])];
  const u = new Uniforms()
    .u32(items, rowItems, OH, vec4 ? W / 4 : W, vec4 ? (H * W) / 4 : H * W, workgroups)
    .done();
  const key = { kernel: 'maxpool2x2', variant: { vec4, prescale: scale !== undefined, opi: per } };
  const defs = { VEC4: vec4, PRESCALE: scale !== undefined, WG, OPI: per, UB: tensors.length };
  return dispatch(src, key, tensors, u, workgroups, `${node.name} (maxpool2x2)`, defs);
}

export const maxpool2x2Kernel: Kernel = {
  name: 'maxpool2x2',
  ops: ['maxpool2d'],
  accepts: (node, ctx) => acceptsPool(node, ctx) && isPlain2x2(node, ctx),
  dispatches: (node, ctx) => [maxpool2x2Dispatch(node, ctx)],
};

