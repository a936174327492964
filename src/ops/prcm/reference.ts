// PRCM: ctx = mean_hw(x); coeff = ctx @ basis^T; w = sigmoid(coeff @ fuser^T); out = x * w.
import { type Tensor, tensor } from '../../reference/tensor.js';
import { channelScale } from '../../reference/elementwise.js';
import { reduceMeanHW } from '../reduce/op.js';

/** basis [B, C], fuser [C, B]; returns w [N, C, 1, 1]. */
export function prcmGate(ctx: Tensor, basis: Tensor, fuser: Tensor): Tensor {
  const [N, C] = ctx.shape;
  const B = basis.shape[0];
  const w = tensor([N, C, 1, 1]);
  const coeff = new Float64Array(B);
  for (let n = 0; n < N; n++) {
    for (let b = 0; b < B; b++) {
      let s = 0;
      for (let c = 0; c < C; c++) s += ctx.data[n * C + c] * basis.data[b * C + c];
      coeff[b] = s;
    }
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let b = 0; b < B; b++) s += coeff[b] * fuser.data[c * B + b];
      w.data[n * C + c] = 1 / (1 + Math.exp(-s));
    }
  }
  return w;
}

export function prcm(x: Tensor, basis: Tensor, fuser: Tensor): Tensor {
  return channelScale(x, prcmGate(reduceMeanHW(x), basis, fuser));
}
