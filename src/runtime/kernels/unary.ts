// Unary element-wise ops (relu, sigmoid, identity), optional prescale on the input; vec4 where
// a vec4 stays inside one (n, c) plane.
import { numel, type Node } from '../../graph/ir.js';
import { Uniforms, type DispatchSpec, type Kernel, type KernelContext } from '../kernel.js';
import src from '../../../shaders/unary.wgsl?raw';
import { ELEMENTWISE_OPI, ceilDiv, dispatch, mainInputs, planeOf, prescaleFits, shapeOf } from './misc-util.js';

const WG = 64;
const UNARY = ['identity', 'relu', 'sigmoid'];

export function unaryDispatch(node: Node, ctx: KernelContext, opi = ELEMENTWISE_OPI): DispatchSpec {
  const { inputs, scale } = mainInputs(node);
  const shape = shapeOf(ctx, inputs[0]);
  const prescale = scale !== undefined;
  const plane = planeOf(shape);
  const vec4 = prescale ? plane % 4 === 0 : numel(shape) % 4 === 0;
  const per = vec4 ? 4 : 1;
  const items = numel(shape) / per;
  const workgroups = ceilDiv(items, WG * opi);
  const tensors = [node.outputs[0], inputs[0], ...(scale ? [scale] : [])];
  const u = new Uniforms().u32(items, prescale ? plane / per : 1, workgroups).done();
  const fn = UNARY.indexOf(node.op);
  const key = { kernel: 'unary', variant: { fn, prescale, vec4, opi } };
  const defs = { WG, FN: fn, PRESCALE: prescale, T: vec4 ? 'vec4<f32>' : 'f32', UB: tensors.length, OPI: opi };
  return dispatch(src, key, tensors, u, workgroups, `${node.name} (${node.op})`, defs);
}

export const unaryKernel: Kernel = {
  name: 'unary',
  ops: UNARY,
  accepts(node, ctx) {
    const { inputs, scale } = mainInputs(node);
    return inputs.length === 1 && prescaleFits(ctx, inputs[0], scale);
  },
  dispatches: (node, ctx) => [unaryDispatch(node, ctx)],
};

