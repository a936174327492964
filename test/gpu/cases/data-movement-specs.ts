// GPU cases of the data-movement kinds: seeded random shapes up to rank 6 (odd sizes, batch
// > 1, size-1 dims), every variant of the strided-copy program (flat, vec4 copy, strided
// destination, each pad mode) and of gather (vec4 or not, more indices than one dispatch
// holds), plus the shapes CNN exports produce. Pure data, shared by the vitest file and the page.
import { splitmix32 } from '../../../src/graph/rng';
import type { MiscCase } from './misc-cases';

/** A case and, where the point is a program variant, variant fields its pipeline key must have ('mode=flat,vec4=1'). */
export type MovementCase = MiscCase & { key?: string };

const x = (shape: number[]): MiscCase['inputs'][number] => ({ name: 'x', shape });
const numel = (s: number[]) => s.reduce((a, b) => a * b, 1);

function rng(seed: number) {
  const next = splitmix32(seed);
  const int = (lo: number, hi: number) => lo + (next() % (hi - lo + 1));
  const pick = <T>(v: readonly T[]): T => v[int(0, v.length - 1)];
  const shape = (rank: number, max = 5) => Array.from({ length: rank }, () => int(1, max));
  const perm = (rank: number) => {
    const p = [...Array(rank).keys()];
    for (let i = rank - 1; i > 0; i--) {
      const j = int(0, i);
      [p[i], p[j]] = [p[j], p[i]];
    }
    return p;
  };
  return { int, pick, shape, perm };
}

const CPU_SIZE = 40_000;
/** Shrinks the last dims until the tensor stays small enough for a quick case. */
function small(shape: number[]): number[] {
  const s = [...shape];
  for (let d = s.length - 1; numel(s) > CPU_SIZE && d >= 0; d--) s[d] = Math.max(1, Math.floor(s[d] / 2));
  return s;
}

function sliceCases(): MovementCase[] {
  const r = rng(11);
  const out: MovementCase[] = [];
  for (let k = 0; k < 10; k++) {
    const shape = small(r.shape(1 + (k % 6), 7));
    const starts: number[] = [];
    const steps: number[] = [];
    const counts: number[] = [];
    shape.forEach((n) => {
      const step = r.pick([1, 1, 2, 3, -1, -2]);
      const start = step > 0 ? r.int(0, n - 1) : r.int(0, n - 1);
      const room = step > 0 ? Math.floor((n - 1 - start) / step) + 1 : Math.floor(start / -step) + 1;
      starts.push(start);
      steps.push(step);
      counts.push(r.int(1, room));
    });
    out.push({ name: `slice [${shape}] from [${starts}] by [${steps}] x [${counts}]`, op: 'slice', inputs: [x(shape)], attrs: { starts, steps, counts } });
  }
  const s = (name: string, shape: number[], starts: number[], steps: number[], counts: number[], key?: string): MovementCase => ({ name, op: 'slice', inputs: [x(shape)], attrs: { starts, steps, counts }, key });
  out.push(s('slice channel half, batch 1 (flat vec4 run)', [1, 24, 8, 8], [0, 12, 0, 0], [1, 1, 1, 1], [1, 12, 8, 8], 'mode=flat,stridedDst=0,vec4=1'));
  out.push(s('slice channels 5..16, batch 2, 7x9 (2-D copy)', [2, 24, 7, 9], [0, 5, 0, 0], [1, 1, 1, 1], [2, 12, 7, 9], 'mode=copy,stridedDst=0,vec4=0'));
  out.push(s('slice channel half, batch 2, 7x9 (vec4 2-D copy)', [2, 24, 7, 9], [0, 0, 0, 0], [1, 1, 1, 1], [2, 12, 7, 9], 'mode=copy,stridedDst=0,vec4=1'));
  out.push(s('slice channel half, batch 3, 4x4 (vec4 copy)', [3, 10, 4, 4], [0, 5, 0, 0], [1, 1, 1, 1], [3, 5, 4, 4], 'mode=copy,stridedDst=0,vec4=1'));
  out.push(s('slice flip last axis', [2, 3, 5, 6], [0, 0, 0, 5], [1, 1, 1, -1], [2, 3, 5, 6], 'mode=copy'));
  out.push(s('slice rank 1 odd offset', [37], [3], [1], [29], 'mode=flat,stridedDst=0,vec4=0'));
  return out;
}

