// CPU reference for every op kind, and a graph interpreter built on it.
import { attrString, type Attrs, type Graph } from '../graph/ir.js';
import { splitPrescale } from '../graph/ops.js';
import { conv2d } from './conv.js';
import { BINARY, binary, channelScale, relu, sigmoid } from './elementwise.js';
import { batchnorm, matmul } from './linalg.js';
import { pool } from './pool.js';
import { prcm, prcmGate, reduceMeanHW } from './prcm.js';
import { resize } from './resize.js';
import type { Tensor } from './tensor.js';

export type ReferenceOp = (inputs: Tensor[], attrs: Attrs) => Tensor[];

const ops = new Map<string, ReferenceOp>();

export function registerReference(kind: string, fn: ReferenceOp): void {
  ops.set(kind, fn);
}

export function hasReference(kind: string): boolean {
  return ops.has(kind);
}

function withActivation(y: Tensor, attrs: Attrs): Tensor {
  return attrString(attrs, 'activation', 'none') === 'relu' ? relu(y) : y;
}

registerReference('conv2d', ([x, w, b], a) => [conv2d(x, w, b, a)]);
registerReference('relu', ([x]) => [relu(x)]);
registerReference('sigmoid', ([x]) => [sigmoid(x)]);
registerReference('identity', ([x]) => [x]);
for (const [kind, f] of Object.entries(BINARY)) registerReference(kind, ([a, b], attrs) => [withActivation(binary(a, b, f), attrs)]);
registerReference('maxpool2d', ([x], a) => [pool(x, a, 'max')]);
registerReference('avgpool2d', ([x], a) => [pool(x, a, 'avg')]);
registerReference('reduce_mean_hw', ([x]) => [reduceMeanHW(x)]);
registerReference('prcm_gate', ([ctx, basis, fuser]) => [prcmGate(ctx, basis, fuser)]);
registerReference('prcm', ([x, basis, fuser]) => [prcm(x, basis, fuser)]);
registerReference('batchnorm', ([x, s, b, m, v], a) => [batchnorm(x, s, b, m, v, a)]);
registerReference('resize', ([x], a) => [resize(x, a)]);
registerReference('resize_add', ([x, skip], a) => [binary(resize(x, a), skip, BINARY.add)]);
registerReference('matmul', ([a, b]) => [matmul(a, b)]);

/** Runs one node's reference, applying a fused prescale (last input) to input 0 first. */
export function runReferenceOp(kind: string, inputs: Tensor[], attrs: Attrs): Tensor[] {
  const fn = ops.get(kind);
  if (!fn) throw new Error(`no CPU reference for op '${kind}'`);
  const { main, scaled } = splitPrescale(inputs.map((t) => t.shape), attrs);
  if (!scaled) return fn(inputs, attrs);
  const args = inputs.slice(0, main);
  args[0] = channelScale(args[0], inputs[main]);
  return fn(args, attrs);
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
