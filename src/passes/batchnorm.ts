// Inference BatchNorm folded into per-output-channel weights and bias.
import { attrNumber, type Graph, type Node } from '../graph/ir.js';

/** Returns (w * gamma/sigma, (b - mean) * gamma/sigma + beta) for weights laid out [C, ...]. */
export function foldBatchNorm(g: Graph, bn: Node, weight: Float32Array, bias: Float32Array): { weight: Float32Array; bias: Float32Array } {
  const [scale, beta, mean, variance] = bn.inputs.slice(1).map((t) => {
    const d = g.tensors.get(t)?.data;
    if (!d) throw new Error(`batchnorm '${bn.name}': parameter '${t}' is not a constant`);
    return d;
  });
  const eps = attrNumber(bn.attrs, 'epsilon', 1e-5);
  const C = scale.length;
  const per = weight.length / C;
  const w = new Float32Array(weight.length);
  const b = new Float32Array(C);
  for (let c = 0; c < C; c++) {
    const k = scale[c] / Math.sqrt(variance[c] + eps);
    for (let i = 0; i < per; i++) w[c * per + i] = weight[c * per + i] * k;
    b[c] = (bias[c] - mean[c]) * k + beta[c];
  }
  return { weight: w, bias: b };
}
