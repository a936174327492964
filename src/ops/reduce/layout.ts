// How a reduction walks its input, shared by the CPU reference and the GPU programs: the
// output shape, and the input dims split into kept runs (one output each) and reduced runs.
import { numel } from '../../graph/ir.js';
import { stridesOf } from '../../reference/tensor.js';

/** [size, stride] of one run of neighbouring dims. */
export type Run = [number, number];

export function reducedShape(shape: readonly number[], axes: readonly number[], keepdims: boolean): number[] {
  return shape.flatMap((d, i) => (axes.includes(i) ? (keepdims ? [1] : []) : [d]));
}

/**
 * Merges neighbouring dims that are both kept or both reduced (so most cases fit 4 + 4 runs),
 * outermost first. Each run's stride is its innermost dim's.
 */
export function splitDims(shape: readonly number[], axes: readonly number[]): { kept: Run[]; red: Run[] } {
  const st = stridesOf(shape);
  const kept: Run[] = [];
  const red: Run[] = [];
  let prev: boolean | undefined;
  shape.forEach((d, i) => {
    const r = axes.includes(i);
    const list = r ? red : kept;
    if (prev === r && list.length) list[list.length - 1] = [list[list.length - 1][0] * d, st[i]];
    else list.push([d, st[i]]);
    prev = r;
  });
  return { kept, red };
}

/** Input offset of item i of the runs (row-major over their sizes). */
export function runOffset(i: number, runs: readonly Run[]): number {
  let off = 0;
  for (let d = runs.length - 1; d >= 0; d--) {
    const [size, stride] = runs[d];
    off += (i % size) * stride;
    i = Math.floor(i / size);
  }
  return off;
}

/** Reduced elements per output. */
export const reducedCount = (red: readonly Run[]): number => numel(red.map((r) => r[0]));

/**
 * Whether the reduced dims are one trailing contiguous block, so every output reduces one
 * contiguous row (the per-plane programs' layout).
 */
export function trailingRows(shape: readonly number[], axes: readonly number[]): { rows: number; len: number } | undefined {
  const { kept, red } = splitDims(shape, axes);
  if (red.length !== 1 || red[0][1] !== 1) return undefined;
  return { rows: numel(kept.map((k) => k[0])), len: red[0][0] };
}
