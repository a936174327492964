// The binary program: any row of the binary table with numpy broadcasting, optional prescale
// on input 0 and optional fused activation. Planes fast path (same shape, per-channel, scalar
// operands), generic strided path for any other broadcast up to rank 6.
import { attrString, numel, type Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { ELEMENTWISE_OPI, ceilDiv, mainInputs, padTo, prescaleFits, shapeOf } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import { activationExpr, fusableActivation } from '../../unary/epilogue.js';
import { BINARY_ROWS, binaryRow } from '../op.js';
import source from './binary.wgsl?raw';

const WG = 64;
const MAX_RANK = 6;

/** How an operand covers the output viewed as planes (n, c): full, per-(n,c), per-c, scalar. */
type Kind = 0 | 1 | 2 | 3;

/** `same`: both operands are one tensor (x * x), bound once, since WebGPU forbids two writable bindings of one range. */
type BinaryVariant = { op: string; act: string; prescale: boolean; generic: boolean; vec4: boolean; aKind: number; bKind: number; same: boolean };

export const binaryProgram = defineProgram({
  name: 'binary',
  source,
  uniforms: { items: 'u32', plane: 'u32', c: 'u32', dims: ['u32', MAX_RANK], sa: ['u32', MAX_RANK], sb: ['u32', MAX_RANK], a_plane: 'u32' },
  bindings: (v: BinaryVariant) => {
    const t = (full: boolean) => (full && v.vec4 ? 'vec4<f32>' : 'f32');
    return [{ name: 'y', type: t(true) }, { name: 'a', type: t(v.aKind === 0) }, ...(v.same ? [] : [{ name: 'b', type: t(v.bKind === 0) }]), ...(v.prescale ? [{ name: 's' }] : [])];
  },
  workgroupSize: () => WG,
  defs: (v) => ({
    EXPR: binaryRow(v.op)!.wgsl,
    HELPERS: binaryRow(v.op)!.helpers ?? '',
    ACT_EXPR: activationExpr(v.act),
    OPI: ELEMENTWISE_OPI,
    PRESCALE: v.prescale,
    GENERIC: v.generic,
    A_KIND: v.aKind,
    B_KIND: v.bKind,
    A_FULL: v.aKind === 0,
    B_FULL: v.bKind === 0,
    B: v.same ? 'a' : 'b',
    T: v.vec4 ? 'vec4<f32>' : 'f32',
  }),
});

/** Output shape as [N, C, plane]: rank 0/1 tensors are one plane. */
function planes(out: number[]): { c: number; plane: number } {
  if (out.length < 2) return { c: 1, plane: numel(out) };
  return { c: out[1], plane: numel(out.slice(2)) };
}

function kindOf(shape: number[], out: number[]): Kind | undefined {
  const p = padTo(shape, out.length);
  if (p.every((d, i) => d === out[i])) return 0;
  if (numel(shape) === 1) return 3;
  if (out.length < 2 || p.slice(2).some((d) => d !== 1) || p[1] !== out[1]) return undefined;
  if (p[0] === out[0]) return 1;
  return p[0] === 1 ? 2 : undefined;
}

/** Strides of `shape` in `out`'s rank (padded to MAX_RANK), 0 along broadcast dims. */
function broadcastStrides(shape: number[], out: number[]): number[] {
  const p = padTo(shape, MAX_RANK);
  const o = padTo(out, MAX_RANK);
  const strides = new Array<number>(MAX_RANK).fill(0);
  let acc = 1;
  for (let d = MAX_RANK - 1; d >= 0; d--) {
    strides[d] = p[d] === 1 && o[d] !== 1 ? 0 : acc;
    acc *= p[d];
  }
  return strides;
}

export function binaryDispatch(node: Node, ctx: KernelContext): DispatchSpec {
  const { inputs, scale } = mainInputs(node);
  const [sa, sb] = inputs.map((t) => shapeOf(ctx, t));
  const out = shapeOf(ctx, node.outputs[0]);
  const { c, plane } = planes(out);
  const ka = kindOf(sa, out);
  const kb = kindOf(sb, out);
  const prescale = scale !== undefined;
  const generic = ka === undefined || kb === undefined || (ka !== 0 && kb !== 0) || (prescale && ka !== 0);
  const vec4 = !generic && plane % 4 === 0;
  const items = numel(out) / (vec4 ? 4 : 1);
  const act = attrString(node.attrs, 'activation', 'none');
  return binaryProgram.dispatch({
    variant: { op: node.op, act, prescale, generic, vec4, aKind: generic ? 0 : ka!, bKind: generic ? 0 : kb!, same: inputs[0] === inputs[1] },
    tensors: { y: node.outputs[0], a: inputs[0], b: inputs[0] === inputs[1] ? undefined : inputs[1], s: scale },
    uniforms: {
      items,
      plane: plane / (vec4 ? 4 : 1),
      c,
      dims: padTo(out, MAX_RANK),
      sa: broadcastStrides(sa, out),
      sb: broadcastStrides(sb, out),
      a_plane: sa.length >= 2 ? numel(sa.slice(2)) : 1,
    },
    workgroups: ceilDiv(items, WG * ELEMENTWISE_OPI),
    label: `${node.name} (${node.op}${generic ? ' generic' : ''})`,
  });
}

export const binaryKernel: Kernel = {
  name: 'binary',
  ops: BINARY_ROWS.map((r) => r.kind),
  accepts(node, ctx) {
    const { inputs, scale } = mainInputs(node);
    const out = shapeOf(ctx, node.outputs[0]);
    return inputs.length === 2 && out.length <= MAX_RANK && prescaleFits(ctx, inputs[0], scale) && fusableActivation(attrString(node.attrs, 'activation', 'none'));
  },
  dispatches: (node, ctx) => [binaryDispatch(node, ctx)],
};

export const BINARY_KERNELS: readonly Kernel[] = [binaryKernel];