function concatCases(): MovementCase[] {
  const r = rng(23);
  const out: MovementCase[] = [];
  for (let rank = 1; rank <= 6; rank++) {
    const shape = small(r.shape(rank, 6));
    const axis = r.int(0, rank - 1);
    const parts = r.int(2, 3);
    const inputs = Array.from({ length: parts }, (_, i) => ({ name: `x${i}`, shape: shape.map((d, k) => (k === axis ? r.int(1, 4) : d)) }));
    out.push({ name: `concat rank ${rank} axis ${axis} of ${inputs.map((t) => `[${t.shape}]`).join(' ')}`, op: 'concat', inputs, attrs: { axis } });
  }
  out.push({ name: 'concat channels, batch 1 (flat parts)', op: 'concat', inputs: [{ name: 'a', shape: [1, 8, 6, 6] }, { name: 'b', shape: [1, 4, 6, 6] }], attrs: { axis: 1 }, key: 'mode=flat,vec4=1' });
  out.push({ name: 'concat channels, batch 2, 5x5 (strided destination)', op: 'concat', inputs: [{ name: 'a', shape: [2, 3, 5, 5] }, { name: 'b', shape: [2, 2, 5, 5] }], attrs: { axis: 1 }, key: 'stridedDst=1' });
  return out;
}

function transposeCases(): MovementCase[] {
  const r = rng(37);
  const out: MovementCase[] = [];
  for (let rank = 1; rank <= 6; rank++) {
    const shape = small(r.shape(rank, 6));
    const perm = r.perm(rank);
    out.push({ name: `transpose [${shape}] by [${perm}]`, op: 'transpose', inputs: [x(shape)], attrs: { perm } });
  }
  out.push({ name: 'transpose channel shuffle [2, 2, 6, 5, 7] by [0, 2, 1, 3, 4] (vec4 off)', op: 'transpose', inputs: [x([2, 2, 6, 5, 7])], attrs: { perm: [0, 2, 1, 3, 4] } });
  out.push({ name: 'transpose channel shuffle [1, 2, 6, 4, 4] by [0, 2, 1, 3, 4] (vec4)', op: 'transpose', inputs: [x([1, 2, 6, 4, 4])], attrs: { perm: [0, 2, 1, 3, 4] }, key: 'vec4=1' });
  out.push({ name: 'reshape [2, 3, 4, 5] (flat vec4)', op: 'reshape', inputs: [x([2, 3, 4, 5])], attrs: { shape: [6, 20] }, key: 'mode=flat,stridedDst=0,vec4=1' });
  out.push({ name: 'reshape [3, 5, 7] (flat)', op: 'reshape', inputs: [x([3, 5, 7])], attrs: { shape: [105] }, key: 'mode=flat,stridedDst=0,vec4=0' });
  return out;
}

function gatherCases(): MovementCase[] {
  const r = rng(41);
  const g = (name: string, shape: number[], axis: number, indices: number[], indicesShape: number[], key?: string): MovementCase => ({ name, op: 'gather', inputs: [x(shape)], attrs: { axis, indices, indicesShape }, key });
  const out: MovementCase[] = [
    g('gather axis 0 scalar [3, 4, 5] (vec4)', [3, 4, 5], 0, [2], [], 'vec4=1'),
    g('gather axis 1 scalar [3, 4, 5]', [3, 4, 5], 1, [2], [], 'vec4=0'),
    g('gather axis 1 scalar [2, 6, 4, 4] (vec4)', [2, 6, 4, 4], 1, [5], [], 'vec4=1'),
    g('gather last axis tensor indices [2, 3, 7]', [2, 3, 7], 2, [6, 0, 3, 3, 1, 6], [2, 3]),
    g('gather channels [1, 8, 12, 16] as the datamove model', [1, 8, 12, 16], 1, [7, 0, 3, 3, 1, 6], [6], 'vec4=1'),
  ];
  for (let rank = 1; rank <= 6; rank++) {
    const shape = small(r.shape(rank, 6));
    const axis = r.int(0, rank - 1);
    const ishape = r.pick([[], [3], [2, 2]]);
    const indices = Array.from({ length: numel(ishape) }, () => r.int(0, shape[axis] - 1));
    out.push(g(`gather rank ${rank} [${shape}] axis ${axis} indices [${indices}] shape [${ishape}]`, shape, axis, indices, ishape));
  }
  const many = Array.from({ length: 130 }, (_, i) => (i * 37) % 130);
  out.push(g('gather 130 indices (3 dispatches) of [2, 130, 3]', [2, 130, 3], 1, many, [130]));
  return out;
}

