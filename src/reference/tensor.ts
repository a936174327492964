// Dense float32 tensors for the CPU reference (the source of truth for GPU tests).
import { numel } from '../graph/ir.js';

export interface Tensor {
  shape: number[];
  data: Float32Array;
}

export function tensor(shape: number[], data?: Float32Array | number[]): Tensor {
  const n = numel(shape);
  const d = data === undefined ? new Float32Array(n) : data instanceof Float32Array ? data : Float32Array.from(data);
  if (d.length !== n) throw new Error(`tensor of shape [${shape}] needs ${n} values, got ${d.length}`);
  return { shape: [...shape], data: d };
}

export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

export interface ErrorStats {
  maxAbsError: number;
  maxAbsRef: number;
  /** max|y - ref| / max|ref|: the project's default error measure. */
  maxRelError: number;
}

export function compare(y: Float32Array, ref: Float32Array): ErrorStats {
  if (y.length !== ref.length) throw new Error(`cannot compare ${y.length} values with ${ref.length}`);
  let maxAbsError = 0;
  let maxAbsRef = 0;
  for (let i = 0; i < y.length; i++) {
    const e = Math.abs(y[i] - ref[i]);
    // NaN must fail a comparison, never pass it.
    if (!(e <= maxAbsError)) maxAbsError = Number.isNaN(e) ? Infinity : e;
    const r = Math.abs(ref[i]);
    if (r > maxAbsRef) maxAbsRef = r;
  }
  return { maxAbsError, maxAbsRef, maxRelError: maxAbsRef > 0 ? maxAbsError / maxAbsRef : maxAbsError };
}
