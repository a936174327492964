// reduce_rows: one reduction per contiguous row, one dispatch, no scratch buffers. It runs
// reduce_mean_hw (the per-(n, c) spatial mean, with the fused prescale) and every sum, mean,
// max or min whose reduced axes are the trailing block (GlobalMaxPool, LayerNorm-style means).
import { attrInts, type Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ceilDiv, mainInputs, prescaleFits, shapeOf, wgslLanguageFeature } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import { trailingRows } from '../layout.js';
import { reduction } from '../reductions.js';
import source from './rows.wgsl?raw';

/** How the invocations of a plane combine their partial sums. */
export type ReduceMode = 'plane-per-invocation' | 'tree' | 'subgroup-per-plane';
const MODES: readonly ReduceMode[] = ['plane-per-invocation', 'tree', 'subgroup-per-plane'];

type Combine = 'sum' | 'max' | 'min';
const COMBINE: Record<Combine, { wgsl: string; subgroup: string; init: number }> = {
  sum: { wgsl: 'a + b', subgroup: 'subgroupAdd', init: 0 },
  max: { wgsl: 'max(a, b)', subgroup: 'subgroupMax', init: -Infinity },
  min: { wgsl: 'min(a, b)', subgroup: 'subgroupMin', init: Infinity },
};

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

type RowsVariant = { mode: number; wg: number; vec4: boolean; prescale: boolean; combine: Combine };

export const rowsProgram = defineProgram({
  name: 'reduce_rows',
  source,
  uniforms: { planes: 'u32', len: 'u32', inv: 'f32', init: 'f32' },
  bindings: (v: RowsVariant) => [{ name: 'y' }, { name: 'x', type: v.vec4 ? 'vec4<f32>' : 'f32' }, ...(v.prescale ? [{ name: 's' }] : [])],
  workgroupSize: (v) => v.wg,
  subgroups: (v) => MODES[v.mode] === 'subgroup-per-plane',
  // The subgroup reduction runs in a loop whose trip count depends only on subgroup_id: uniform per subgroup.
  directives: (v) => (MODES[v.mode] === 'subgroup-per-plane' ? ['enable subgroups;', 'diagnostic(off, subgroup_uniformity);'] : []),
  defs: (v) => {
    const mode = MODES[v.mode];
    return {
      ELEM: v.vec4 ? 'vec4<f32>' : 'f32',
      VEC4: v.vec4,
      PRESCALE: v.prescale,
      COMBINE: COMBINE[v.combine].wgsl,
      SUBGROUP_OP: COMBINE[v.combine].subgroup,
      PLANE_PER_INVOCATION: mode === 'plane-per-invocation',
      TREE: mode === 'tree',
      SUBGROUP_PER_PLANE: mode === 'subgroup-per-plane',
      PPW: planesPerWorkgroup(mode, v.wg),
    };
  },
});

function planesPerWorkgroup(mode: ReduceMode, wg: number): number {
  return mode === 'plane-per-invocation' ? wg : mode === 'subgroup-per-plane' ? wg / MIN_SUBGROUP : 1;
}

interface RowsJob {
  node: Node;
  x: string;
  scale?: string;
  rows: number;
  len: number;
  combine: Combine;
  mean: boolean;
}

function rowsDispatch(job: RowsJob, ctx: KernelContext, choice?: ReduceChoice): DispatchSpec {
  const { mode, wg } = choice ?? defaultReduceChoice(job.len, ctx);
  const vec4 = job.len % 4 === 0;
  return rowsProgram.dispatch({
    variant: { mode: MODES.indexOf(mode), wg, vec4, prescale: job.scale !== undefined, combine: job.combine },
    tensors: { y: job.node.outputs[0], x: job.x, s: job.scale },
    uniforms: { planes: job.rows, len: vec4 ? job.len / 4 : job.len, inv: job.mean ? 1 / job.len : 1, init: COMBINE[job.combine].init },
    workgroups: ceilDiv(job.rows, planesPerWorkgroup(mode, wg)),
    label: `${job.node.name} (${job.node.op} rows ${mode})`,
  });
}

/** reduce_mean_hw; `choice` forces a reduction shape (for timing probes). */
export function reduceMeanDispatch(node: Node, ctx: KernelContext, choice?: ReduceChoice): DispatchSpec {
  const { inputs, scale } = mainInputs(node);
  const [N, C, H, W] = shapeOf(ctx, inputs[0]);
  return rowsDispatch({ node, x: inputs[0], scale, rows: N * C, len: H * W, combine: 'sum', mean: true }, ctx, choice);
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

function rowsOf(node: Node, ctx: KernelContext): { rows: number; len: number } | undefined {
  if (node.attrs.prescale) return undefined;
  return trailingRows(shapeOf(ctx, node.inputs[0]), attrInts(node.attrs, 'axes'));
}

export const reduceRowsKernel: Kernel = {
  name: 'reduce_rows',
  ops: ['reduce_sum', 'reduce_mean', 'reduce_max', 'reduce_min'],
  accepts: (node, ctx) => rowsOf(node, ctx) !== undefined,
  dispatches(node, ctx) {
    const { rows, len } = rowsOf(node, ctx)!;
    const combine = reduction(node.op)!.rows!;
    return [rowsDispatch({ node, x: node.inputs[0], rows, len, combine, mean: node.op === 'reduce_mean' }, ctx)];
  },
};
