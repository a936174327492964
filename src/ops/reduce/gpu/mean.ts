// reduce_mean over arbitrary axes (reduce_mean_hw has its own program). One output per
// invocation: the reduced region is small in the graphs that reach this kernel (heads, norms).
import { attrInts, numel, type Node } from '../../../graph/ir.js';
import { stridesOf } from '../../../reference/tensor.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ceilDiv, shapeOf } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import source from './mean.wgsl?raw';

const WG = 64;

/** Merges neighbouring dims that are both kept or both reduced, so most cases fit 4 + 4. */
export function splitDims(shape: number[], axes: number[]): { kept: [number, number][]; red: [number, number][] } {
  const st = stridesOf(shape);
  const kept: [number, number][] = [];
  const red: [number, number][] = [];
  let prev: boolean | undefined;
  shape.forEach((d, i) => {
    const r = axes.includes(i);
    const list = r ? red : kept;
    if (prev === r && list.length) list[list.length - 1] = [list[list.length - 1][0] * d, st[i]];
    else list.push([d, st[i]]);
    prev = r;
  });
  return { kept, red };
}

const pad4 = (dims: [number, number][]): [number[], number[]] => {
  const full = [...new Array<[number, number]>(4 - dims.length).fill([1, 0]), ...dims];
  return [full.map((d) => d[0]), full.map((d) => d[1])];
};

export const meanProgram = defineProgram({
  name: 'onnx_reduce_mean',
  source,
  uniforms: { items: 'u32', count: 'u32', inv_count: 'f32', kept_dim: ['u32', 4], kept_stride: ['u32', 4], red_dim: ['u32', 4], red_stride: ['u32', 4] },
  bindings: () => [{ name: 'y' }, { name: 'x' }],
  workgroupSize: () => WG,
});

function meanDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const { kept, red } = splitDims(shapeOf(ctx, node.inputs[0]), attrInts(node.attrs, 'axes'));
  const items = numel(kept.map((k) => k[0]));
  const count = numel(red.map((r) => r[0]));
  const [kd, ks] = pad4(kept);
  const [rd, rs] = pad4(red);
  return meanProgram.dispatch({
    variant: {},
    tensors: { y: node.outputs[0], x: node.inputs[0] },
    uniforms: { items, count, inv_count: 1 / count, kept_dim: kd, kept_stride: ks, red_dim: rd, red_stride: rs },
    workgroups: ceilDiv(items, WG),
    label: `${node.name} (reduce_mean)`,
  });
}

export const reduceMeanGeneralKernel: Kernel = {
  name: 'onnx_reduce_mean',
  ops: ['reduce_mean'],
  accepts(node, ctx) {
    const { kept, red } = splitDims(shapeOf(ctx, node.inputs[0]), attrInts(node.attrs, 'axes'));
    return !node.attrs.prescale && kept.length <= 4 && red.length <= 4;
  },
  dispatches: (node, ctx) => [meanDispatch(node, ctx)],
};
