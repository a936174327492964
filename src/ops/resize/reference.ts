// Resize (ONNX semantics) for NCHW: nearest, linear or cubic, any coordinate transformation
// mode. Separable: each axis maps an output index to a few input taps with weights (1 for
// nearest, 2 for linear, 4 for cubic), and an output is the weighted sum over the product of
// its row and column taps, in double precision.
import { attrInts, attrNumber, attrString, type Attrs } from '../../graph/ir.js';
import { type Tensor, tensor } from '../../reference/tensor.js';

export type CoordMode = 'align_corners' | 'half_pixel' | 'asymmetric' | 'pytorch_half_pixel' | 'tf_half_pixel_for_nn' | 'half_pixel_symmetric';

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
    case 'half_pixel_symmetric':
      return symmetricOffset(inSize, outSize, scale) + (o + 0.5) / scale - 0.5;
    default:
      throw new Error(`unsupported coordinate transformation mode '${mode}'`);
  }
}

/**
 * Resize-19's half_pixel_symmetric shift: centre * (1 - out / (in * scale)), zero when the
 * output size is exactly in * scale (then the mode equals half_pixel).
 */
export function symmetricOffset(inSize: number, outSize: number, scale: number): number {
  return (inSize / 2) * (1 - outSize / (inSize * scale));
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

/**
 * Keys' cubic convolution weights of taps floor(x) - 1 .. floor(x) + 2 at fraction t:
 * W(d) = (A + 2)|d|^3 - (A + 3)|d|^2 + 1 for |d| <= 1, A|d|^3 - 5A|d|^2 + 8A|d| - 4A for 1 < |d| < 2.
 */
export function cubicWeights(t: number, A: number): [number, number, number, number] {
  const near = (d: number) => ((A + 2) * d - (A + 3)) * d * d + 1;
  const far = (d: number) => ((A * d - 5 * A) * d + 8 * A) * d - 4 * A;
  return [far(t + 1), near(t), near(1 - t), far(2 - t)];
}

/** Per output index: `taps` input indices (clamped into the axis) and their weights. */
export interface AxisTaps {
  taps: number;
  index: Int32Array;
  weight: Float64Array;
}

/** The taps of one axis; `scale` is the file's scale factor (resize_scaled), else out/in. */
export function axisTaps(attrs: Attrs, inSize: number, outSize: number, scale = outSize / inSize): AxisTaps {
  const mode = attrString(attrs, 'mode', 'linear');
  const coord = attrString(attrs, 'coord', 'half_pixel');
  const taps = mode === 'nearest' ? 1 : mode === 'linear' ? 2 : 4;
  const index = new Int32Array(outSize * taps);
  const weight = new Float64Array(outSize * taps);
  const clampIndex = (i: number) => Math.min(Math.max(i, 0), inSize - 1);
  for (let o = 0; o < outSize; o++) {
    const x = sourceCoord(coord, o, inSize, outSize, scale);
    const at = o * taps;
    if (mode === 'nearest') {
      index[at] = nearestIndex(attrString(attrs, 'nearestMode', 'round_prefer_floor'), x, inSize);
      weight[at] = 1;
    } else if (mode === 'linear') {
      // The coordinate is clamped into the axis, so border outputs repeat the edge value.
      const xc = Math.min(Math.max(x, 0), inSize - 1);
      const lo = Math.floor(xc);
      index.set([lo, Math.min(lo + 1, inSize - 1)], at);
      weight.set([1 - (xc - lo), xc - lo], at);
    } else {
      cubicTaps(x, inSize, attrs, index, weight, at, clampIndex);
    }
  }
  return { taps, index, weight };
}

/**
 * Cubic: the coordinate is not clamped; taps outside the axis read the edge value, or with
 * exclude_outside get weight 0 and the rest is renormalized to sum 1.
 */
function cubicTaps(x: number, inSize: number, attrs: Attrs, index: Int32Array, weight: Float64Array, at: number, clampIndex: (i: number) => number): void {
  const lo = Math.floor(x);
  const w = cubicWeights(x - lo, attrNumber(attrs, 'cubicA', -0.75));
  const exclude = attrNumber(attrs, 'excludeOutside', 0) !== 0;
  let sum = 0;
  for (let k = 0; k < 4; k++) {
    const i = lo - 1 + k;
    if (exclude && (i < 0 || i >= inSize)) w[k] = 0;
    sum += w[k];
    index[at + k] = clampIndex(i);
  }
  for (let k = 0; k < 4; k++) weight[at + k] = exclude ? w[k] / sum : w[k];
}

/** y[n, c, oh, ow] = sum over row taps i and column taps j of wy[i] wx[j] x[n, c, iy[i], ix[j]]. */
function apply(x: Tensor, ys: AxisTaps, xs: AxisTaps, OH: number, OW: number): Tensor {
  const [N, C, H, W] = x.shape;
  const y = tensor([N, C, OH, OW]);
  const row = new Float64Array(OW);
  for (let nc = 0; nc < N * C; nc++) {
    const src = nc * H * W;
    for (let oh = 0; oh < OH; oh++) {
      row.fill(0);
      for (let i = oh * ys.taps; i < (oh + 1) * ys.taps; i++) {
        const r = src + ys.index[i] * W;
        const wy = ys.weight[i];
        for (let ow = 0; ow < OW; ow++) {
          let s = 0;
          for (let j = ow * xs.taps; j < (ow + 1) * xs.taps; j++) s += xs.weight[j] * x.data[r + xs.index[j]];
          row[ow] += wy * s;
        }
      }
      y.data.set(row, (nc * OH + oh) * OW);
    }
  }
  return y;
}

export function resize(x: Tensor, attrs: Attrs): Tensor {
  const [, , H, W] = x.shape;
  const [OH, OW] = attrInts(attrs, 'outSize');
  return apply(x, axisTaps(attrs, H, OH), axisTaps(attrs, W, OW), OH, OW);
}

/** Resize whose coordinate transform uses the file's scales [sh, sw] rather than out/in. */
export function resizeScaled(x: Tensor, attrs: Attrs): Tensor {
  const [, , H, W] = x.shape;
  const [OH, OW] = attrInts(attrs, 'outSize');
  const [sh, sw] = attrInts(attrs, 'scales');
  return apply(x, axisTaps(attrs, H, OH, sh), axisTaps(attrs, W, OW, sw), OH, OW);
}
