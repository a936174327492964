// The strided-copy program shared by every data-movement kind: one region per dispatch,
// planned by region.ts (merged dims, variant choice); shapes, strides and offsets in uniforms.
import type { DispatchSpec } from '../../../runtime/kernel.js';
import { ceilDiv } from '../../../runtime/kernel-util.js';
import { defineProgram } from '../../../runtime/program.js';
import source from './copy.wgsl?raw';
import { planRegion, type CopyMode, type Region } from './region.js';

const WG = 64;
/** Most dims a region may keep after merging. */
export const COPY_RANK = 8;

type CopyVariant = { mode: CopyMode; vec4: boolean; stridedDst: boolean; rank: number; padded: number; periodic: boolean };

/** The per-dim step of the region walk, unrolled for the variant's rank (innermost dim first). */
function unrolledDims(v: CopyVariant): string {
  const lines: string[] = [];
  for (let d = 0; d < v.rank; d++) {
    const at = (name: string) => `u.${name}[${d >> 2}].${'xyzw'[d & 3]}`;
    // The outermost dim takes what remains, without a division.
    const coord = d < v.rank - 1 ? [`  let c${d} = rem % ${at('shape')};`, `  rem = rem / ${at('shape')};`] : [`  let c${d} = rem;`];
    lines.push(...coord);
    const c = `c${d}`;
    if (v.mode === 'copy' || !(v.padded & (1 << d))) lines.push(`  src += i32(${c}) * ${at('src_stride')};`);
    else {
      lines.push(`  let s${d} = source_coord(c${d}, ${at('begin')}, ${at('in_dim')});`);
      if (v.mode === 'constant') lines.push(`  inside = inside && s${d} >= 0 && s${d} < i32(${at('in_dim')});`);
      lines.push(`  src += s${d} * ${at('src_stride')};`);
    }
    if (v.stridedDst) lines.push(`  dst += ${c} * ${at('dst_stride')};`);
  }
  return lines.join('\n');
}

export const copyProgram = defineProgram({
  name: 'onnx_copy',
  source,
  uniforms: {
    items: 'u32', dst_offset: 'u32', src_offset: 'i32', value: 'f32',
    shape: ['u32', COPY_RANK], dst_stride: ['u32', COPY_RANK], src_stride: ['i32', COPY_RANK], begin: ['i32', COPY_RANK], in_dim: ['u32', COPY_RANK],
  },
  bindings: (v: CopyVariant) => [{ name: 'y', type: v.vec4 ? 'vec4<f32>' : 'f32' }, { name: 'x', type: v.vec4 ? 'vec4<f32>' : 'f32' }],
  workgroupSize: () => WG,
  defs: (v) => ({
    FLAT: v.mode === 'flat', CONSTANT: v.mode === 'constant', EDGE: v.mode === 'edge', REFLECT: v.mode === 'reflect', WRAP: v.mode === 'wrap',
    STRIDED_DST: v.stridedDst,
    PERIODIC: v.periodic,
    DIMS: v.mode === 'flat' ? '' : unrolledDims(v),
  }),
});

/** Region rank after merging, to decline nodes the program cannot take. */
export function regionRank(r: Region): number {
  return planRegion(r).rank;
}

/** One dispatch moving region `r` of tensor `x` into tensor `y`. */
export function copyDispatch(r: Region, tensors: { y: string; x: string }, label: string): DispatchSpec {
  const p = planRegion(r);
  if (p.rank > COPY_RANK) throw new Error(`${label}: a region of ${p.rank} dims after merging exceeds the copy program's ${COPY_RANK}`);
  const fill = (v: number[], pad: number) => [...v, ...new Array<number>(COPY_RANK - v.length).fill(pad)];
  return copyProgram.dispatch({
    variant: { mode: p.mode, vec4: p.vec4, stridedDst: p.stridedDst, rank: p.mode === 'flat' ? 0 : p.rank, padded: p.padded, periodic: p.periodic },
    tensors,
    uniforms: {
      items: p.items, dst_offset: p.dstOffset, src_offset: p.srcOffset, value: p.value,
      shape: fill(p.shape, 1), dst_stride: fill(p.dstStride, 0), src_stride: fill(p.srcStride, 0), begin: fill(p.begin, 0), in_dim: fill(p.inDim, 1),
    },
    workgroups: ceilDiv(p.items, WG),
    label,
  });
}
