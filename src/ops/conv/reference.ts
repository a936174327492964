// Direct convolution (any groups, strides, pads, dilations; NCL as NCHW with H = 1), double
// accumulation.
import type { Attrs } from '../../graph/ir.js';
import { type Tensor, tensor } from '../../reference/tensor.js';
import { convDims, convOutShape } from './dims.js';

/** With `residual` (the output's shape) added to every output, as a fused residual Add. */
export function conv2d(x: Tensor, w: Tensor, bias: Tensor | undefined, attrs: Attrs, residual?: Tensor): Tensor {
  const d = convDims(x.shape, w.shape, attrs);
  const { N, C, H, W, OC, OH, OW, KH, KW, group } = d;
  const icPerGroup = C / group;
  const ocPerGroup = OC / group;
  const [sh, sw] = d.strides;
  const [pt, pl] = d.pads;
  const [dh, dw] = d.dilations;
  const y = tensor(convOutShape(d));
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
      for (let i = 0; i < OH * OW; i++) y.data[base + i] = residual ? acc[i] + residual.data[base + i] : acc[i];
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
