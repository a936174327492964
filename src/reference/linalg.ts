// Matmul (numpy semantics, broadcast batch) and inference BatchNorm.
import { attrNumber, type Attrs } from '../graph/ir.js';
import { getOp } from '../graph/ops.js';
import { type Tensor, tensor, stridesOf } from './tensor.js';

export function matmul(a: Tensor, b: Tensor): Tensor {
  const [outShape] = getOp('matmul').inferShapes([a.shape, b.shape], {});
  const a2 = a.shape.length === 1 ? [1, a.shape[0]] : a.shape;
  const b2 = b.shape.length === 1 ? [b.shape[0], 1] : b.shape;
  const M = a2[a2.length - 2];
  const K = a2[a2.length - 1];
  const Nn = b2[b2.length - 1];
  const batchShape = outShape.slice(0, outShape.length - (a.shape.length > 1 ? 1 : 0) - (b.shape.length > 1 ? 1 : 0));
  const batch = batchShape.reduce((x, y) => x * y, 1);
  const y = tensor(outShape);
  const aOff = batchOffsets(a2.slice(0, -2), batchShape, M * K);
  const bOff = batchOffsets(b2.slice(0, -2), batchShape, K * Nn);
  for (let p = 0; p < batch; p++) {
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < Nn; j++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += a.data[aOff[p] + i * K + k] * b.data[bOff[p] + k * Nn + j];
        y.data[(p * M + i) * Nn + j] = s;
      }
    }
  }
  return y;
}

/** Element offset of each broadcast batch index into an operand with batch dims `own`. */
function batchOffsets(own: number[], target: number[], matSize: number): number[] {
  const total = target.reduce((x, y) => x * y, 1);
  const st = stridesOf(target);
  const so = stridesOf(own);
  const out: number[] = [];
  for (let p = 0; p < total; p++) {
    let off = 0;
    let rem = p;
    for (let d = 0; d < target.length; d++) {
      const q = Math.floor(rem / st[d]);
      rem -= q * st[d];
      const k = d - (target.length - own.length);
      if (k >= 0 && own[k] !== 1) off += q * so[k];
    }
    out.push(off * matSize);
  }
  return out;
}

export function batchnorm(x: Tensor, scale: Tensor, bias: Tensor, mean: Tensor, variance: Tensor, attrs: Attrs): Tensor {
  const eps = attrNumber(attrs, 'epsilon', 1e-5);
  const [N, C] = x.shape;
  const plane = x.data.length / (N * C);
  const y = tensor(x.shape);
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const k = scale.data[c] / Math.sqrt(variance.data[c] + eps);
      const b = bias.data[c] - mean.data[c] * k;
      const base = (n * C + c) * plane;
      for (let i = base; i < base + plane; i++) y.data[i] = x.data[i] * k + b;
    }
  }
  return y;
}
