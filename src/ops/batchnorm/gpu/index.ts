// Inference batchnorm, y = x * k[c] + b[c] with k, b folded in the shader; vec4 where a vec4
// stays inside one channel plane.
import { attrNumber, numel, type Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ELEMENTWISE_OPI, ceilDiv, planeOf, shapeOf } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import source from './batchnorm.wgsl?raw';

const WG = 64;

type BnVariant = { vec4: boolean; oneChannel: boolean };

export const batchnormProgram = defineProgram({
  name: 'batchnorm',
  source,
  uniforms: { items: 'u32', plane: 'u32', c: 'u32', eps: 'f32' },
  bindings: (v: BnVariant) => [
    { name: 'y', type: v.vec4 ? 'vec4<f32>' : 'f32' },
    { name: 'x', type: v.vec4 ? 'vec4<f32>' : 'f32' },
    { name: 'scale' },
    { name: 'bias' },
    { name: 'mean' },
    { name: 'variance' },
  ],
  workgroupSize: () => WG,
  defs: (v) => ({ OPI: ELEMENTWISE_OPI, ONE_CHANNEL: v.oneChannel }),
});

function batchnormDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const [x, scale, bias, mean, variance] = node.inputs;
  const shape = shapeOf(ctx, x);
  const plane = planeOf(shape);
  const vec4 = plane % 4 === 0;
  const per = vec4 ? 4 : 1;
  const items = numel(shape) / per;
  return batchnormProgram.dispatch({
    variant: { vec4, oneChannel: (plane / per) % ELEMENTWISE_OPI === 0 },
    tensors: { y: node.outputs[0], x, scale, bias, mean, variance },
    uniforms: { items, plane: plane / per, c: shape[1], eps: attrNumber(node.attrs, 'epsilon', 1e-5) },
    workgroups: ceilDiv(items, WG * ELEMENTWISE_OPI),
    label: `${node.name} (batchnorm)`,
  });
}

export const batchnormKernel: Kernel = {
  name: 'batchnorm',
  ops: ['batchnorm'],
  // The op's shape rules admit no prescale input.
  accepts: (node, ctx) => !node.attrs.prescale && node.inputs.length === 5 && shapeOf(ctx, node.inputs[0]).length >= 2,
  dispatches: (node, ctx) => [batchnormDispatch(node, ctx)],
};

export const BATCHNORM_KERNELS: readonly Kernel[] = [batchnormKernel];
