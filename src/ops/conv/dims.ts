// A conv2d node's geometry in its 2-D form (an NCL conv is the NCHW conv with H = KH = 1),
// shared by the shape rule, the CPU reference, the kernel-class rule and the GPU programs so
// they can never disagree on what a 1-D attribute means.
import { attrNumber, type Attrs } from '../../graph/ir.js';
import { check, expectRank, windowOut } from '../../graph/shape.js';
import { as4d, spatialAxes, window2d, type Window2d } from './window.js';

export interface ConvDims extends Window2d {
  /** Spatial axes of the node as written (1: NCL, 2: NCHW). */
  spatial: 1 | 2;
  N: number;
  C: number;
  H: number;
  W: number;
  OC: number;
  KH: number;
  KW: number;
  OH: number;
  OW: number;
  group: number;
}

export function convDims(x: number[], w: number[], attrs: Attrs): ConvDims {
  const spatial = spatialAxes(x.length, 'conv2d');
  expectRank(w, x.length, 'conv2d weight');
  const win = window2d(attrs, spatial, 'conv2d');
  const [N, C, H, W] = as4d(x);
  const [OC, icPerGroup, KH, KW] = as4d(w);
  const group = attrNumber(attrs, 'group', 1);
  check(C === icPerGroup * group, `conv2d: input has ${C} channels, weight expects ${icPerGroup} x group ${group}`);
  check(OC % group === 0, `conv2d: ${OC} output channels not divisible by group ${group}`);
  const [pt, pl, pb, pr] = win.pads;
  const OH = windowOut(H, KH, win.strides[0], pt, pb, win.dilations[0]);
  const OW = windowOut(W, KW, win.strides[1], pl, pr, win.dilations[1]);
  check(OH >= 1 && OW >= 1, `conv2d: the window (kernel [${w.slice(2)}], dilations, pads) does not fit input [${x}]`);
  return { ...win, spatial, N, C, H, W, OC, KH, KW, OH, OW, group };
}

/** The output shape at the node's own rank. */
export const convOutShape = (d: ConvDims): number[] => (d.spatial === 1 ? [d.N, d.OC, d.OW] : [d.N, d.OC, d.OH, d.OW]);
