// Depthwise variants timed interleaved at the seed network's and mobilenet-style stride-2
// shapes (opt-in: DW_TIMINGS=1, DW_GENERIC=1 adds the generic conv; DW_VARIANTS=a,b,... and DW_SHAPES=SUBSTRING narrows it).
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openGpuPage, type GpuPage } from '../setup/gpu';
import { DW_TILES } from '../../src/ops/conv/gpu/dwconv';
import type { VariantTiming } from './cases/conv-variants';
import type { ConvSpec } from './cases/conv-graph';
import type { MicroKind, MicroResult } from './cases/dw-micro';

const CASES = '/test/gpu/cases/conv-variants.ts';
const ROUNDS = Number(process.env.DW_ROUNDS ?? 3);

const dw = (name: string, C: number, S: number, K: number, stride: number, extra: Partial<ConvSpec> = {}): ConvSpec => ({
  name, N: 1, C, H: S, W: S, OC: C, K, group: C, strides: [stride, stride], pads: Array(4).fill((K - 1) / 2), bias: true, relu: true, ...extra,
});

// encoder1..4 and decoder shapes of the seed at 256 (k7 + bias + relu, prescale after the first).
const SEED = [[24, 256], [48, 128], [64, 64], [96, 32], [24, 64]].map(([C, S]) => dw(`seed dw k7 ${C}@${S}`, C, S, 7, 1, { prescale: S < 256 }));
// mobilenet_v2 / efficientnet_b0 downsampling depthwise convs at 224.
const S2 = [
  dw('mbv2 dw k3/2 96@112', 96, 112, 3, 2),
  dw('mbv2 dw k3/2 144@56', 144, 56, 3, 2),
  dw('effb0 dw k5/2 144@56', 144, 56, 5, 2),
  dw('mbv2 dw k3/1 144@56', 144, 56, 3, 1),
];

const flops = (s: ConvSpec): number => {
  const K = s.K as number;
  const st = s.strides![0];
  const out = s.N * s.C * Math.ceil(s.H / st) * Math.ceil(s.W / st);
  return out * (2 * K * K + 2);
};

describe.skipIf(!process.env.DW_TIMINGS)('dwconv variants, interleaved (DW_TIMINGS=1)', () => {
  let gp: GpuPage;
  beforeAll(async () => {
    gp = await openGpuPage({ timeoutMs: 600_000 });
  });
  afterAll(async () => {
    await gp?.close();
  });

  const variants = process.env.DW_VARIANTS?.split(',') ?? Object.keys(DW_TILES);
  const which = process.env.DW_SHAPES ?? 'all';
  const shapes = [...SEED, ...S2].filter((s) => which === 'all' || s.name.includes(which));
  it('prints median ms and GFLOP/s per variant', { timeout: 3_600_000 }, async () => {
    for (const spec of shapes) {
      const t = await gp.run<VariantTiming[]>(CASES, 'convVariantTimings', spec, variants, 3);
      for (let r = 1; r < ROUNDS; r++) {
        const more = await gp.run<VariantTiming[]>(CASES, 'convVariantTimings', spec, variants, 3);
        more.forEach((m, i) => t[i].ms.push(...m.ms));
      }
      await gp.run(CASES, 'releaseVariantEngines');
      for (const v of t) v.ms.sort((a, b) => a - b);
      const lines: string[] = [];
      if (process.env.DW_GENERIC) {
        const g = await gp.run<number[]>(CASES, 'genericConvTiming', spec, ROUNDS, 2);
        const med = g[Math.floor(g.length / 2)];
        lines.push(`| ${spec.name} | generic conv2d | median ${med.toFixed(2)} ms | min ${g[0].toFixed(2)} | ${(flops(spec) / med / 1e6).toFixed(2)} GFLOP/s |`);
      }
      for (const v of t) {
        const med = v.ms[Math.floor(v.ms.length / 2)];
        lines.push(`| ${spec.name} | ${v.variant} | median ${med.toFixed(2)} ms | min ${v.ms[0].toFixed(2)} | ${(flops(spec) / med / 1e6).toFixed(2)} GFLOP/s |`);
      }
      console.log(lines.join('\n'));
    }
  });
});

describe.skipIf(!process.env.DW_MICRO)('dwconv cost model microbenchmark (DW_MICRO=1)', () => {
  let gp: GpuPage;
  beforeAll(async () => {
    gp = await openGpuPage({ timeoutMs: 600_000 });
  });
  afterAll(async () => {
    await gp?.close();
  });

  it('prints ns per SIMD-4 group and operation for each kind', { timeout: 3_600_000 }, async () => {
    // As many invocations as rows2x2 needs for 1x24x256x256 (16 outputs each).
    const invocations = (24 * 256 * 256) / 16;
    const cases: Array<[MicroKind, number]> = [['empty', 0], ['fma', 64], ['fma', 256], ['xload', 16], ['xload', 64], ['wload', 16], ['wload', 64]];
    const r = await gp.run<MicroResult[]>('/test/gpu/cases/dw-micro.ts', 'dwMicro', cases, invocations, 3, Number(process.env.DW_ROUNDS ?? 5));
    const med = (m: MicroResult) => m.ms[Math.floor(m.ms.length / 2)];
    const lines = r.map((m) => `| ${m.kind} x${m.count} | median ${med(m).toFixed(2)} ms | min ${m.ms[0].toFixed(2)} ms |`);
    // Slope between the two counts of a kind: ms per operation per invocation, in ns per 4 invocations.
    for (const kind of ['fma', 'xload', 'wload'] as const) {
      const [a, b] = r.filter((m) => m.kind === kind);
      const slope = (x: (m: MicroResult) => number) => (((x(b) - x(a)) / (b.count - a.count)) * 1e6 * 4) / invocations;
      lines.push(`| ${kind} | ${slope(med).toFixed(2)} ns per op per SIMD-4 group (median), ${slope((m) => m.ms[0]).toFixed(2)} (min) |`);
    }
    console.log(lines.join('\n'));
  });
});
