// One-node conv2d graphs with seeded inputs, shared by the page-side cases and the node-side
// selection test (so this module must not touch WebGPU).
import { GraphBuilder } from '../../../src/graph/builder';
import type { Attrs, Graph } from '../../../src/graph/ir';
import { seededUniform } from '../../../src/graph/rng';

export interface ConvSpec {
  name: string;
  N: number;
  C: number;
  H: number;
  W: number;
  OC: number;
  /** Kernel size; [KH, KW] for a non-square one. */
  K: number | [number, number];
  group?: number;
  strides?: number[];
  pads?: number[];
  dilations?: number[];
  bias?: boolean;
  relu?: boolean;
  prescale?: boolean;
  seed?: number;
  /** A 1-D conv: input [N, C, W] and weight [OC, C / group, KW] (H and KH must be 1; attribute arrays of one axis). */
  ncl?: boolean;
  /** Force this variant of the kernel that runs the node (EngineOptions.chooseVariant). */
  variant?: string;
}

export interface BuiltConv {
  graph: Graph;
  feeds: Record<string, Float32Array>;
}

export function buildConv(s: ConvSpec): BuiltConv {
  const b = new GraphBuilder();
  const seed = s.seed ?? 7;
  const group = s.group ?? 1;
  const [KH, KW] = typeof s.K === 'number' ? [s.K, s.K] : s.K;
  const feeds: Record<string, Float32Array> = {};
  const input = (name: string, shape: number[], lo: number, hi: number): string => {
    const n = shape.reduce((a, x) => a * x, 1);
    feeds[name] = seededUniform(seed, name, n, 1).map((v) => lo + ((v + 1) / 2) * (hi - lo));
    return b.input(name, shape);
  };
  const weight = (name: string, shape: number[], bound: number): string =>
    b.weight(name, shape, seededUniform(seed, name, shape.reduce((a, x) => a * x, 1), bound));
  const fanIn = (s.C / group) * KH * KW;
  if (s.ncl && (s.H !== 1 || KH !== 1)) throw new Error(`${s.name}: a 1-D conv needs H = 1 and KH = 1`);
  const xShape = s.ncl ? [s.N, s.C, s.W] : [s.N, s.C, s.H, s.W];
  const wShape = s.ncl ? [s.OC, s.C / group, KW] : [s.OC, s.C / group, KH, KW];
  const inputs = [input('x', xShape, -1, 1), weight('w', wShape, 1 / Math.sqrt(fanIn))];
  if (s.bias) inputs.push(weight('b', [s.OC], 0.5));
  // A prescale is a sigmoid gate in the network, so (0, 1).
  if (s.prescale) inputs.push(input('s', [s.N, s.C, 1, 1], 0, 1));
  const attrs: Attrs = { group };
  if (s.strides) attrs.strides = s.strides;
  if (s.pads) attrs.pads = s.pads;
  if (s.dilations) attrs.dilations = s.dilations;
  if (s.relu) attrs.activation = 'relu';
  if (s.prescale) attrs.prescale = true;
  b.output(b.node('conv2d', 'y', inputs, attrs, 'test'));
  return { graph: b.build(), feeds };
}
