// MatMul (numpy semantics, broadcast batch) and Gemm, double accumulation.
import { attrNumber, type Attrs } from '../../graph/ir.js';
import { type Tensor, tensor, stridesOf } from '../../reference/tensor.js';

export function matmul(a: Tensor, b: Tensor, outShape: number[]): Tensor {
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

export function gemm(a: Tensor, b: Tensor, c: Tensor | undefined, attrs: Attrs, [M, N]: number[]): Tensor {
  const ta = attrNumber(attrs, 'transA', 0) === 1;
  const tb = attrNumber(attrs, 'transB', 0) === 1;
  const alpha = attrNumber(attrs, 'alpha', 1);
  const beta = attrNumber(attrs, 'beta', 1);
  const K = ta ? a.shape[0] : a.shape[1];
  const y = tensor([M, N]);
  const cs = c ? stridesOf(c.shape).map((s, d) => (c.shape[d] === 1 ? 0 : s)) : [];
  for (let m = 0; m < M; m++) {
    for (let n = 0; n < N; n++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += a.data[ta ? k * M + m : m * K + k] * b.data[tb ? n * K + k : k * N + n];
      let bias = 0;
      if (c) bias = c.shape.length === 2 ? c.data[m * cs[0] + n * cs[1]] : c.shape.length === 1 ? c.data[n * cs[0]] : c.data[0];
      y.data[m * N + n] = alpha * s + beta * bias;
    }
  }
  return y;
}
