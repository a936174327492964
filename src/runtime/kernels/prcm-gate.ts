// prcm_gate: the PRCM channel weights from the per-channel means, one tiny dispatch.
import type { Node } from '../../graph/ir.js';
import { Uniforms, type DispatchSpec, type Kernel, type KernelContext } from '../kernel.js';
import src from '../../../shaders/prcm_gate.wgsl?raw';
import { ceilDiv, dispatch, mainInputs, shapeOf } from './misc-util.js';

// Largest basis count the workgroup-memory variant holds.
const MAXB = 64;

// SwiftShader, batch 1, B = 8 (ms): C = 24: recompute 0.034-0.039, shared 0.03-0.05;
// C = 192: recompute 1.4 (B * C MACs per channel), shared 0.05. One barrier is worth it here.
export function prcmGateDispatch(node: Node, ctx: KernelContext, shared = true): DispatchSpec {
  const [x, basis, fuser] = node.inputs;
  const [N, C] = shapeOf(ctx, x);
  const B = shapeOf(ctx, basis)[0];
  const vec4 = C % 4 === 0;
  const useShared = shared && B <= MAXB;
  const wg = 64;
  const workgroups = useShared ? N : ceilDiv(N * C, wg);
  const key = { kernel: 'prcm_gate', variant: { shared: useShared, vec4, wg } };
  const uniforms = new Uniforms().u32(N, C, B, workgroups).done();
  const defs = { WG: wg, ELEM: vec4 ? 'vec4<f32>' : 'f32', VEC4: vec4, PER: vec4 ? 4 : 1, SHARED: useShared, MAXB };
  return dispatch(src, key, [node.outputs[0], x, basis, fuser], uniforms, workgroups, `${node.name} (prcm_gate)`, defs);
}

export const prcmGateKernel: Kernel = {
  name: 'prcm_gate',
  ops: ['prcm_gate'],
  accepts: (node) => mainInputs(node).scale === undefined && node.inputs.length === 3,
  dispatches: (node, ctx) => [prcmGateDispatch(node, ctx)],
};
