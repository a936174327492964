// Graphs whose concats join conv (and pool) outputs, shared by the page-side GPU cases and the
// node-side plan tests (so this module must not touch WebGPU). The concat's output feeds one
// more conv, so the concatenation is an intermediate tensor the concat-views pass may write
// in place.
import { GraphBuilder } from '../../../src/graph/builder';
import type { Attrs, Graph } from '../../../src/graph/ir';
import { seededUniform } from '../../../src/graph/rng';

export interface Branch {
  /** A conv of OC output channels and kernel K, or a max pool of kernel K (keeps the channels). */
  OC?: number;
  K: number;
  stride?: number;
  pad?: number;
  relu?: boolean;
  pool?: boolean;
  /** A 1x1 conv to this many channels before the branch's conv (an inception reduction). */
  mid?: number;
}

export interface ConcatSpec {
  name: string;
  N: number;
  C: number;
  H: number;
  W: number;
  branches: Branch[];
  /** Densenet-like growth: `dense` more layers, each conv(concat so far) joined onto it. */
  dense?: { layers: number; growth: number };
  /** Put the first branch's output in the concat twice. */
  repeat?: boolean;
  seed?: number;
}

export interface BuiltConcat {
  graph: Graph;
  feeds: Record<string, Float32Array>;
}

export function buildConcat(s: ConcatSpec): BuiltConcat {
  const b = new GraphBuilder();
  const seed = s.seed ?? 11;
  const feeds: Record<string, Float32Array> = { x: seededUniform(seed, 'x', s.N * s.C * s.H * s.W, 1) };
  b.input('x', [s.N, s.C, s.H, s.W]);
  let k = 0;
  const conv = (x: string, OC: number, K: number, extra: Attrs = {}): string => {
    const C = b.shapeOf(x)[1];
    const w = b.weight(`w${k}`, [OC, C, K, K], seededUniform(seed, `w${k}`, OC * C * K * K, 1 / Math.sqrt(C * K * K)));
    const bias = b.weight(`b${k}`, [OC], seededUniform(seed, `b${k}`, OC, 0.5));
    return b.node('conv2d', `conv${k++}`, [x, w, bias], { group: 1, ...extra }, 'test');
  };
  const branch = (br: Branch): string => {
    const p = br.pad ?? 0;
    const st = br.stride ?? 1;
    if (br.pool) return b.node('maxpool2d', `pool${k++}`, ['x'], { kernel: [br.K, br.K], strides: [st, st], pads: [p, p, p, p] }, 'test');
    const from = br.mid ? conv('x', br.mid, 1) : 'x';
    return conv(from, br.OC!, br.K, { strides: [st, st], pads: [p, p, p, p], ...(br.relu ? { activation: 'relu' } : {}) });
  };
  const parts = s.branches.map(branch);
  if (s.repeat) parts.push(parts[0]);
  let cat = b.node('concat', 'cat0', parts, { axis: 1 }, 'test');
  for (let l = 0; l < (s.dense?.layers ?? 0); l++) {
    parts.push(conv(cat, s.dense!.growth, 3, { pads: [1, 1, 1, 1], activation: 'relu' }));
    cat = b.node('concat', `cat${l + 1}`, parts, { axis: 1 }, 'test');
  }
  b.output(conv(cat, 5, 1));
  return { graph: b.build(), feeds };
}
