// CPU references of the reductions: the per-plane mean, and any reduction over any axes
// (each output's values gathered in index order and reduced in double precision).
import { attrInts, attrNumber, numel, type Attrs } from '../../graph/ir.js';
import { tensor, type Tensor } from '../../reference/tensor.js';
import { reducedCount, reducedShape, runOffset, splitDims } from './layout.js';
import type { Reduction } from './reductions.js';

export function reduceMeanHW(x: Tensor): Tensor {
  const [N, C, H, W] = x.shape;
  const plane = H * W;
  const y = tensor([N, C, 1, 1]);
  for (let nc = 0; nc < N * C; nc++) {
    let s = 0;
    for (let i = nc * plane; i < (nc + 1) * plane; i++) s += x.data[i];
    y.data[nc] = s / plane;
  }
  return y;
}

export function reduceAxes(r: Reduction, x: Tensor, attrs: Attrs): Tensor {
  const axes = attrInts(attrs, 'axes');
  const { kept, red } = splitDims(x.shape, axes);
  const count = reducedCount(red);
  const offsets = Array.from({ length: count }, (_, k) => runOffset(k, red));
  const out = tensor(reducedShape(x.shape, axes, attrNumber(attrs, 'keepdims', 1) === 1));
  const items = numel(kept.map((k) => k[0]));
  const values = new Float64Array(count);
  for (let o = 0; o < items; o++) {
    const base = runOffset(o, kept);
    for (let k = 0; k < count; k++) values[k] = x.data[base + offsets[k]];
    out.data[o] = r.reduce(values, attrs);
  }
  return out;
}
