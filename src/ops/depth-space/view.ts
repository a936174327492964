// DepthToSpace and SpaceToDepth as the spec defines them: a reshape of the NCHW input to six
// dims, a transpose, and a reshape to the output. The reference and the kernel both move data
// by this one view, so the kernel is a single strided copy.

export type DepthToSpaceMode = 'DCR' | 'CRD';

export interface BlockView {
  /** The input as six dims. */
  view: number[];
  /** The transpose applied to the view; the result, read in order, is the output. */
  perm: number[];
}

export function depthToSpaceView([n, c, h, w]: number[], b: number, mode: DepthToSpaceMode): BlockView {
  const depth = c / (b * b);
  // DCR: depth is the slowest of (block row, block column, depth); CRD: the fastest.
  return mode === 'DCR' ? { view: [n, b, b, depth, h, w], perm: [0, 3, 4, 1, 5, 2] } : { view: [n, depth, b, b, h, w], perm: [0, 1, 4, 2, 5, 3] };
}

export function spaceToDepthView([n, c, h, w]: number[], b: number): BlockView {
  return { view: [n, c, h / b, b, w / b, b], perm: [0, 3, 5, 1, 2, 4] };
}
