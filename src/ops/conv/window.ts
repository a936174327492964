// Sliding-window attributes over one or two spatial axes, in their 2-D form. Conv, pooling
// and transposed conv accept NCL input (PyTorch's Conv1d / MaxPool1d / AvgPool1d export as
// Conv / MaxPool / AveragePool on rank 3) as the NCHW map [N, C, 1, L]: the attribute arrays
// of length 1 (kernel, strides, dilations) and 2 (pads) gain the neutral H entries, so one
// shape rule, reference and kernel serve both without a copy pass.
import { attrInts, type Attrs } from '../../graph/ir.js';
import { check } from '../../graph/shape.js';

export interface Window2d {
  strides: [number, number];
  /** [top, left, bottom, right] */
  pads: [number, number, number, number];
  dilations: [number, number];
}

const ones = (n: number): number[] => new Array<number>(n).fill(1);

/** Spatial axes of a feature map of this rank (1 for NCL, 2 for NCHW); throws for any other. */
export function spatialAxes(rank: number, what: string): 1 | 2 {
  check(rank === 3 || rank === 4, `${what}: input must be NCL (rank 3) or NCHW (rank 4), got rank ${rank}`);
  return rank === 3 ? 1 : 2;
}

/** One per-axis attribute as [H, W] values; `fill` is the H value of a 1-D window. */
export function axes2d(values: number[], spatial: 1 | 2, what: string, fill = 1): [number, number] {
  check(values.length === spatial, `${what} [${values}] must have ${spatial} value${spatial === 1 ? '' : 's'}`);
  return spatial === 1 ? [fill, values[0]] : [values[0], values[1]];
}

/** [begin..., end...] pads as [top, left, bottom, right]. */
export function pads2d(values: number[], spatial: 1 | 2, what: string): [number, number, number, number] {
  check(values.length === 2 * spatial, `${what} pads [${values}] must have ${2 * spatial} values`);
  return spatial === 1 ? [0, values[0], 0, values[1]] : [values[0], values[1], values[2], values[3]];
}

/**
 * strides, pads and dilations of a window op as the 2-D form. `strideDefault` is what strides
 * default to (ones for conv, the kernel for the pools' IR form).
 */
export function window2d(attrs: Attrs, spatial: 1 | 2, what: string, strideDefault: number[] = ones(spatial)): Window2d {
  return {
    strides: axes2d(attrInts(attrs, 'strides', strideDefault), spatial, `${what} strides`),
    pads: pads2d(attrInts(attrs, 'pads', new Array<number>(2 * spatial).fill(0)), spatial, what),
    dilations: axes2d(attrInts(attrs, 'dilations', ones(spatial)), spatial, `${what} dilations`),
  };
}

/** A shape [N, C, L] as [N, C, 1, L]; rank 4 unchanged. */
export const as4d = (shape: number[]): number[] => (shape.length === 3 ? [shape[0], shape[1], 1, shape[2]] : shape);

/** An [N, C, 1, L] result back to the caller's rank. */
export const toRank = (shape4: number[], rank: number): number[] => (rank === 3 ? [shape4[0], shape4[1], shape4[3]] : shape4);
