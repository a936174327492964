// Element-wise building blocks of the CPU references: a unary map, numpy-style broadcasting of
// a binary function, a per-(n, c) channel scale, and an index walk over any shape.
import { numel } from '../graph/ir.js';
import { broadcastShapes } from '../graph/shape.js';
import { type Tensor, tensor, stridesOf } from './tensor.js';

export function unary(x: Tensor, f: (v: number) => number): Tensor {
  const y = tensor(x.shape);
  for (let i = 0; i < x.data.length; i++) y.data[i] = f(x.data[i]);
  return y;
}

/** Numpy-style broadcasting. */
export function binary(a: Tensor, b: Tensor, f: (a: number, b: number) => number): Tensor {
  const shape = broadcastShapes(a.shape, b.shape);
  const y = tensor(shape);
  if (a.data.length === y.data.length && b.data.length === y.data.length) {
    for (let i = 0; i < y.data.length; i++) y.data[i] = f(a.data[i], b.data[i]);
    return y;
  }
  const sa = broadcastStrides(a.shape, shape);
  const sb = broadcastStrides(b.shape, shape);
  const so = stridesOf(shape);
  for (let i = 0; i < y.data.length; i++) {
    let ia = 0;
    let ib = 0;
    let rem = i;
    for (let d = 0; d < shape.length; d++) {
      const q = Math.floor(rem / so[d]);
      rem -= q * so[d];
      ia += q * sa[d];
      ib += q * sb[d];
    }
    y.data[i] = f(a.data[ia], b.data[ib]);
  }
  return y;
}

/** Strides of `shape` viewed in `target`'s rank, 0 along broadcast dimensions. */
function broadcastStrides(shape: number[], target: number[]): number[] {
  const own = stridesOf(shape);
  return target.map((_, d) => {
    const k = d - (target.length - shape.length);
    return k < 0 || shape[k] === 1 ? 0 : own[k];
  });
}

/** x [N,C,...] scaled per (n,c) by s [N,C,1,1]. */
export function channelScale(x: Tensor, s: Tensor): Tensor {
  const [N, C] = x.shape;
  if (s.data.length !== N * C) throw new Error(`channel scale of shape [${s.shape}] does not fit input [${x.shape}]`);
  const plane = x.data.length / (N * C);
  const y = tensor(x.shape);
  for (let nc = 0; nc < N * C; nc++) {
    const v = s.data[nc];
    for (let i = nc * plane; i < (nc + 1) * plane; i++) y.data[i] = x.data[i] * v;
  }
  return y;
}

/** Visits every index of `shape` in row-major order with its coordinates (reused between calls). */
export function forEachIndex(shape: number[], fn: (i: number, coords: number[]) => void): void {
  const coords = shape.map(() => 0);
  const n = numel(shape);
  for (let i = 0; i < n; i++) {
    fn(i, coords);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++coords[d] < shape[d]) break;
      coords[d] = 0;
    }
  }
}
