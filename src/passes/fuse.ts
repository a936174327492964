// Fusions that let the runtime skip full passes over feature maps (activations and residual
// adds: epilogue.ts): resize+add, and PRCM split into a gate whose channel scale is applied
// by the next kernel on read (attrs.prescale) instead of a separate multiply pass.
import type { Graph, Node } from '../graph/ir.js';
import { getOp, hasOp } from '../ops/registry.js';
import { consumers, hasSingleUse, producer, removeNodes } from './rewrite.js';

export function fuseResizeAdd(g: Graph): void {
  const dead = new Set<Node>();
  for (const add of g.nodes) {
    if (add.op !== 'add' || add.attrs.prescale || add.attrs.activation) continue;
    const idx = add.inputs.findIndex((t) => producer(g, t)?.op === 'resize' && hasSingleUse(g, t));
    if (idx < 0) continue;
    const resize = producer(g, add.inputs[idx])!;
    const skip = add.inputs[1 - idx];
    if (g.tensors.get(skip)!.shape.join() !== g.tensors.get(add.outputs[0])!.shape.join()) continue;
    add.op = 'resize_add';
    add.inputs = [resize.inputs[0], skip];
    add.attrs = { ...resize.attrs };
    dead.add(resize);
  }
  removeNodes(g, dead);
}

/** prcm(x) -> mul(x, prcm_gate(reduce_mean_hw(x))). */
export function splitPrcm(g: Graph): void {
  const nodes: Node[] = [];
  for (const n of g.nodes) {
    if (n.op !== 'prcm') {
      nodes.push(n);
      continue;
    }
    const [x, basis, fuser] = n.inputs;
    const [N, C] = g.tensors.get(x)!.shape;
    const ctx = `${n.name}.ctx`;
    const gate = `${n.name}.gate`;
    for (const t of [ctx, gate]) g.tensors.set(t, { name: t, shape: [N, C, 1, 1], dtype: 'float32', role: 'activation' });
    nodes.push(
      { name: ctx, op: 'reduce_mean_hw', inputs: [x], outputs: [ctx], attrs: {}, layer: n.layer },
      { name: gate, op: 'prcm_gate', inputs: [ctx, basis, fuser], outputs: [gate], attrs: {}, layer: n.layer },
      { name: n.name, op: 'mul', inputs: [x, gate], outputs: n.outputs, attrs: {}, layer: n.layer },
    );
  }
  g.nodes = nodes;
}

/** Ops whose kernels apply a per-(n,c) scale to input 0 on read (their op module's fusion rule). */
function canPrescale(n: Node, g: Graph): boolean {
  return !n.attrs.prescale && hasOp(n.op) && (getOp(n.op).fusion?.prescale?.(n, g) ?? false);
}

/** mul(x, s) or mul(s, x) with s [N,C,1,1] scaling a larger x [N,C,H,W]: [x, s], else undefined. */
function channelScaleOperands(n: Node, g: Graph): [string, string] | undefined {
  if (n.op !== 'mul' || n.attrs.prescale || (n.attrs.activation ?? 'none') !== 'none' || n.inputs.length !== 2) return undefined;
  for (const [a, b] of [n.inputs, [n.inputs[1], n.inputs[0]]]) {
    const [x, s] = [a, b].map((t) => g.tensors.get(t)!.shape);
    if (x.length === 4 && s.length === 4 && s[0] === x[0] && s[1] === x[1] && s[2] === 1 && s[3] === 1 && (x[2] > 1 || x[3] > 1)) return [a, b];
  }
  return undefined;
}

/** Moves mul(x, s[N,C,1,1]) (either operand order, as SE blocks write it) into every consumer's read when all consumers can take it. */
export function foldChannelScale(g: Graph): void {
  const dead = new Set<Node>();
  for (const mul of g.nodes) {
    const operands = channelScaleOperands(mul, g);
    if (!operands || g.outputs.includes(mul.outputs[0])) continue;
    const out = mul.outputs[0];
    const users = consumers(g, out);
    const foldable = users.every((u) => canPrescale(u, g) && u.inputs.filter((i) => i === out).length === 1 && (u.inputs[0] === out || (u.op === 'add' && u.inputs[1] === out)));
    if (!users.length || !foldable) continue;
    const [x, s] = operands;
    for (const u of users) {
      if (u.inputs[0] !== out) u.inputs = [u.inputs[1], u.inputs[0]];
      u.inputs = [x, ...u.inputs.slice(1), s];
      u.attrs.prescale = true;
    }
    dead.add(mul);
  }
  removeNodes(g, dead);
}
