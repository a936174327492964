// Strided regions: what one dispatch of the copy program moves, and how it is planned.
//
// A region is an iteration shape (outermost first) with, per dim, a destination stride and a
// signed source stride, plus base offsets: element c of the region is written at
// dstOffset + sum(c * dstStride) and read at srcOffset + sum(src(c) * srcStride). For a plain
// copy src(c) = c; the pad modes map c to a source coordinate per dim (constant: outside
// [0, inDim) writes `value`; edge clamps; reflect mirrors; wrap takes c modulo inDim).
//
// Planning drops size-1 dims, merges neighbours that are contiguous in both source and
// destination (a channel slice of [N, C, H, W] becomes a 2-D region, a batch-1 one a 1-D run),
// then picks the cheapest program variant that does the job: a flat run, vec4 moves when the
// innermost dim is contiguous and 4-aligned, a strided destination only when there is one,
// pad arithmetic only on padded dims, and modulo folding only for pads longer than the source.
import { numel } from '../../../graph/ir.js';
import { stridesOf } from '../../../reference/tensor.js';

export type PadMode = 'constant' | 'edge' | 'reflect' | 'wrap';
export type CopyMode = 'flat' | 'copy' | PadMode;

/** Source-coordinate mapping of a padded region: coordinates are shifted by `begin` first. */
export interface RegionPad {
  mode: PadMode;
  /** Per dim: how many elements precede the source (>= 0). */
  begin: number[];
  /** Per dim: the source extent the coordinate maps into (>= 1). */
  inDim: number[];
  value: number;
}

export interface Region {
  shape: number[];
  srcStride: number[];
  /** Defaults to the contiguous strides of `shape`. */
  dstStride?: number[];
  srcOffset?: number;
  dstOffset?: number;
  pad?: RegionPad;
}

/** The region as the program sees it: innermost dim first, in the units of the variant. */
export interface PlannedRegion {
  mode: CopyMode;
  vec4: boolean;
  stridedDst: boolean;
  /** Bit d set: dim d (innermost first) is padded; the others are plain copies. */
  padded: number;
  /** Reflect/wrap coordinates may fold more than once (pads longer than the source). */
  periodic: boolean;
  items: number;
  rank: number;
  shape: number[];
  srcStride: number[];
  dstStride: number[];
  begin: number[];
  inDim: number[];
  srcOffset: number;
  dstOffset: number;
  value: number;
}

interface Dim {
  n: number;
  src: number;
  dst: number;
  begin: number;
  inDim: number;
}

/** A dim the pad mode leaves alone: every coordinate maps to itself. */
const identity = (d: Dim): boolean => d.begin === 0 && d.inDim === d.n;

/** Size-1 dims dropped and contiguous neighbours merged; innermost first. */
function collapse(dims: Dim[]): Dim[] {
  const out: Dim[] = [];
  for (let k = dims.length - 1; k >= 0; k--) {
    const d = dims[k];
    if (d.n === 1 && identity(d)) continue;
    const inner = out[out.length - 1];
    if (inner && identity(inner) && identity(d) && d.src === inner.src * inner.n && d.dst === inner.dst * inner.n) {
      inner.n *= d.n;
      inner.inDim = inner.n;
      continue;
    }
    out.push({ ...d });
  }
  return out;
}

/** The offset that makes `c - begin` non-negative for every c while keeping it mod m. */
function nonPositiveBegin(begin: number, m: number): number {
  const r = ((begin % m) + m) % m;
  return r === 0 ? 0 : r - m;
}

/** Whether every coordinate of the dim folds into the source at most once. */
function foldsOnce(mode: CopyMode, d: Dim): boolean {
  const after = d.n - d.begin - d.inDim;
  if (mode === 'reflect') return d.begin <= d.inDim - 1 && after <= d.inDim - 1;
  return d.begin <= d.inDim && after <= d.inDim;
}

/** Program-side begin: with periodic folding, a residue so the shader needs one modulo. */
function modeBegin(mode: CopyMode, periodic: boolean, d: Dim): number {
  if (!periodic) return d.begin;
  if (mode === 'reflect') return nonPositiveBegin(d.begin, Math.max(2 * d.inDim - 2, 1));
  if (mode === 'wrap') return nonPositiveBegin(d.begin, d.inDim);
  return d.begin;
}

const aligned = (...v: number[]): boolean => v.every((x) => x % 4 === 0);

export function planRegion(r: Region): PlannedRegion {
  const dstStride = r.dstStride ?? stridesOf(r.shape);
  const dims: Dim[] = r.shape.map((n, k) => ({ n, src: r.srcStride[k], dst: dstStride[k], begin: r.pad?.begin[k] ?? 0, inDim: r.pad?.inDim[k] ?? n }));
  // Edge, reflect and wrap map every coordinate of a 1-wide source to 0: a broadcast.
  if (r.pad && r.pad.mode !== 'constant') for (const d of dims) if (d.inDim === 1) Object.assign(d, { src: 0, begin: 0, inDim: d.n });
  const kept = collapse(dims);
  let srcOffset = r.srcOffset ?? 0;
  let dstOffset = r.dstOffset ?? 0;
  const padded = r.pad !== undefined && kept.some((d) => !identity(d));
  const contiguousDst = kept.every((d, k) => d.dst === (k === 0 ? 1 : kept[k - 1].dst * kept[k - 1].n));
  const flat = !padded && contiguousDst && (kept.length === 0 || (kept.length === 1 && kept[0].src === 1));
  const mode: CopyMode = flat ? 'flat' : padded ? r.pad!.mode : 'copy';
  const periodic = (mode === 'reflect' || mode === 'wrap') && kept.some((d) => !identity(d) && !foldsOnce(mode, d));
  const items = numel(r.shape);
  let vec4 = false;
  if (mode === 'flat') vec4 = aligned(items, srcOffset, dstOffset);
  else if (mode === 'copy') {
    const [inner, ...outer] = kept;
    vec4 = inner.src === 1 && inner.dst === 1 && aligned(inner.n, srcOffset, dstOffset, ...outer.flatMap((d) => [d.src, d.dst]));
  }
  if (vec4) {
    srcOffset /= 4;
    dstOffset /= 4;
    if (kept.length) kept[0].n /= 4;
    kept.forEach((d, k) => k > 0 && ((d.src /= 4), (d.dst /= 4)));
  }
  return {
    mode,
    vec4,
    stridedDst: !contiguousDst,
    padded: padded ? kept.reduce((m, d, k) => (identity(d) ? m : m | (1 << k)), 0) : 0,
    periodic,
    items: vec4 ? items / 4 : items,
    rank: kept.length,
    shape: kept.map((d) => d.n),
    srcStride: kept.map((d) => d.src),
    dstStride: kept.map((d) => d.dst),
    begin: kept.map((d) => modeBegin(mode, periodic, d)),
    inDim: kept.map((d) => d.inDim),
    srcOffset,
    dstOffset,
    value: r.pad?.value ?? 0,
  };
}
