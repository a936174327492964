// Gather with constant indices: one dispatch per run of up to MAX_INDICES indices, which
// travel in the uniform block beside the shape (no index tensor, so no extra binding and no
// parameter-count entry). CNN exports gather a handful of indices; a reorder of a few hundred
// channels takes a few dispatches of the same total work.
import { attrInts, attrNumber, numel, type Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ceilDiv, shapeOf } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import source from './gather.wgsl?raw';

const WG = 64;
/** Indices per dispatch: what fits in the 256-byte uniform block beside the six scalars. */
export const MAX_INDICES = 52;

type GatherVariant = { vec4: boolean };

export const gatherProgram = defineProgram({
  name: 'gather',
  source,
  uniforms: { items: 'u32', inner: 'u32', count: 'u32', dim: 'u32', total: 'u32', first: 'u32', indices: ['u32', MAX_INDICES] },
  bindings: (v: GatherVariant) => [{ name: 'y', type: v.vec4 ? 'vec4<f32>' : 'f32' }, { name: 'x', type: v.vec4 ? 'vec4<f32>' : 'f32' }],
  workgroupSize: () => WG,
});

function gatherDispatches(node: Node, ctx: KernelContext): DispatchSpec[] {
  const x = shapeOf(ctx, node.inputs[0]);
  const axis = attrNumber(node.attrs, 'axis');
  const indices = attrInts(node.attrs, 'indices');
  const outer = numel(x.slice(0, axis));
  const rawInner = numel(x.slice(axis + 1));
  const vec4 = rawInner % 4 === 0;
  const inner = vec4 ? rawInner / 4 : rawInner;
  const out: DispatchSpec[] = [];
  for (let first = 0; first < indices.length; first += MAX_INDICES) {
    const run = indices.slice(first, first + MAX_INDICES);
    const items = outer * run.length * inner;
    out.push(
      gatherProgram.dispatch({
        variant: { vec4 },
        tensors: { y: node.outputs[0], x: node.inputs[0] },
        uniforms: { items, inner, count: run.length, dim: x[axis], total: indices.length, first, indices: run },
        workgroups: ceilDiv(items, WG),
        label: `${node.name} (gather${indices.length > MAX_INDICES ? ` indices ${first}..${first + run.length - 1}` : ''})`,
      }),
    );
  }
  return out;
}

export const gatherKernel: Kernel = {
  name: 'gather',
  ops: ['gather'],
  accepts: (node) => !node.attrs.prescale,
  dispatches: gatherDispatches,
};
