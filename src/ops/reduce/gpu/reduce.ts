// The general reduction program: any reduction of the table (reductions.ts) over any axes,
// the reduction a variant. One output per invocation: the reduced regions that reach it are
// small (heads, norms, arg-max over channels); trailing-block sums / means / extrema take the
// per-row program first.
import { attrInts, numel, type Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ceilDiv, shapeOf } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import { reducedCount, splitDims, type Run } from '../layout.js';
import { REDUCTIONS, reduction, stepOf } from '../reductions.js';
import source from './reduce.wgsl?raw';

const WG = 64;
const MAX_RUNS = 4;

const pad4 = (runs: Run[]): [number[], number[]] => {
  const full = [...new Array<Run>(MAX_RUNS - runs.length).fill([1, 0]), ...runs];
  return [full.map((d) => d[0]), full.map((d) => d[1])];
};

type ReduceVariant = { kind: string; last: boolean };

export const reduceProgram = defineProgram({
  name: 'reduce',
  source,
  uniforms: { items: 'u32', inv_count: 'f32', init: 'f32', kept_dim: ['u32', 4], kept_stride: ['u32', 4], red_dim: ['u32', 4], red_stride: ['u32', 4] },
  bindings: () => [{ name: 'y' }, { name: 'x' }],
  workgroupSize: () => WG,
  defs: (v: ReduceVariant) => {
    const r = reduction(v.kind)!;
    return { STEP: stepOf(r, { select_last_index: v.last ? 1 : 0 }), FINISH: r.finish };
  },
});

function reduceDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const { kept, red } = splitDims(shapeOf(ctx, node.inputs[0]), attrInts(node.attrs, 'axes'));
  const items = numel(kept.map((k) => k[0]));
  const [kd, ks] = pad4(kept);
  const [rd, rs] = pad4(red);
  return reduceProgram.dispatch({
    variant: { kind: node.op, last: node.attrs.select_last_index === 1 },
    tensors: { y: node.outputs[0], x: node.inputs[0] },
    uniforms: { items, inv_count: 1 / reducedCount(red), init: reduction(node.op)!.init, kept_dim: kd, kept_stride: ks, red_dim: rd, red_stride: rs },
    workgroups: ceilDiv(items, WG),
    label: `${node.name} (${node.op})`,
  });
}

export const reduceKernel: Kernel = {
  name: 'reduce',
  ops: REDUCTIONS.map((r) => r.kind),
  accepts(node, ctx) {
    const { kept, red } = splitDims(shapeOf(ctx, node.inputs[0]), attrInts(node.attrs, 'axes'));
    return !node.attrs.prescale && kept.length <= MAX_RUNS && red.length <= MAX_RUNS;
  },
  dispatches: (node, ctx) => [reduceDispatch(node, ctx)],
};
