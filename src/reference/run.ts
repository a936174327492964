// The CPU reference of a whole graph, built on each op's reference: the source of truth for
// every GPU test. A fused prescale (last input) scales input 0 first; a fused activation (a
// unary kind in attrs.activation) is applied to the result.
import { attrString, type Attrs, type Graph } from '../graph/ir.js';
import { splitPrescale } from '../graph/shape.js';
import { getOp } from '../ops/registry.js';
import { activationAttrs } from '../ops/unary/epilogue.js';
import { channelScale } from './elementwise.js';
import type { Tensor } from './tensor.js';

/** Runs one node's reference, with its fused prescale and activation. */
export function runReferenceOp(kind: string, inputs: Tensor[], attrs: Attrs): Tensor[] {
  const { main, scaled } = splitPrescale(inputs.map((t) => t.shape), attrs);
  const args = inputs.slice(0, main);
  if (scaled) args[0] = channelScale(args[0], inputs[main]);
  const outs = getOp(kind).reference(args, attrs);
  const act = attrString(attrs, 'activation', 'none');
  return act === 'none' ? outs : outs.map((y) => getOp(act).reference([y], activationAttrs(attrs))[0]);
}

export interface ReferenceRun {
  outputs: Map<string, Tensor>;
  /** Every tensor computed, when keepAll is set (for per-node comparisons). */
  all: Map<string, Tensor>;
}

export function runReference(g: Graph, feeds: Record<string, Tensor>, keepAll = false): ReferenceRun {
  const values = new Map<string, Tensor>();
  for (const name of g.inputs) {
    const t = feeds[name];
    if (!t) throw new Error(`missing input '${name}'`);
    const want = g.tensors.get(name)!.shape;
    if (t.shape.join() !== want.join()) throw new Error(`input '${name}' has shape [${t.shape}], the graph expects [${want}]`);
    values.set(name, t);
  }
  for (const t of g.tensors.values()) if (t.role === 'weight' && t.data) values.set(t.name, { shape: t.shape, data: t.data });
  const lastUse = new Map<string, number>();
  g.nodes.forEach((n, i) => n.inputs.forEach((x) => lastUse.set(x, i)));
  const keep = new Set(g.outputs);
  g.nodes.forEach((node, i) => {
    const ins = node.inputs.map((name) => {
      const v = values.get(name);
      if (!v) throw new Error(`node '${node.name}' reads '${name}', which has no value`);
      return v;
    });
    const outs = runReferenceOp(node.op, ins, node.attrs);
    node.outputs.forEach((o, k) => values.set(o, outs[k]));
    // Free dead activations so 512x512 runs fit comfortably in memory.
    if (!keepAll) for (const name of node.inputs) if (lastUse.get(name) === i && !keep.has(name) && g.tensors.get(name)?.role !== 'weight') values.delete(name);
  });
  const outputs = new Map(g.outputs.map((o) => [o, values.get(o)!]));
  return { outputs, all: keepAll ? values : outputs };
}
