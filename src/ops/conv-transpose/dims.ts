// A conv_transpose node's geometry in its 2-D form (an NCL transposed conv is the NCHW one with
// H = KH = 1), shared by the shape rule, the CPU reference, the cost rule and the GPU program.
import { attrInts, attrNumber, type Attrs } from '../../graph/ir.js';
import { check, expectRank } from '../../graph/shape.js';
import type { ConvDims } from '../conv/dims.js';
import { as4d, axes2d, spatialAxes, window2d } from '../conv/window.js';

/** The conv geometry record, plus the output padding only a transposed conv has. */
export interface ConvTransposeDims extends ConvDims {
  outputPadding: [number, number];
}

/** Output length of one axis: (in - 1) * s + (k - 1) * d + 1 - padBegin - padEnd + outputPadding. */
export function transposedLength(inSize: number, k: number, s: number, d: number, padBegin: number, padEnd: number, outputPadding: number): number {
  return (inSize - 1) * s + (k - 1) * d + 1 - padBegin - padEnd + outputPadding;
}

/** x [N, C, (H,) W], weight [C, OC / group, (KH,) KW] (ONNX's layout: input channels first). */
export function convTransposeDims(x: number[], w: number[], attrs: Attrs): ConvTransposeDims {
  const spatial = spatialAxes(x.length, 'conv_transpose');
  expectRank(w, x.length, 'conv_transpose weight');
  const win = window2d(attrs, spatial, 'conv_transpose');
  const outputPadding = axes2d(attrInts(attrs, 'output_padding', new Array<number>(spatial).fill(0)), spatial, 'conv_transpose output_padding', 0);
  const [N, C, H, W] = as4d(x);
  const [wc, ocPerGroup, KH, KW] = as4d(w);
  const group = attrNumber(attrs, 'group', 1);
  check(C === wc, `conv_transpose: input has ${C} channels, weight [${w}] expects ${wc}`);
  check(C % group === 0, `conv_transpose: ${C} input channels not divisible by group ${group}`);
  const [pt, pl, pb, pr] = win.pads;
  const [sh, sw] = win.strides;
  const [dh, dw] = win.dilations;
  const OH = transposedLength(H, KH, sh, dh, pt, pb, outputPadding[0]);
  const OW = transposedLength(W, KW, sw, dw, pl, pr, outputPadding[1]);
  check(OH >= 1 && OW >= 1, `conv_transpose: pads [${attrInts(attrs, 'pads', [])}] leave no output for input [${x}] and weight [${w}]`);
  return { ...win, spatial, N, C, H, W, OC: ocPerGroup * group, KH, KW, OH, OW, group, outputPadding };
}

export const convTransposeOutShape = (d: ConvTransposeDims): number[] => (d.spatial === 1 ? [d.N, d.OC, d.OW] : [d.N, d.OC, d.OH, d.OW]);

/** Pairs (input index i, tap k) of one axis whose output i * s - pad + k * d lands inside [0, out). */
export function realTaps(inSize: number, k: number, s: number, d: number, pad: number, out: number): number {
  let n = 0;
  for (let i = 0; i < inSize; i++) {
    for (let t = 0; t < k; t++) {
      const o = i * s - pad + t * d;
      if (o >= 0 && o < out) n++;
    }
  }
  return n;
}
