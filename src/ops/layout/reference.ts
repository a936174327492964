// CPU references of the layout ops: transpose, concat and pad (every mode) on any rank.
import { attrInts, attrNumber, attrString, numel, type Attrs } from '../../graph/ir.js';
import { forEachIndex } from '../../reference/elementwise.js';
import { stridesOf, tensor, type Tensor } from '../../reference/tensor.js';
import { padGeometry, padSource, type PadModeName } from './pads.js';

export function transpose(x: Tensor, attrs: Attrs, out: number[]): Tensor {
  const perm = attrInts(attrs, 'perm');
  const y = tensor(out);
  const st = stridesOf(x.shape);
  forEachIndex(y.shape, (i, c) => {
    let off = 0;
    for (let d = 0; d < perm.length; d++) off += c[d] * st[perm[d]];
    y.data[i] = x.data[off];
  });
  return y;
}

export function concat(inputs: Tensor[], attrs: Attrs, out: number[]): Tensor {
  const axis = attrNumber(attrs, 'axis');
  const y = tensor(out);
  const outer = numel(y.shape.slice(0, axis));
  let o = 0;
  for (let i = 0; i < outer; i++) {
    for (const t of inputs) {
      const chunk = numel(t.shape.slice(axis));
      y.data.set(t.data.subarray(i * chunk, (i + 1) * chunk), o);
      o += chunk;
    }
  }
  return y;
}

export function pad(x: Tensor, attrs: Attrs, out: number[]): Tensor {
  const pads = attrInts(attrs, 'pads');
  const mode = attrString(attrs, 'mode', 'constant') as PadModeName;
  const value = attrNumber(attrs, 'value', 0);
  const geo = padGeometry(x.shape, pads);
  const y = tensor(out);
  const st = stridesOf(x.shape);
  forEachIndex(y.shape, (i, c) => {
    let off = 0;
    for (let d = 0; d < c.length; d++) {
      const s = padSource(mode, c[d] - geo.begin[d], geo.inDim[d]);
      if (s < 0) {
        off = -1;
        break;
      }
      off += (geo.cropStart[d] + s) * st[d];
    }
    y.data[i] = off < 0 ? value : x.data[off];
  });
  return y;
}
