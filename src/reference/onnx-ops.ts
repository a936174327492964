// CPU references for the op kinds in src/graph/onnx-ops.ts; registered on import.
import '../graph/onnx-ops.js';
import { attrInts, attrNumber, attrString, numel, type Attrs } from '../graph/ir.js';
import { getOp } from '../graph/ops.js';
import { registerReference } from './registry.js';
import { nearestIndex, sourceCoord } from './resize.js';
import { stridesOf, tensor, type Tensor } from './tensor.js';

const outShape = (kind: string, inputs: Tensor[], attrs: Attrs): number[] => getOp(kind).inferShapes(inputs.map((t) => t.shape), attrs)[0];

/** Visits every output index with its coordinates (coords is reused between calls). */
function forEachIndex(shape: number[], fn: (i: number, coords: number[]) => void): void {
  const coords = shape.map(() => 0);
  const n = numel(shape);
  for (let i = 0; i < n; i++) {
    fn(i, coords);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++coords[d] < shape[d]) break;
      coords[d] = 0;
    }
  }
}

export function transpose(x: Tensor, attrs: Attrs): Tensor {
  const perm = attrInts(attrs, 'perm');
  const y = tensor(outShape('transpose', [x], attrs));
  const st = stridesOf(x.shape);
  forEachIndex(y.shape, (i, c) => {
    let off = 0;
    for (let d = 0; d < perm.length; d++) off += c[d] * st[perm[d]];
    y.data[i] = x.data[off];
  });
  return y;
}

export function concat(inputs: Tensor[], attrs: Attrs): Tensor {
  const axis = attrNumber(attrs, 'axis');
  const y = tensor(outShape('concat', inputs, attrs));
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

export function pad(x: Tensor, attrs: Attrs): Tensor {
  const pads = attrInts(attrs, 'pads');
  const value = attrNumber(attrs, 'value', 0);
  const y = tensor(outShape('pad', [x], attrs));
  const st = stridesOf(x.shape);
  forEachIndex(y.shape, (i, c) => {
    let off = 0;
    for (let d = 0; d < c.length; d++) {
      const s = c[d] - pads[d];
      if (s < 0 || s >= x.shape[d]) {
        off = -1;
        break;
      }
      off += s * st[d];
    }
    y.data[i] = off < 0 ? value : x.data[off];
  });
  return y;
}

export function gemm(a: Tensor, b: Tensor, c: Tensor | undefined, attrs: Attrs): Tensor {
  const ta = attrNumber(attrs, 'transA', 0) === 1;
  const tb = attrNumber(attrs, 'transB', 0) === 1;
  const alpha = attrNumber(attrs, 'alpha', 1);
  const beta = attrNumber(attrs, 'beta', 1);
  const [M, N] = outShape('gemm', c ? [a, b, c] : [a, b], attrs);
  const K = ta ? a.shape[0] : a.shape[1];
  const y = tensor([M, N]);
  const cs = c ? stridesOf(c.shape).map((s, d) => (c.shape[d] === 1 ? 0 : s)) : [];
  for (let m = 0; m < M; m++) {
    for (let n = 0; n < N; n++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += a.data[ta ? k * M + m : m * K + k] * b.data[tb ? n * K + k : k * N + n];
      let bias = 0;
      if (c) bias = c.shape.length === 2 ? c.data[m * cs[0] + n * cs[1]] : c.shape.length === 1 ? c.data[n * cs[0]] : c.data[0];
      y.data[m * N + n] = alpha * s + beta * bias;
    }
  }
  return y;
}

export function reduceMean(x: Tensor, attrs: Attrs): Tensor {
  const axes = attrInts(attrs, 'axes');
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const sums = new Float64Array(numel(kept));
  const ks = stridesOf(kept);
  forEachIndex(x.shape, (i, c) => {
    let o = 0;
    for (let d = 0; d < c.length; d++) if (!axes.includes(d)) o += c[d] * ks[d];
    sums[o] += x.data[i];
  });
  const count = numel(x.shape) / sums.length;
  return tensor(outShape('reduce_mean', [x], attrs), Float32Array.from(sums, (s) => s / count));
}

function taps(attrs: Attrs, inSize: number, outSize: number, scale: number): { i0: number[]; i1: number[]; t: number[] } {
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
  const ys = taps(attrs, H, OH, sh);
  const xs = taps(attrs, W, OW, sw);
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

registerReference('reshape', ([x], a) => [{ shape: outShape('reshape', [x], a), data: x.data }]);
registerReference('transpose', ([x], a) => [transpose(x, a)]);
registerReference('concat', (inputs, a) => [concat(inputs, a)]);
registerReference('pad', ([x], a) => [pad(x, a)]);
registerReference('gemm', ([a, b, c], attrs) => [gemm(a, b, c, attrs)]);
registerReference('reduce_mean', ([x], a) => [reduceMean(x, a)]);
registerReference('resize_scaled', ([x], a) => [resizeScaled(x, a)]);
