// Max and average pooling with ONNX semantics: pads, strides, dilations, ceil_mode, count_include_pad
// (NCL input as NCHW with H = 1).
import { attrNumber, type Attrs } from '../../graph/ir.js';
import { type Tensor, tensor } from '../../reference/tensor.js';
import { toRank } from '../conv/window.js';
import { poolDims } from './dims.js';

export function pool(x: Tensor, attrs: Attrs, kind: 'max' | 'avg'): Tensor {
  const [N, C] = x.shape;
  const { H, W, OH, OW, kernel, strides, pads, dilations } = poolDims(x.shape, attrs);
  const [kh, kw] = kernel;
  const [sh, sw] = strides;
  const [pt, pl, pb, pr] = pads;
  const [dh, dw] = dilations;
  const includePad = Boolean(attrNumber(attrs, 'count_include_pad', 0));
  const y = tensor(toRank([N, C, OH, OW], x.shape.length));
  for (let nc = 0; nc < N * C; nc++) {
    const base = nc * H * W;
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        let best = -Infinity;
        let sum = 0;
        let count = 0;
        let padded = 0;
        for (let i = 0; i < kh; i++) {
          const ih = oh * sh - pt + i * dh;
          for (let j = 0; j < kw; j++) {
            const iw = ow * sw - pl + j * dw;
            if (ih < 0 || ih >= H || iw < 0 || iw >= W) {
              // Positions in explicit padding count for count_include_pad; ceil_mode overhang does not.
              if (ih < H + pb && iw < W + pr) padded++;
              continue;
            }
            const v = x.data[base + ih * W + iw];
            if (v > best) best = v;
            sum += v;
            count++;
          }
        }
        const denom = includePad ? count + padded : count;
        y.data[(nc * OH + oh) * OW + ow] = kind === 'max' ? best : sum / denom;
      }
    }
  }
  return y;
}