function repeatCases(): MovementCase[] {
  const r = rng(53);
  const out: MovementCase[] = [];
  for (let rank = 1; rank <= 6; rank++) {
    const inRank = r.int(1, rank);
    const target = small(r.shape(rank, 5));
    const xs = target.slice(rank - inRank).map((d) => (r.int(0, 1) ? 1 : d));
    out.push({ name: `expand [${xs}] to [${target}]`, op: 'expand', inputs: [x(xs)], attrs: { shape: target } });
    const ts = small(r.shape(rank, 4));
    const repeats = ts.map(() => r.int(1, 3));
    if (!repeats.some((k) => k > 1)) repeats[0] = 2;
    out.push({ name: `tile [${ts}] by [${repeats}]`, op: 'tile', inputs: [x(small(ts))], attrs: { repeats }, key: 'mode=wrap' });
  }
  out.push({ name: 'expand [1, 4, 1, 1] to [2, 4, 5, 6] (per-channel broadcast)', op: 'expand', inputs: [x([1, 4, 1, 1])], attrs: { shape: [2, 4, 5, 6] }, key: 'mode=copy' });
  out.push({ name: 'tile [1, 2, 3, 1] by [2, 1, 2, 4] (a 1-wide dim becomes a broadcast)', op: 'tile', inputs: [x([1, 2, 3, 1])], attrs: { repeats: [2, 1, 2, 4] } });
  return out;
}

function depthSpaceCases(): MovementCase[] {
  const out: MovementCase[] = [];
  for (const [n, c, h, w, b] of [[1, 8, 3, 5, 2], [2, 18, 4, 3, 3], [1, 16, 8, 8, 2], [3, 4, 1, 1, 2]]) {
    for (const mode of ['DCR', 'CRD']) out.push({ name: `depth_to_space ${mode} b${b} [${n}, ${c}, ${h}, ${w}]`, op: 'depth_to_space', inputs: [x([n, c, h, w])], attrs: { blocksize: b, mode } });
  }
  for (const [n, c, h, w, b] of [[1, 3, 6, 10, 2], [2, 2, 9, 6, 3], [1, 1, 8, 8, 4]]) out.push({ name: `space_to_depth b${b} [${n}, ${c}, ${h}, ${w}]`, op: 'space_to_depth', inputs: [x([n, c, h, w])], attrs: { blocksize: b } });
  return out;
}

function padCases(): MovementCase[] {
  const out: MovementCase[] = [];
  const p = (shape: number[], pads: number[], mode: string, value = 0): MovementCase => ({ name: `pad ${mode} [${shape}] by [${pads}]`, op: 'pad', inputs: [x(shape)], attrs: { pads, mode, value }, key: `mode=${mode}` });
  for (const mode of ['constant', 'edge', 'reflect', 'wrap']) {
    out.push({ ...p([2, 3, 5, 7], [0, 0, 1, 2, 0, 0, 2, 1], mode, 0.5), key: `mode=${mode},padded=3,periodic=0,rank=3` });
    out.push({ ...p([9], [4, 11], mode), key: `mode=${mode}${mode === 'reflect' || mode === 'wrap' ? ',periodic=1' : ''}` });
    out.push(p([2, 3, 4, 5], [0, -1, 2, -1, 0, 1, 0, 3], mode));
    out.push(p([1, 2, 3, 2, 3], [1, 0, 2, 0, 4, 0, 1, 0, 3, 1], mode));
  }
  // A 1-wide source is a broadcast for edge and reflect: the plain copy variant takes it.
  out.push({ ...p([2, 3, 1, 4], [0, 0, 2, 0, 0, 0, 3, 0], 'edge'), key: 'mode=copy' });
  return out;
}

export const DATA_MOVEMENT_CASES: MovementCase[] = [...sliceCases(), ...concatCases(), ...transposeCases(), ...gatherCases(), ...repeatCases(), ...depthSpaceCases(), ...padCases()];
