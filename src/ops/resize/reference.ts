// Resize (ONNX semantics) for NCHW: linear or nearest, any coordinate transformation mode.
import { attrInts, attrString, type Attrs } from '../../graph/ir.js';
import { type Tensor, tensor } from '../../reference/tensor.js';

export type CoordMode = 'align_corners' | 'half_pixel' | 'asymmetric' | 'pytorch_half_pixel' | 'tf_half_pixel_for_nn';

/** Maps an output coordinate to the input coordinate space; `scale` as the file gives it, else out/in. */
export function sourceCoord(mode: string, o: number, inSize: number, outSize: number, scale = outSize / inSize): number {
  switch (mode) {
    case 'align_corners':
      return outSize === 1 ? 0 : (o * (inSize - 1)) / (outSize - 1);
    case 'asymmetric':
      return o / scale;
    case 'pytorch_half_pixel':
      return outSize > 1 ? (o + 0.5) / scale - 0.5 : 0;
    case 'tf_half_pixel_for_nn':
      return (o + 0.5) / scale;
    case 'half_pixel':
      return (o + 0.5) / scale - 0.5;
    default:
      throw new Error(`unsupported coordinate transformation mode '${mode}'`);
  }
}

export function nearestIndex(rule: string, x: number, inSize: number): number {
  let i: number;
  switch (rule) {
    case 'floor':
      i = Math.floor(x);
      break;
    case 'ceil':
      i = Math.ceil(x);
      break;
    case 'round_prefer_ceil':
      i = Math.floor(x + 0.5);
      break;
    case 'round_prefer_floor':
      i = Number.isInteger(x - 0.5) ? x - 0.5 : Math.round(x);
      break;
    default:
      throw new Error(`unsupported nearest_mode '${rule}'`);
  }
  return Math.min(Math.max(i, 0), inSize - 1);
}

/** Per output index: two source indices and the weight of the second (linear), or one (nearest). */
function axisTaps(attrs: Attrs, inSize: number, outSize: number): { i0: Int32Array; i1: Int32Array; t: Float64Array } {
  const mode = attrString(attrs, 'mode', 'linear');
  const coord = attrString(attrs, 'coord', 'half_pixel');
  const rule = attrString(attrs, 'nearestMode', 'round_prefer_floor');
  const i0 = new Int32Array(outSize);
  const i1 = new Int32Array(outSize);
  const t = new Float64Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const x = sourceCoord(coord, o, inSize, outSize);
    if (mode === 'nearest') {
      i0[o] = i1[o] = nearestIndex(rule, x, inSize);
      continue;
    }
    const xc = Math.min(Math.max(x, 0), inSize - 1);
    const lo = Math.floor(xc);
    i0[o] = lo;
    i1[o] = Math.min(lo + 1, inSize - 1);
    t[o] = xc - lo;
  }
  return { i0, i1, t };
}

export function resize(x: Tensor, attrs: Attrs): Tensor {
  const [N, C, H, W] = x.shape;
  const [OH, OW] = attrInts(attrs, 'outSize');
  const ys = axisTaps(attrs, H, OH);
  const xs = axisTaps(attrs, W, OW);
  const y = tensor([N, C, OH, OW]);
  for (let nc = 0; nc < N * C; nc++) {
    const src = nc * H * W;
    for (let oh = 0; oh < OH; oh++) {
      const r0 = src + ys.i0[oh] * W;
      const r1 = src + ys.i1[oh] * W;
      const ty = ys.t[oh];
      for (let ow = 0; ow < OW; ow++) {
        const a = x.data[r0 + xs.i0[ow]] * (1 - xs.t[ow]) + x.data[r0 + xs.i1[ow]] * xs.t[ow];
        const b = x.data[r1 + xs.i0[ow]] * (1 - xs.t[ow]) + x.data[r1 + xs.i1[ow]] * xs.t[ow];
        y.data[(nc * OH + oh) * OW + ow] = a * (1 - ty) + b * ty;
      }
    }
  }
  return y;
}

/** Per output index with the file's scale: two source indices and the weight of the second. */
function scaledTaps(attrs: Attrs, inSize: number, outSize: number, scale: number): { i0: number[]; i1: number[]; t: number[] } {
  const nearest = attrString(attrs, 'mode', 'linear') === 'nearest';
  const coord = attrString(attrs, 'coord', 'half_pixel');
  const rule = attrString(attrs, 'nearestMode', 'round_prefer_floor');
  const r = { i0: [] as number[], i1: [] as number[], t: [] as number[] };
  for (let o = 0; o < outSize; o++) {
    const x = sourceCoord(coord, o, inSize, outSize, scale);
    if (nearest) {
      const i = nearestIndex(rule, x, inSize);
      r.i0.push(i), r.i1.push(i), r.t.push(0);
      continue;
    }
    const xc = Math.min(Math.max(x, 0), inSize - 1);
    const lo = Math.floor(xc);
    r.i0.push(lo), r.i1.push(Math.min(lo + 1, inSize - 1)), r.t.push(xc - lo);
  }
  return r;
}

export function resizeScaled(x: Tensor, attrs: Attrs): Tensor {
  const [N, C, H, W] = x.shape;
  const [OH, OW] = attrInts(attrs, 'outSize');
  const [sh, sw] = attrInts(attrs, 'scales');
  const ys = scaledTaps(attrs, H, OH, sh);
  const xs = scaledTaps(attrs, W, OW, sw);
  const y = tensor([N, C, OH, OW]);
  for (let nc = 0; nc < N * C; nc++) {
    for (let oh = 0; oh < OH; oh++) {
      const r0 = nc * H * W + ys.i0[oh] * W;
      const r1 = nc * H * W + ys.i1[oh] * W;
      for (let ow = 0; ow < OW; ow++) {
        const tx = xs.t[ow];
        const a = x.data[r0 + xs.i0[ow]] * (1 - tx) + x.data[r0 + xs.i1[ow]] * tx;
        const b = x.data[r1 + xs.i0[ow]] * (1 - tx) + x.data[r1 + xs.i1[ow]] * tx;
        y.data[(nc * OH + oh) * OW + ow] = a * (1 - ys.t[oh]) + b * ys.t[oh];
      }
    }
  }
  return y;
}
