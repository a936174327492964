// A pool node's window in its 2-D form (an NCL pool is the NCHW pool with H = 1, kernel height
// 1), shared by the shape rule, the CPU reference and the GPU program.
import { attrInts, attrNumber, type Attrs } from '../../graph/ir.js';
import { check, windowOut } from '../../graph/shape.js';
import { as4d, axes2d, spatialAxes, window2d, type Window2d } from '../conv/window.js';

export interface PoolDims extends Window2d {
  kernel: [number, number];
  H: number;
  W: number;
  OH: number;
  OW: number;
}

export function poolDims(x: number[], attrs: Attrs): PoolDims {
  const spatial = spatialAxes(x.length, 'pool');
  const k = attrInts(attrs, 'kernel');
  const kernel = axes2d(k, spatial, 'pool kernel');
  // The IR's strides default to the kernel (PyTorch's convention); the converter always sets them.
  const win = window2d(attrs, spatial, 'pool', k);
  const [, , H, W] = as4d(x);
  const [pt, pl, pb, pr] = win.pads;
  const ceil = Boolean(attrNumber(attrs, 'ceil_mode', 0));
  const OH = windowOut(H, kernel[0], win.strides[0], pt, pb, win.dilations[0], ceil);
  const OW = windowOut(W, kernel[1], win.strides[1], pl, pr, win.dilations[1], ceil);
  check(OH >= 1 && OW >= 1, `pool: kernel [${k}] with these pads and dilations does not fit input [${x}]`);
  return { ...win, kernel, H, W, OH, OW };
}
