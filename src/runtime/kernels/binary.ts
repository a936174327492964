// add / sub / mul / div with numpy broadcasting, optional prescale on input 0 and optional
// fused ReLU (attrs.activation). Planes fast path (same shape, per-channel, scalar operands),
// generic strided path for any other broadcast up to rank 6.
import { attrString, numel, type Node } from '../../graph/ir.js';
import { Uniforms, type DispatchSpec, type Kernel, type KernelContext } from '../kernel.js';
import src from '../../../shaders/binary.wgsl?raw';
import { ELEMENTWISE_OPI, ceilDiv, dispatch, mainInputs, prescaleFits, shapeOf } from './misc-util.js';

const WG = 64;
const OPS = ['add', 'sub', 'mul', 'div'];
const MAX_RANK = 6;

/** How an operand covers the output viewed as planes (n, c): full, per-(n,c), per-c, scalar. */
type Kind = 0 | 1 | 2 | 3;

function padTo(shape: number[], rank: number): number[] {
  return [...new Array<number>(rank - shape.length).fill(1), ...shape];
}

/** Output shape as [N, C, plane]: rank 0/1 tensors are one plane. */
function planes(out: number[]): { n: number; c: number; plane: number } {
  if (out.length < 2) return { n: 1, c: 1, plane: numel(out) };
  return { n: out[0], c: out[1], plane: numel(out.slice(2)) };
}

function kindOf(shape: number[], out: number[]): Kind | undefined {
  const p = padTo(shape, out.length);
  if (p.every((d, i) => d === out[i])) return 0;
  if (numel(shape) === 1) return 3;
  if (out.length < 2 || p.slice(2).some((d) => d !== 1) || p[1] !== out[1]) return undefined;
  if (p[0] === out[0]) return 1;
  return p[0] === 1 ? 2 : undefined;
}

function activation(node: Node): boolean {
  const act = attrString(node.attrs, 'activation', 'none');
  if (act !== 'none' && act !== 'relu') throw new Error(`node '${node.name}': unsupported activation '${act}'`);
  return act === 'relu';
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
  const per = vec4 ? 4 : 1;
  const items = numel(out) / per;
  const workgroups = ceilDiv(items, WG * ELEMENTWISE_OPI);
  const tensors = [node.outputs[0], inputs[0], inputs[1], ...(scale ? [scale] : [])];
  const pad8 = (v: number[]) => [...padTo(v, MAX_RANK), 0, 0];
  const aPlane = sa.length >= 2 ? numel(sa.slice(2)) : 1;
  const u = new Uniforms()
    .u32(items, plane / per, c, workgroups)
    .u32(...pad8(out), ...pad8(broadcastStrides(sa, out)), ...pad8(broadcastStrides(sb, out)), aPlane)
    .done();
  const relu = activation(node);
  const op = OPS.indexOf(node.op);
  const aKind = generic ? 0 : ka!;
  const bKind = generic ? 0 : kb!;
  const key = { kernel: 'binary', variant: { op, relu, prescale, generic, vec4, aKind, bKind } };
  const t = (full: boolean) => (full && vec4 ? 'vec4<f32>' : 'f32');
  const defs = {
    WG, OPI: ELEMENTWISE_OPI, OP: op, RELU: relu, PRESCALE: prescale, GENERIC: generic, A_KIND: aKind, B_KIND: bKind,
    A_FULL: aKind === 0, B_FULL: bKind === 0, YT: t(true), AT: t(aKind === 0), BT: t(bKind === 0), UB: tensors.length,
  };
  return dispatch(src, key, tensors, u, workgroups, `${node.name} (${node.op}${generic ? ' generic' : ''})`, defs);
}

export const binaryKernel: Kernel = {
  name: 'binary',
  ops: OPS,
  accepts(node, ctx) {
    const { inputs, scale } = mainInputs(node);
    const out = shapeOf(ctx, node.outputs[0]);
    return inputs.length === 2 && out.length <= MAX_RANK && prescaleFits(ctx, inputs[0], scale);
  },
  dispatches: (node, ctx) => [binaryDispatch(node, ctx)],
};
