// softmax / log_softmax: one program, one invocation per normalized row.
import type { Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ceilDiv, shapeOf } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import { softmaxRows } from '../op.js';
import source from './softmax.wgsl?raw';

const WG = 64;

export const softmaxProgram = defineProgram({
  name: 'softmax',
  source,
  uniforms: { rows: 'u32', len: 'u32', inner: 'u32' },
  bindings: () => [{ name: 'y' }, { name: 'x' }],
  workgroupSize: () => WG,
  defs: (v: { log: boolean }) => ({ LOG: v.log }),
});

function softmaxDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const { outer, len, inner } = softmaxRows(shapeOf(ctx, node.inputs[0]), node.attrs);
  const rows = outer * inner;
  return softmaxProgram.dispatch({
    variant: { log: node.op === 'log_softmax' },
    tensors: { y: node.outputs[0], x: node.inputs[0] },
    uniforms: { rows, len, inner },
    workgroups: ceilDiv(rows, WG),
    label: `${node.name} (${node.op})`,
  });
}

export const softmaxKernel: Kernel = {
  name: 'softmax',
  ops: ['softmax', 'log_softmax'],
  accepts: (node) => !node.attrs.prescale,
  dispatches: (node, ctx) => [softmaxDispatch(node, ctx)],
};

export const SOFTMAX_KERNELS: readonly Kernel[] = [softmaxKernel];
