// reduce_mean_hw: per-(n, c) mean over H x W, one dispatch, no scratch buffers.
import type { Node } from '../../graph/ir.js';
import { Uniforms, type DispatchSpec, type Kernel, type KernelContext } from '../kernel.js';
import src from '../../../shaders/reduce_mean_hw.wgsl?raw';
import { ceilDiv, dispatch, mainInputs, prescaleFits, shapeOf, wgslLanguageFeature } from './misc-util.js';

/** How the invocations of a plane combine their partial sums. */
export type ReduceMode = 'plane-per-invocation' | 'tree' | 'subgroup-per-plane';
const MODES: readonly ReduceMode[] = ['plane-per-invocation', 'tree', 'subgroup-per-plane'];

// Subgroups are at least 4 wide on every WebGPU device, so this bounds the planes per workgroup.
const MIN_SUBGROUP = 4;

export interface ReduceChoice {
  mode: ReduceMode;
  wg: number;
}

// SwiftShader, batch 1, ms (timestamp min..median of 9; noisy 2-core machine), loop unrolled x4:
//                          24x256^2   48x128^2   96x32^2   192x8^2
//   subgroup-per-plane/64   3.1-3.8    1.4-1.5    0.20      0.10
//   plane-per-invocation/64 2.7-2.8    1.3-1.4    0.17      0.04
//   tree/64 (barriers)      5.1-6.7    4.1-4.3    4.9       9.2-9.6
// Before unrolling: subgroup-per-plane 4.9-5.4 / 2.1-2.3, tree/256 12-15 / 25-27 / 36-39 / 67-91,
// a workgroup per plane with subgroupAdd + one barrier 4.9-5.9 / 3.7-4.1 / 2.5-2.8 / 4.2-4.3.
// Per-invocation planes win slightly here but would serialize a 64K plane on one thread of a
// real GPU; subgroup-per-plane is within ~15% on SwiftShader and coalesced everywhere. Tiny
// planes (the deepest layers) go per invocation on any device.
const TINY_PLANE = 256;
const SMALL_PLANE = 4096;

export function canUseSubgroups(ctx: KernelContext): boolean {
  return ctx.features.has('subgroups') && (ctx.features.has('subgroup_id') || wgslLanguageFeature('subgroup_id'));
}

export function defaultReduceChoice(plane: number, ctx: KernelContext): ReduceChoice {
  if (plane > TINY_PLANE && canUseSubgroups(ctx)) return { mode: 'subgroup-per-plane', wg: 64 };
  if (plane <= SMALL_PLANE) return { mode: 'plane-per-invocation', wg: 64 };
  return { mode: 'tree', wg: Math.min(256, ctx.limits.maxComputeInvocationsPerWorkgroup) };
}

export function reduceMeanDispatch(node: Node, ctx: KernelContext, choice?: ReduceChoice): DispatchSpec {
  const { inputs, scale } = mainInputs(node);
  const [N, C, H, W] = shapeOf(ctx, inputs[0]);
  const plane = H * W;
  const { mode, wg } = choice ?? defaultReduceChoice(plane, ctx);
  const vec4 = plane % 4 === 0;
  const planes = N * C;
  const ppw = mode === 'plane-per-invocation' ? wg : mode === 'subgroup-per-plane' ? wg / MIN_SUBGROUP : 1;
  const workgroups = ceilDiv(planes, ppw);
  const key = { kernel: 'reduce_mean_hw', variant: { mode: MODES.indexOf(mode), wg, vec4, prescale: scale !== undefined } };
  const tensors = [node.outputs[0], inputs[0], ...(scale ? [scale] : [])];
  const uniforms = new Uniforms()
    .u32(planes, vec4 ? plane / 4 : plane)
    .f32(1 / plane)
    .u32(workgroups)
    .done();
  const defs = {
    WG: wg,
    UB: tensors.length,
    ELEM: vec4 ? 'vec4<f32>' : 'f32',
    VEC4: vec4,
    PRESCALE: scale !== undefined,
    PLANE_PER_INVOCATION: mode === 'plane-per-invocation',
    TREE: mode === 'tree',
    SUBGROUP_PER_PLANE: mode === 'subgroup-per-plane',
    PPW: ppw,
  };
  return dispatch(src, key, tensors, uniforms, workgroups, `${node.name} (reduce_mean_hw ${mode})`, defs);
}

export const reduceMeanKernel: Kernel = {
  name: 'reduce_mean_hw',
  ops: ['reduce_mean_hw'],
  accepts(node, ctx) {
    const { inputs, scale } = mainInputs(node);
    return shapeOf(ctx, inputs[0]).length === 4 && prescaleFits(ctx, inputs[0], scale);
  },
  dispatches: (node, ctx) => [reduceMeanDispatch(node, ctx)],
};
