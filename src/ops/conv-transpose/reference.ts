// Transposed convolution (gradient of conv with respect to its input), written as the scatter
// the ONNX definition describes: every input value times every tap adds into output
// i * stride - pad + k * dilation, when that lands inside the output. Double accumulation.
import type { Attrs } from '../../graph/ir.js';
import { type Tensor, tensor } from '../../reference/tensor.js';
import { convTransposeDims, convTransposeOutShape } from './dims.js';

export function convTranspose(x: Tensor, w: Tensor, bias: Tensor | undefined, attrs: Attrs): Tensor {
  const d = convTransposeDims(x.shape, w.shape, attrs);
  const { N, C, H, W, OC, OH, OW, KH, KW, group } = d;
  const icPerGroup = C / group;
  const ocPerGroup = OC / group;
  const [sh, sw] = d.strides;
  const [pt, pl] = d.pads;
  const [dh, dw] = d.dilations;
  const y = tensor(convTransposeOutShape(d));
  const acc = new Float64Array(OH * OW);
  for (let n = 0; n < N; n++) {
    for (let oc = 0; oc < OC; oc++) {
      acc.fill(bias ? bias.data[oc] : 0);
      const g = Math.floor(oc / ocPerGroup);
      for (let ic = g * icPerGroup; ic < (g + 1) * icPerGroup; ic++) {
        const xc = (n * C + ic) * H * W;
        for (let kh = 0; kh < KH; kh++) {
          for (let kw = 0; kw < KW; kw++) {
            const wv = w.data[((ic * ocPerGroup + (oc % ocPerGroup)) * KH + kh) * KW + kw];
            for (let ih = 0; ih < H; ih++) {
              const oh = ih * sh - pt + kh * dh;
              if (oh < 0 || oh >= OH) continue;
              for (let iw = 0; iw < W; iw++) {
                const ow = iw * sw - pl + kw * dw;
                if (ow >= 0 && ow < OW) acc[oh * OW + ow] += wv * x.data[xc + ih * W + iw];
              }
            }
          }
        }
      }
      const base = (n * OC + oc) * OH * OW;
      for (let i = 0; i < OH * OW; i++) y.data[base + i] = acc[i];
    }
  }
  return y;
}
