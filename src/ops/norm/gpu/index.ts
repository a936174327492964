// layernorm / instancenorm / groupnorm: one program over contiguous rows (norm.wgsl), a row per
// invocation, or a workgroup per row for long rows.
import { attrNumber, type Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ceilDiv, shapeOf } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import { normRows } from '../rows.js';
import source from './norm.wgsl?raw';

const WG = 64;
// Rows longer than this take a workgroup each: one invocation would walk the row three times
// alone (a 64K plane serializes on one thread of a real GPU). Below it, barriers cost more
// than they save on SwiftShader (see reduce/gpu/rows.ts for the same trade-off).
const LONG_ROW = 4096;

type NormVariant = { vec4: boolean; split: boolean; perRow: boolean; bias: boolean };

export const normProgram = defineProgram({
  name: 'norm_rows',
  source,
  uniforms: { rows: 'u32', len: 'u32', inv_count: 'f32', eps: 'f32', ga: 'u32', gb: 'u32', d: 'u32', es: 'u32', eb: 'u32' },
  bindings: (v: NormVariant) => {
    const t = v.vec4 ? 'vec4<f32>' : 'f32';
    return [{ name: 'y', type: t }, { name: 'x', type: t }, { name: 's' }, ...(v.bias ? [{ name: 'b' }] : [])];
  },
  workgroupSize: () => WG,
  defs: (v) => ({ ELEM: v.vec4 ? 'vec4<f32>' : 'f32', VEC4: v.vec4, SPLIT: v.split, PER_ROW: v.perRow, BIAS: v.bias }),
});

/** Variants forced by tests; otherwise chosen from the row length. */
export function normDispatch(node: Node, ctx: KernelContext, force?: { split?: boolean }): DispatchSpec {
  const r = normRows(node.op, node.inputs.map((t) => shapeOf(ctx, t)), node.attrs);
  const vec4 = r.len % 4 === 0;
  const split = force?.split ?? r.len > LONG_ROW;
  const bias = node.inputs[2] !== undefined;
  return normProgram.dispatch({
    variant: { vec4, split, perRow: r.d >= r.len, bias },
    tensors: { y: node.outputs[0], x: node.inputs[0], s: node.inputs[1], b: node.inputs[2] },
    uniforms: { rows: r.rows, len: vec4 ? r.len / 4 : r.len, inv_count: 1 / r.len, eps: attrNumber(node.attrs, 'epsilon', 1e-5), ga: r.ga, gb: r.gb, d: r.d, es: r.es, eb: r.eb },
    workgroups: split ? r.rows : ceilDiv(r.rows, WG),
    label: `${node.name} (${node.op}${split ? ' split' : ''})`,
  });
}

export const normKernel: Kernel = {
  name: 'norm_rows',
  ops: ['layernorm', 'instancenorm', 'groupnorm'],
  accepts: (node) => !node.attrs.prescale,
  dispatches: (node, ctx) => [normDispatch(node, ctx)],
};

export const NORM_KERNELS: readonly Kernel[] = [normKernel];
