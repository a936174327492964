// The layout shared by the normalization references and kernels: each op normalizes contiguous
// rows (LayerNorm: the trailing block from `axis`; InstanceNorm: each (n, c) plane; GroupNorm:
// each (n, group) block) and applies scale and bias at an index that the same formula gives
// for all three:
//   idx(row, i) = ((row % ga) * gb + floor(i / d)),  scale[idx % es], bias[idx % eb]
// for element i of the row. Deriving both sides from one description keeps them in step.
import { attrNumber, numel, type Attrs } from '../../graph/ir.js';
import { tensor, type Tensor } from '../../reference/tensor.js';

export interface NormRows {
  rows: number;
  /** Elements per row. */
  len: number;
  ga: number;
  gb: number;
  d: number;
  /** Elements of scale and bias (each indexed modulo its own size; 1 for a missing bias). */
  es: number;
  eb: number;
}

/** Whether `p` without its leading 1s is a suffix of `normalized` (LayerNorm's scale and bias). */
export function isTrailingPart(p: readonly number[], normalized: readonly number[]): boolean {
  const k = p.findIndex((d) => d !== 1);
  const core = k < 0 ? [] : p.slice(k);
  return core.length <= normalized.length && core.join() === normalized.slice(normalized.length - core.length).join();
}

/** Spatial elements per (n, c) of an [N, C, ...] shape. */
const spatial = (x: readonly number[]): number => numel(x.slice(2));

export function normRows(kind: string, inputs: readonly number[][], attrs: Attrs): NormRows {
  const [x, s, b] = inputs;
  const es = numel(s);
  const eb = b ? numel(b) : 1;
  if (kind === 'layernorm') {
    const axis = attrNumber(attrs, 'axis');
    return { rows: numel(x.slice(0, axis)), len: numel(x.slice(axis)), ga: 1, gb: 0, d: 1, es, eb };
  }
  const C = x[1];
  if (kind === 'instancenorm') return { rows: x[0] * C, len: spatial(x), ga: C, gb: 1, d: spatial(x), es, eb };
  const G = attrNumber(attrs, 'num_groups');
  const len = (C / G) * spatial(x);
  // GroupNormalization-18 scales per group, 21 per channel.
  if (attrNumber(attrs, 'per_channel', 1) === 1) return { rows: x[0] * G, len, ga: G, gb: C / G, d: spatial(x), es, eb };
  return { rows: x[0] * G, len, ga: G, gb: 1, d: len, es, eb };
}

/** y = (x - mean) / sqrt(var + eps) * scale + bias per row, mean and variance in double (two-pass). */
export function normalizeRows(kind: string, [x, s, b]: Tensor[], attrs: Attrs): Tensor {
  const r = normRows(kind, [x.shape, s.shape, ...(b ? [b.shape] : [])], attrs);
  const eps = attrNumber(attrs, 'epsilon', 1e-5);
  const y = tensor(x.shape);
  for (let row = 0; row < r.rows; row++) {
    const base = row * r.len;
    let sum = 0;
    for (let i = 0; i < r.len; i++) sum += x.data[base + i];
    const mean = sum / r.len;
    let sq = 0;
    for (let i = 0; i < r.len; i++) sq += (x.data[base + i] - mean) ** 2;
    const inv = 1 / Math.sqrt(sq / r.len + eps);
    const first = (row % r.ga) * r.gb;
    for (let i = 0; i < r.len; i++) {
      const idx = first + Math.floor(i / r.d);
      y.data[base + i] = (x.data[base + i] - mean) * inv * s.data[idx % r.es] + (b ? b.data[idx % r.eb] : 0);
    }
  }
  return y;
}
