// Conv -> BatchNormalization (inference) becomes one conv with scaled weights and a bias,
// as exporters without fusion write it. Only when the conv feeds nothing but the BN, so no
// other reader loses the un-normalized values.
import type { Graph, Node } from '../graph/ir.js';
import { foldBatchNorm } from './batchnorm.js';
import { hasSingleUse, producer, removeNodes } from './rewrite.js';

function freshName(g: Graph, base: string): string {
  let name = base;
  for (let k = 1; g.tensors.has(name); k++) name = `${base}_${k}`;
  return name;
}

function constData(g: Graph, name: string | undefined): Float32Array | undefined {
  return name === undefined ? undefined : g.tensors.get(name)?.data;
}

export function foldConvBatchNorm(g: Graph): number {
  const dead = new Set<Node>();
  for (const bn of g.nodes) {
    if (bn.op !== 'batchnorm') continue;
    const conv = producer(g, bn.inputs[0]);
    if (!conv || conv.op !== 'conv2d' || conv.attrs.activation || conv.attrs.prescale || !hasSingleUse(g, bn.inputs[0])) continue;
    const weight = constData(g, conv.inputs[1]);
    const oc = g.tensors.get(conv.inputs[1])!.shape[0];
    const bias = conv.inputs[2] === undefined ? new Float32Array(oc) : constData(g, conv.inputs[2]);
    if (!weight || !bias || bn.inputs.slice(1).some((t) => !constData(g, t))) continue;
    const folded = foldBatchNorm(g, bn, weight, bias);
    const w = freshName(g, `${conv.name}.weight`);
    g.tensors.set(w, { name: w, shape: [...g.tensors.get(conv.inputs[1])!.shape], dtype: 'float32', role: 'weight', data: folded.weight });
    const b = freshName(g, `${conv.name}.bias`);
    g.tensors.set(b, { name: b, shape: [oc], dtype: 'float32', role: 'weight', data: folded.bias });
    conv.inputs = [conv.inputs[0], w, b];
    conv.outputs = [...bn.outputs];
    dead.add(bn);
  }
  removeNodes(g, dead);
  return dead.size;
}
