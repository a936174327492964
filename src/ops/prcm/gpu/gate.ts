// prcm_gate: the PRCM channel weights from the per-channel means, one tiny dispatch.
import type { Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ceilDiv, mainInputs, shapeOf } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import source from './gate.wgsl?raw';

// Largest basis count the workgroup-memory variant holds.
const MAXB = 64;

type GateVariant = { shared: boolean; vec4: boolean; wg: number };

export const gateProgram = defineProgram({
  name: 'prcm_gate',
  source,
  uniforms: { n: 'u32', c: 'u32', b: 'u32' },
  bindings: (v: GateVariant) => [{ name: 'w' }, { name: 'ctx', type: v.vec4 ? 'vec4<f32>' : 'f32' }, { name: 'basis', type: v.vec4 ? 'vec4<f32>' : 'f32' }, { name: 'fuser' }],
  workgroupSize: (v) => v.wg,
  defs: (v) => ({ ELEM: v.vec4 ? 'vec4<f32>' : 'f32', VEC4: v.vec4, PER: v.vec4 ? 4 : 1, SHARED: v.shared, MAXB }),
});

// SwiftShader, batch 1, B = 8 (ms): C = 24: recompute 0.034-0.039, shared 0.03-0.05;
// C = 192: recompute 1.4 (B * C MACs per channel), shared 0.05. One barrier is worth it here.
export function prcmGateDispatch(node: Node, ctx: KernelContext, shared = true): DispatchSpec {
  const [x, basis, fuser] = node.inputs;
  const [N, C] = shapeOf(ctx, x);
  const B = shapeOf(ctx, basis)[0];
  const useShared = shared && B <= MAXB;
  const wg = 64;
  return gateProgram.dispatch({
    variant: { shared: useShared, vec4: C % 4 === 0, wg },
    tensors: { w: node.outputs[0], ctx: x, basis, fuser },
    uniforms: { n: N, c: C, b: B },
    workgroups: useShared ? N : ceilDiv(N * C, wg),
    label: `${node.name} (prcm_gate)`,
  });
}

export const prcmGateKernel: Kernel = {
  name: 'prcm_gate',
  ops: ['prcm_gate'],
  accepts: (node) => mainInputs(node).scale === undefined && node.inputs.length === 3,
  dispatches: (node, ctx) => [prcmGateDispatch(node, ctx)],
};
