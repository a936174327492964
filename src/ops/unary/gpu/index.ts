// The unary program: any row of the unary table, optional prescale on the input; vec4 where a
// vec4 stays inside one (n, c) plane.
import { numel, type Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ELEMENTWISE_OPI, ceilDiv, mainInputs, planeOf, prescaleFits, shapeOf } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import { UNARY_ROWS, unaryRow } from '../op.js';
import source from './unary.wgsl?raw';

const WG = 64;

type UnaryVariant = { fn: string; prescale: boolean; vec4: boolean; opi: number };

export const unaryProgram = defineProgram({
  name: 'unary',
  source,
  uniforms: { items: 'u32', plane: 'u32', alpha: 'f32', beta: 'f32' },
  bindings: (v: UnaryVariant) => [
    { name: 'y', type: v.vec4 ? 'vec4<f32>' : 'f32' },
    { name: 'x', type: v.vec4 ? 'vec4<f32>' : 'f32' },
    ...(v.prescale ? [{ name: 's' }] : []),
  ],
  workgroupSize: () => WG,
  defs: (v) => {
    const row = unaryRow(v.fn)!;
    return { EXPR: row.wgsl, HELPERS: row.helpers ?? '', T: v.vec4 ? 'vec4<f32>' : 'f32', PRESCALE: v.prescale, OPI: v.opi };
  },
});

export function unaryDispatch(node: Node, ctx: KernelContext, opi = ELEMENTWISE_OPI): DispatchSpec {
  const { inputs, scale } = mainInputs(node);
  const shape = shapeOf(ctx, inputs[0]);
  const prescale = scale !== undefined;
  const plane = planeOf(shape);
  const vec4 = prescale ? plane % 4 === 0 : numel(shape) % 4 === 0;
  const per = vec4 ? 4 : 1;
  const items = numel(shape) / per;
  const [alpha, beta] = unaryRow(node.op)!.params?.(node.attrs) ?? [0, 0];
  return unaryProgram.dispatch({
    variant: { fn: node.op, prescale, vec4, opi },
    tensors: { y: node.outputs[0], x: inputs[0], s: scale },
    uniforms: { items, plane: prescale ? plane / per : 1, alpha, beta },
    workgroups: ceilDiv(items, WG * opi),
    label: `${node.name} (${node.op})`,
  });
}

export const unaryKernel: Kernel = {
  name: 'unary',
  ops: UNARY_ROWS.map((r) => r.kind),
  accepts(node, ctx) {
    const { inputs, scale } = mainInputs(node);
    return inputs.length === 1 && prescaleFits(ctx, inputs[0], scale);
  },
  dispatches: (node, ctx) => [unaryDispatch(node, ctx)],
};

export const UNARY_KERNELS: readonly Kernel[] = [unaryKernel];
