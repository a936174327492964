// Inference batchnorm, y = x * k[c] + b[c] with k, b folded in the shader; vec4 where a vec4
// stays inside one channel plane.
import { attrNumber, numel, type Node } from '../../graph/ir.js';
import { Uniforms, type DispatchSpec, type Kernel, type KernelContext } from '../kernel.js';
import src from '../../../shaders/batchnorm.wgsl?raw';
import { ELEMENTWISE_OPI, ceilDiv, dispatch, planeOf, shapeOf } from './misc-util.js';

const WG = 64;

function batchnormDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const inputs = node.inputs;
  const shape = shapeOf(ctx, inputs[0]);
  const plane = planeOf(shape);
  const vec4 = plane % 4 === 0;
  const per = vec4 ? 4 : 1;
  const items = numel(shape) / per;
  const workgroups = ceilDiv(items, WG * ELEMENTWISE_OPI);
  const tensors = [node.outputs[0], ...inputs];
  const u = new Uniforms()
    .u32(items, plane / per, shape[1])
    .f32(attrNumber(node.attrs, 'epsilon', 1e-5))
    .u32(workgroups)
    .done();
  const oneChannel = (plane / per) % ELEMENTWISE_OPI === 0;
  const key = { kernel: 'batchnorm', variant: { vec4, oneChannel } };
  const defs = { WG, T: vec4 ? 'vec4<f32>' : 'f32', OPI: ELEMENTWISE_OPI, ONE_CHANNEL: oneChannel };
  return dispatch(src, key, tensors, u, workgroups, `${node.name} (batchnorm)`, defs);
}

export const batchnormKernel: Kernel = {
  name: 'batchnorm',
  ops: ['batchnorm'],
  // The op's shape rules admit no prescale input.
  accepts: (node, ctx) => !node.attrs.prescale && node.inputs.length === 5 && shapeOf(ctx, node.inputs[0]).length >= 2,
  dispatches: (node, ctx) => [batchnormDispatch(node, ctx)],
};
