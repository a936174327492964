// layernorm / instancenorm / groupnorm: one program over contiguous rows (norm.wgsl): a row per
// invocation, per subgroup or per workgroup.
import { attrNumber, type Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ceilDiv, shapeOf } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import { canUseSubgroups } from '../../reduce/gpu/rows.js';
import { normRows } from '../rows.js';
import source from './norm.wgsl?raw';

export type NormMode = 'row-per-invocation' | 'subgroup-per-row' | 'workgroup-per-row';
const MODES: readonly NormMode[] = ['row-per-invocation', 'subgroup-per-row', 'workgroup-per-row'];
const WG = 64;
const MIN_SUBGROUP = 4;

// SwiftShader, ms (medians of 5 timestamped runs, range over 2-3 runs; noisy 2-core machine):
//                        InstanceNorm 24x64x64  8x128x128  64x32x32  8x32x32   LayerNorm 4096 rows x 64
//   row-per-invocation              2.2-3.5      3.2        1.6-2.5   0.25-0.9  9.6-15
//   subgroup-per-row                2.4-3.0      2.9-11     1.6-2.7   0.55-0.8  98
//   workgroup-per-row               9.4-13       3.3-22     20        3.0       1100-1400
// SwiftShader runs a workgroup's invocations on one thread, so a few long rows per workgroup
// cost it little, while a real GPU would serialize each row on one thread. Long rows take a
// subgroup each where subgroups exist (coalesced, no barriers, as fast here); the barrier
// tree only without them, past the length where the mean does the same (reduce/gpu/rows.ts).
const SUBGROUP_ROW = 256;
const LONG_ROW = 4096;

export function defaultNormMode(len: number, ctx: KernelContext): NormMode {
  if (len > SUBGROUP_ROW && canUseSubgroups(ctx)) return 'subgroup-per-row';
  return len > LONG_ROW ? 'workgroup-per-row' : 'row-per-invocation';
}

const rowsPerWorkgroup = (mode: NormMode): number => (mode === 'row-per-invocation' ? WG : mode === 'subgroup-per-row' ? WG / MIN_SUBGROUP : 1);

type NormVariant = { mode: number; vec4: boolean; perRow: boolean; bias: boolean };

export const normProgram = defineProgram({
  name: 'norm_rows',
  source,
  uniforms: { rows: 'u32', len: 'u32', inv_count: 'f32', eps: 'f32', ga: 'u32', gb: 'u32', d: 'u32', es: 'u32', eb: 'u32' },
  bindings: (v: NormVariant) => {
    const t = v.vec4 ? 'vec4<f32>' : 'f32';
    return [{ name: 'y', type: t }, { name: 'x', type: t }, { name: 's' }, ...(v.bias ? [{ name: 'b' }] : [])];
  },
  workgroupSize: () => WG,
  subgroups: (v) => MODES[v.mode] === 'subgroup-per-row',
  // subgroupAdd runs in a loop whose trip count depends only on subgroup_id: uniform per subgroup.
  directives: (v) => (MODES[v.mode] === 'subgroup-per-row' ? ['enable subgroups;', 'diagnostic(off, subgroup_uniformity);'] : []),
  defs: (v) => {
    const mode = MODES[v.mode];
    return {
      ELEM: v.vec4 ? 'vec4<f32>' : 'f32',
      VEC4: v.vec4,
      PER_ROW: v.perRow,
      BIAS: v.bias,
      ROW_PER_INVOCATION: mode === 'row-per-invocation',
      SUBGROUP_PER_ROW: mode === 'subgroup-per-row',
      WORKGROUP_PER_ROW: mode === 'workgroup-per-row',
      PPW: rowsPerWorkgroup(mode),
    };
  },
});

/** `mode` forced by timing probes; otherwise chosen from the row length and the device. */
export function normDispatch(node: Node, ctx: KernelContext, mode?: NormMode): DispatchSpec {
  const r = normRows(node.op, node.inputs.map((t) => shapeOf(ctx, t)), node.attrs);
  const m = mode ?? defaultNormMode(r.len, ctx);
  const vec4 = r.len % 4 === 0;
  return normProgram.dispatch({
    variant: { mode: MODES.indexOf(m), vec4, perRow: r.d >= r.len, bias: node.inputs[2] !== undefined },
    tensors: { y: node.outputs[0], x: node.inputs[0], s: node.inputs[1], b: node.inputs[2] },
    uniforms: { rows: r.rows, len: vec4 ? r.len / 4 : r.len, inv_count: 1 / r.len, eps: attrNumber(node.attrs, 'epsilon', 1e-5), ga: r.ga, gb: r.gb, d: r.d, es: r.es, eb: r.eb },
    workgroups: ceilDiv(r.rows, rowsPerWorkgroup(m)),
    label: `${node.name} (${node.op} ${m})`,
  });
}

export const normKernel: Kernel = {
  name: 'norm_rows',
  ops: ['layernorm', 'instancenorm', 'groupnorm'],
  accepts: (node) => !node.attrs.prescale,
  dispatches: (node, ctx) => [normDispatch(node, ctx)],
};

export const NORM_KERNELS: readonly Kernel[] = [normKernel];
