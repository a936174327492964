// Direct convolution (any groups, strides, pads, dilations), double accumulation.
import { attrInts, attrNumber, type Attrs } from '../../graph/ir.js';
import { type Tensor, tensor } from '../../reference/tensor.js';

export function conv2d(x: Tensor, w: Tensor, bias: Tensor | undefined, attrs: Attrs, out: number[]): Tensor {
  const [N, C, H, W] = x.shape;
  const [, OC, OH, OW] = out;
  const [, icPerGroup, KH, KW] = w.shape;
  const group = attrNumber(attrs, 'group', 1);
  const ocPerGroup = OC / group;
  const [sh, sw] = attrInts(attrs, 'strides', [1, 1]);
  const [pt, pl] = attrInts(attrs, 'pads', [0, 0, 0, 0]);
  const [dh, dw] = attrInts(attrs, 'dilations', [1, 1]);
  const y = tensor(out);
  const acc = new Float64Array(OH * OW);
  for (let n = 0; n < N; n++) {
    for (let oc = 0; oc < OC; oc++) {
      acc.fill(bias ? bias.data[oc] : 0);
      const g = Math.floor(oc / ocPerGroup);
      for (let ic = 0; ic < icPerGroup; ic++) {
        const xc = (n * C + g * icPerGroup + ic) * H * W;
        for (let kh = 0; kh < KH; kh++) {
          for (let kw = 0; kw < KW; kw++) {
            const wv = w.data[((oc * icPerGroup + ic) * KH + kh) * KW + kw];
            accumulateTap(acc, x.data, xc, wv, { H, W, OH, OW, sh, sw, offH: kh * dh - pt, offW: kw * dw - pl });
          }
        }
      }
      const base = (n * OC + oc) * OH * OW;
      for (let i = 0; i < OH * OW; i++) y.data[base + i] = acc[i];
    }
  }
  return y;
}

interface TapGeometry {
  H: number;
  W: number;
  OH: number;
  OW: number;
  sh: number;
  sw: number;
  offH: number;
  offW: number;
}

/** acc[oh, ow] += wv * x[oh*sh + offH, ow*sw + offW] over the in-bounds outputs. */
function accumulateTap(acc: Float64Array, x: Float32Array, xc: number, wv: number, t: TapGeometry): void {
  const ohLo = Math.max(0, Math.ceil(-t.offH / t.sh));
  const ohHi = Math.min(t.OH, Math.floor((t.H - 1 - t.offH) / t.sh) + 1);
  const owLo = Math.max(0, Math.ceil(-t.offW / t.sw));
  const owHi = Math.min(t.OW, Math.floor((t.W - 1 - t.offW) / t.sw) + 1);
  for (let oh = ohLo; oh < ohHi; oh++) {
    const row = xc + (oh * t.sh + t.offH) * t.W + t.offW;
    const arow = oh * t.OW;
    for (let ow = owLo; ow < owHi; ow++) acc[arow + ow] += wv * x[row + ow * t.sw];
  }
}
