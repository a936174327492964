// Conv kernels (dwconv, pwconv, generic conv2d) against the CPU reference, plus kernel selection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGpuPage, type GpuPage } from '../setup/gpu';
import { jeongwonnet } from '../../src/graph/jeongwonnet';
import type { KernelContext } from '../../src/runtime/kernel';
import { selectKernel } from '../../src/ops/kernels';
import { DENSE_VARIANTS } from '../../src/ops/conv/gpu/dense';
import { DW_VARIANTS } from '../../src/ops/conv/gpu/dwconv';
import type { ConvResult, ConvTiming, VariantTimings } from './cases/conv';
import { PW_TILES, pwTileKind } from '../../src/ops/conv/gpu/pwconv';
import type { VariantTimes } from './cases/variant-timing';
import { buildConv, type ConvSpec } from './cases/conv-graph';

const CASES = '/test/gpu/cases/conv.ts';

// Direct fp32 sums of at most a few hundred products; measured errors stay below 1e-6.
const TOLERANCE = 1e-5;

const same = (k: number): number[] => Array(4).fill((k - 1) / 2);
const dw = (name: string, N: number, C: number, H: number, W: number, K: number, extra: Partial<ConvSpec> = {}): ConvSpec => ({
  name, N, C, H, W, OC: C, K, group: C, pads: same(K), ...extra,
});
const pw = (name: string, N: number, C: number, OC: number, H: number, W: number, extra: Partial<ConvSpec> = {}): ConvSpec => ({
  name, N, C, H, W, OC, K: 1, ...extra,
});

const DW_CASES: ConvSpec[] = [
  dw('dw k7 b2 c5 7x7 bias relu prescale', 2, 5, 7, 7, 7, { bias: true, relu: true, prescale: true }),
  dw('dw k5 c6 13x13 bias', 1, 6, 13, 13, 5, { bias: true }),
  dw('dw k7 b2 c3 1x1 bias prescale', 2, 3, 1, 1, 7, { bias: true, prescale: true }),
  dw('dw k3 c24 16x16 relu', 1, 24, 16, 16, 3, { relu: true }),
  dw('dw k9 c3 12x20', 1, 3, 12, 20, 9),
  dw('dw k7 b2 c5 9x12 prescale', 2, 5, 9, 12, 7, { prescale: true }),
  dw('dw k1 c6 5x8 bias', 1, 6, 5, 8, 1, { bias: true }),
  dw('dw k7 c24 256x256 bias relu', 1, 24, 256, 256, 7, { bias: true, relu: true }),
  ...dwGeneralCases(),
];

/** Depthwise convs beyond odd "same" stride 1: mobilenet / efficientnet downsampling, TF SAME pads, even and non-square kernels, dilation. */
function dwGeneralCases(): ConvSpec[] {
  return [
    dw('dw k3/2 b2 c5 13x13 bias relu', 2, 5, 13, 13, 3, { strides: [2, 2], bias: true, relu: true }),
    dw('dw k3/2 c6 16x16 TF SAME pads 0/1 prescale', 1, 6, 16, 16, 3, { strides: [2, 2], pads: [0, 0, 1, 1], prescale: true }),
    dw('dw k5/2 c4 17x20 bias', 1, 4, 17, 20, 5, { strides: [2, 2], bias: true }),
    dw('dw k5/2 b2 c3 14x14 TF SAME pads 1/2 relu', 2, 3, 14, 14, 5, { strides: [2, 2], pads: [1, 1, 2, 2], relu: true }),
    dw('dw k7/2 c3 15x23 prescale bias', 1, 3, 15, 23, 7, { strides: [2, 2], prescale: true, bias: true }),
    dw('dw k3 asym pads c5 7x9 bias', 1, 5, 7, 9, 3, { pads: [0, 1, 2, 1], bias: true }),
    dw('dw k3 no pads c4 9x10', 1, 4, 9, 10, 3, { pads: [0, 0, 0, 0] }),
    dw('dw k4 even pads 2/1 c4 8x8 relu', 1, 4, 8, 8, 4, { pads: [2, 2, 1, 1], relu: true }),
    dw('dw k2/2 c3 11x12', 1, 3, 11, 12, 2, { strides: [2, 2], pads: [0, 0, 0, 0] }),
    { name: 'dw 3x5 non-square b2 c4 9x13 bias', N: 2, C: 4, H: 9, W: 13, OC: 4, K: [3, 5], group: 4, pads: [1, 2, 1, 2], bias: true },
    { name: 'dw 1x7 strides (2,1) c3 10x17 prescale', N: 1, C: 3, H: 10, W: 17, OC: 3, K: [1, 7], group: 3, strides: [2, 1], pads: [0, 3, 0, 3], prescale: true },
    dw('dw k3 d2 p2 c6 9x14 bias', 1, 6, 9, 14, 3, { pads: [2, 2, 2, 2], dilations: [2, 2], bias: true }),
    dw('dw k5 d3 s2 p6 b2 c3 17x19 prescale', 2, 3, 17, 19, 5, { strides: [2, 2], pads: [6, 6, 6, 6], dilations: [3, 3], prescale: true }),
    dw('dw k3/2 c24 64x64 bias relu', 1, 24, 64, 64, 3, { strides: [2, 2], bias: true, relu: true }),
    { name: 'dw conv1d k7 s3 d3 c5', N: 1, C: 5, H: 1, W: 61, OC: 5, K: [1, 7], group: 5, strides: [3], pads: [9, 9], dilations: [3], bias: true, ncl: true },
  ];
}

const PW_CASES: ConvSpec[] = [
  pw('pw 5->6 b2 7x7 bias relu prescale', 2, 5, 6, 7, 7, { bias: true, relu: true, prescale: true }),
  pw('pw 3->24 16x16', 1, 3, 24, 16, 16),
  pw('pw 24->1 b2 13x13 bias', 2, 24, 1, 13, 13, { bias: true }),
  pw('pw 6->3 1x1 bias prescale', 1, 6, 3, 1, 1, { bias: true, prescale: true }),
  pw('pw 24->48 b2 8x12 relu prescale', 2, 24, 48, 8, 12, { relu: true, prescale: true }),
  pw('pw 192->128 8x8 prescale', 1, 192, 128, 8, 8, { prescale: true }),
  pw('pw 3->24 256x256', 1, 3, 24, 256, 256),
  // Channel remainders of the packed [ci][co] tiles: Cout % 4 != 0 and Cout % tile != 0.
  pw('pw 7->13 b3 9x7 bias relu prescale', 3, 7, 13, 9, 7, { bias: true, relu: true, prescale: true }),
  pw('pw 9->20 b2 6x6 bias', 2, 9, 20, 6, 6, { bias: true }),
  pw('pw 33->36 5x11 relu', 1, 33, 36, 5, 11, { relu: true }),
];
const PW_VARIANTS = Object.keys(PW_TILES);
const pwOfKind = (kind: string) => PW_VARIANTS.filter((v) => pwTileKind(v) === kind);
const PW_REGISTER_VARIANTS = pwOfKind('register');
// The workgroup-memory and subgroup programs compile once per tile and epilogue, whatever the
// shape, and each compile costs seconds here, so each tile takes one case, rotating over these:
// each holds channels past the tile, pixels past a vec4 or a tile, a K tail, and a batch > 1.
const SHARED_TILE_CASES = [
  'pw 24->48 b2 8x12 relu prescale', // three K slices of 8; pixel and channel tiles past the end
  'pw 9->20 b2 6x6 bias', // two K slices (the second ragged), one partial tile per axis
  'pw 7->13 b3 9x7 bias relu prescale', // K < 8 with a tail past a subgroup of 4, every axis ragged
  'pw 5->6 b2 7x7 bias relu prescale',
];

/** Each variant on its case (CONV_ALL_VARIANTS=1: on every small case). */
function sharedTileVariants(variants: readonly string[]): ConvSpec[] {
  const small = PW_CASES.filter((c) => c.H * c.W < 4096);
  const caseNamed = (name: string) => small.find((c) => c.name === name) ?? fail(`no pwconv case '${name}'`);
  return variants.flatMap((variant, k) => {
    const cases = process.env.CONV_ALL_VARIANTS ? small : [caseNamed(SHARED_TILE_CASES[k % SHARED_TILE_CASES.length])];
    return cases.map((c) => ({ ...c, name: `${c.name} [${variant}]`, variant }));
  });
}

function fail(message: string): never {
  throw new Error(message);
}

const GENERIC_CASES: ConvSpec[] = [
  { name: 'conv 3x3/2 stem b2 13x13 bias relu', N: 2, C: 3, H: 13, W: 13, OC: 3, K: 3, strides: [2, 2], pads: [1, 1, 1, 1], bias: true, relu: true },
  { name: 'conv 3x3 g2 dil strides asym pads prescale', N: 2, C: 6, H: 9, W: 11, OC: 4, K: 3, group: 2, strides: [1, 2], pads: [0, 2, 1, 0], dilations: [2, 1], prescale: true },
  { name: 'conv 1x1 padded 1x1 bias', N: 1, C: 4, H: 1, W: 1, OC: 6, K: 1, pads: [1, 1, 1, 1], bias: true },
  { name: 'conv 3x5 c5->6 relu', N: 1, C: 5, H: 10, W: 9, OC: 6, K: [3, 5], pads: [1, 2, 1, 2], relu: true },
  { name: 'conv dw x2 multiplier', N: 1, C: 3, H: 8, W: 8, OC: 6, K: 3, group: 3, pads: [1, 1, 1, 1] },
  { name: 'conv 3x3/2 stem 256x256 bias', N: 1, C: 3, H: 256, W: 256, OC: 3, K: 3, strides: [2, 2], pads: [1, 1, 1, 1], bias: true },
  ...dilatedCases(),
  ...nclCases(),
];

/** Dilations 1-3 with strides 1-3, pads, groups and non-square kernels: DeepLab / LRASPP atrous convs and worse. */
function dilatedCases(): ConvSpec[] {
  return [
    { name: 'conv 3x3 d2 p2 atrous b2 c5->7 bias relu', N: 2, C: 5, H: 13, W: 11, OC: 7, K: 3, pads: [2, 2, 2, 2], dilations: [2, 2], bias: true, relu: true },
    { name: 'conv 1x1 d2 (pwconv declines)', N: 1, C: 4, H: 7, W: 9, OC: 5, K: 1, dilations: [2, 2], bias: true },
    { name: 'conv 3x2 d(3,2) s(3,1) g2 asym pads', N: 2, C: 4, H: 19, W: 10, OC: 6, K: [3, 2], group: 2, strides: [3, 1], pads: [2, 0, 1, 3], dilations: [3, 2] },
    { name: 'conv 2x3 d(1,3) s(1,3) c3->8 g1', N: 1, C: 3, H: 6, W: 23, OC: 8, K: [2, 3], strides: [1, 3], pads: [1, 1, 0, 2], dilations: [1, 3], relu: true },
    { name: 'conv 3x3 d2 s2 multiplier 2 (g3 c3->6)', N: 3, C: 3, H: 10, W: 10, OC: 6, K: 3, group: 3, strides: [2, 2], pads: [1, 2, 2, 1], dilations: [2, 2], bias: true },
  ];
}

/** Conv1d exports: NCL input with one-axis attributes, run as NCHW with H = 1. */
function nclCases(): ConvSpec[] {
  const ncl = (name: string, N: number, C: number, W: number, OC: number, K: number, extra: Partial<ConvSpec> = {}): ConvSpec => ({ name, N, C, H: 1, W, OC, K: [1, K], ncl: true, ...extra });
  return [
    ncl('conv1d k3 p1 b2 4->8 bias relu', 2, 4, 37, 8, 3, { pads: [1, 1], bias: true, relu: true }),
    ncl('conv1d k5 s2 d2 g2 asym pads', 2, 6, 50, 4, 5, { group: 2, strides: [2], pads: [3, 1], dilations: [2] }),
    ncl('conv1d k2 s1 no pads', 3, 3, 9, 2, 2),
  ];
}

/** Shapes that stress the dense kernel's tiles: partial channel tiles, scalar weights (group outputs not a multiple of 4), several column groups, regnet-like groups. */
const TILE_CASES: ConvSpec[] = [
  { name: 'conv 3x3 c5->20 b2 11x13 bias relu prescale', N: 2, C: 5, H: 11, W: 13, OC: 20, K: 3, pads: [1, 1, 1, 1], bias: true, relu: true, prescale: true },
  { name: 'conv 3x3/2 g4 c16->32 b2 9x10 (regnet)', N: 2, C: 16, H: 9, W: 10, OC: 32, K: 3, group: 4, strides: [2, 2], pads: [1, 1, 1, 1], bias: true },
  { name: 'conv 5x5 s(2,1) c3->6 15x17 bias', N: 1, C: 3, H: 15, W: 17, OC: 6, K: 5, strides: [2, 1], pads: [2, 2, 1, 2], bias: true },
  { name: 'conv 7x7/2 stem c3->6 21x19 relu', N: 1, C: 3, H: 21, W: 19, OC: 6, K: 7, strides: [2, 2], pads: [3, 3, 3, 3], relu: true },
  { name: 'conv 3x3 d2 c8->24 9x45 prescale', N: 1, C: 8, H: 9, W: 45, OC: 24, K: 3, pads: [2, 2, 2, 2], dilations: [2, 2], prescale: true },
  { name: 'conv 5x5 c1->36 b3 7x33 (superres head)', N: 3, C: 1, H: 7, W: 33, OC: 36, K: 5, pads: [2, 2, 2, 2], bias: true, relu: true },
  { name: 'conv 3x3 g3 c12->18 s(1,2) 8x23 (ocg 6)', N: 2, C: 12, H: 8, W: 23, OC: 18, K: 3, group: 3, strides: [1, 2], pads: [0, 1, 1, 0], bias: true },
  { name: 'conv1d k3 b2 4->36 W70 bias relu', N: 2, C: 4, H: 1, W: 70, OC: 36, K: [1, 3], ncl: true, pads: [1, 1], bias: true, relu: true },
];

const fmt = (x: number): string => x.toExponential(2);

/**
 * Each case forced through the non-default variants: with CONV_ALL_VARIANTS=1 every variant on
 * every case; otherwise each case through two of them, rotating, so every variant meets a share
 * of every kind of case (strides, dilations, tails) at a fraction of the compiles, which dominate
 * the suite's time on SwiftShader. The default variant runs every case in either mode.
 */
function forcedVariants(cases: ConvSpec[], variants: readonly string[]): ConvSpec[] {
  const all = Boolean(process.env.CONV_ALL_VARIANTS);
  const per = Math.min(2, variants.length);
  return cases.flatMap((c, i) =>
    variants.filter((_, v) => all || (v - (i % variants.length) + variants.length) % variants.length < per).map((variant) => ({ ...c, name: `${c.name} [${variant}]`, variant })),
  );
}

/** Every activation the passes fuse into convs, with non-default parameters where it has them. */
const FUSED_ACTS: [string, Record<string, number>][] = [
  ['relu', {}], ['clip', { min: 0, max: 6 }], ['clip', { min: -0.25, max: 0.3 }], ['hardswish', {}], ['hardsigmoid', { alpha: 1 / 6, beta: 0.5 }],
  ['hardsigmoid', { alpha: 0.3, beta: 0.4 }], ['silu', {}], ['sigmoid', {}], ['gelu', {}], ['leakyrelu', { alpha: 0.1 }], ['tanh', {}], ['mish', {}],
];

/** One program per shape: dwconv (aligned and ragged rows), pwconv (aligned and ragged planes), generic conv2d. */
const EPILOGUE_SHAPES: [string, ConvSpec][] = [
  ['dwconv', dw('dw k3 b2 c5 9x12', 2, 5, 9, 12, 3, { bias: true, prescale: true })],
  ['dwconv', dw('dw k5 c3 7x7', 1, 3, 7, 7, 5)],
  ['pwconv', pw('pw 6->8 b2 7x9', 2, 6, 8, 7, 9, { bias: true, prescale: true })],
  ['pwconv', pw('pw 5->4 8x8', 1, 5, 4, 8, 8)],
  ['conv2d', { name: 'conv 3x3/2 g2 dil asym', N: 2, C: 4, H: 11, W: 9, OC: 6, K: 3, group: 2, strides: [2, 1], pads: [1, 0, 2, 1], dilations: [1, 2], bias: true }],
  ['conv2d', { name: 'conv1d k3', N: 2, C: 3, H: 1, W: 21, OC: 5, K: [1, 3], pads: [1, 1], ncl: true, prescale: true }],
];

/** Each fused activation, with and without a residual, on each program (activations rotate over the shapes). */
function epilogueCases(): [string, ConvSpec][] {
  const out: [string, ConvSpec][] = [];
  FUSED_ACTS.forEach(([act, actAttrs], i) => {
    for (let k = 0; k < 2; k++) {
      const [kernel, base] = EPILOGUE_SHAPES[(2 * i + k) % EPILOGUE_SHAPES.length];
      const residual = k === 1;
      out.push([kernel, { ...base, name: `${base.name} ${act}${Object.keys(actAttrs).length ? JSON.stringify(actAttrs) : ''}${residual ? ' +residual' : ''}`, act, actAttrs, residual, seed: 11 + i }]);
    }
  });
  // A residual with no activation on every program.
  for (const [kernel, base] of EPILOGUE_SHAPES) out.push([kernel, { ...base, name: `${base.name} +residual only`, residual: true }]);
  return out;
}

describe('conv kernels vs CPU reference', () => {
  let gp: GpuPage;

  beforeAll(async () => {
    gp = await openGpuPage();
  });

  afterAll(async () => {
    await gp?.close();
  });

  const check = (expected: string, cases: ConvSpec[]) => {
    for (const spec of cases) {
      it(spec.name, async () => {
        const r = await gp.run<ConvResult>(CASES, 'convCase', spec);
        console.log(`| ${spec.name} | ${r.variant ?? '-'} | ${r.key} | [${r.shape}] | maxRel ${fmt(r.stats.maxRelError)} | maxAbs ${fmt(r.stats.maxAbsError)} |`);
        expect(r.kernel).toBe(expected);
        if (spec.variant !== undefined) expect(r.variant).toBe(spec.variant);
        expect(r.stats.maxRelError).toBeLessThanOrEqual(TOLERANCE);
      });
    }
  };
  check('dwconv', DW_CASES);
  // The dwconv variants forced on every case but the large ones (each case's default ran above).
  check('dwconv', forcedVariants(DW_CASES.filter((s) => s.H * s.W < 4096), DW_VARIANTS));
  check('pwconv', PW_CASES);
  // The other register-tiled pwconv variants (the default ran above), the workgroup tiles, the subgroup tiles.
  check('pwconv', forcedVariants(PW_CASES.filter((c) => c.H * c.W < 4096), PW_REGISTER_VARIANTS.slice(1)));
  check('pwconv', sharedTileVariants([...pwOfKind('workgroup'), ...pwOfKind('subgroup')]));
  check('conv2d', [...GENERIC_CASES, ...TILE_CASES]);
  // The dense variants forced by name (the default among them, so naming it is checked too).
  check('conv2d', forcedVariants([...GENERIC_CASES, ...TILE_CASES], DENSE_VARIANTS));
  check('pwconv', [{ name: 'conv1d k1 (pointwise) b2 5->6 bias', N: 2, C: 5, H: 1, W: 33, OC: 6, K: [1, 1], ncl: true, bias: true }]);
});

// Fused activations (parameters baked into the text, helpers inlined) and residual adds, within
// the activations' own GPU tolerance (transcendental rows 1e-5); measured errors stay below 3e-7.
const EPILOGUE_TOLERANCE = 1e-5;

describe('fused conv epilogues vs CPU reference', () => {
  let gp: GpuPage;

  beforeAll(async () => {
    gp = await openGpuPage();
  });

  afterAll(async () => {
    await gp?.close();
  });

  for (const [expected, spec] of epilogueCases()) {
    it(spec.name, async () => {
      const r = await gp.run<ConvResult>(CASES, 'convCase', spec);
      console.log(`| ${spec.name} | ${r.key} | [${r.shape}] | maxRel ${fmt(r.stats.maxRelError)} | maxAbs ${fmt(r.stats.maxAbsError)} |`);
      expect(r.kernel).toBe(expected);
      expect(r.stats.maxRelError).toBeLessThanOrEqual(EPILOGUE_TOLERANCE);
    });
  }
});

const CTX_LIMITS = { maxComputeWorkgroupsPerDimension: 65535, maxComputeInvocationsPerWorkgroup: 256 };

function selected(spec: ConvSpec): string {
  const { graph } = buildConv(spec);
  const ctx: KernelContext = { graph, limits: CTX_LIMITS, features: new Set() };
  return selectKernel(graph.nodes[0], ctx).name;
}

describe('conv kernel selection', () => {
  it('routes every depthwise conv with channel multiplier 1 to dwconv', () => {
    for (const K of [1, 3, 5, 7, 9]) expect(selected(dw(`k${K}`, 1, 4, 8, 8, K))).toBe('dwconv');
    const general: ConvSpec[] = [
      dw('fused', 2, 5, 7, 7, 7, { bias: true, relu: true, prescale: true }),
      dw('asym pads', 1, 4, 8, 8, 3, { pads: [0, 1, 2, 1] }),
      dw('stride 2', 1, 4, 8, 8, 3, { strides: [2, 2] }),
      dw('dilation 2', 1, 4, 8, 8, 3, { dilations: [2, 2], pads: [2, 2, 2, 2] }),
      dw('even K', 1, 4, 8, 8, 4, { pads: [2, 2, 1, 1] }),
      dw('no pads', 1, 4, 8, 8, 3, { pads: [0, 0, 0, 0] }),
      { name: 'non-square', N: 1, C: 4, H: 8, W: 8, OC: 4, K: [3, 5], group: 4, pads: [1, 2, 1, 2] },
      { name: 'conv1d dw k3', N: 1, C: 4, H: 1, W: 16, OC: 4, K: [1, 3], group: 4, pads: [1, 1], ncl: true },
    ];
    for (const spec of general) expect(selected(spec), spec.name).toBe('dwconv');
  });

  it('routes 1x1 group-1 convs to pwconv', () => {
    expect(selected(pw('pw', 1, 24, 48, 8, 8, { bias: true, relu: true, prescale: true }))).toBe('pwconv');
    expect(selected(pw('final', 1, 24, 1, 8, 8, { bias: true }))).toBe('pwconv');
  });

  it('leaves everything else to the generic conv2d', () => {
    const generic: ConvSpec[] = [
      { ...dw('multiplier', 1, 4, 8, 8, 3), OC: 8 },
      pw('pw padded', 1, 4, 6, 8, 8, { pads: [1, 1, 1, 1] }),
      pw('pw stride 2', 1, 4, 6, 8, 8, { strides: [2, 2] }),
      pw('pw grouped', 1, 4, 6, 8, 8, { group: 2 }),
      pw('pw dilated', 1, 4, 6, 8, 8, { dilations: [2, 2] }),
      { name: 'stem', N: 1, C: 3, H: 16, W: 16, OC: 3, K: 3, strides: [2, 2], pads: [1, 1, 1, 1], bias: true },
    ];
    for (const spec of generic) expect(selected(spec), spec.name).toBe('conv2d');
  });

  it('declines activations it cannot fuse', () => {
    const { graph } = buildConv(dw('k7', 1, 4, 8, 8, 7));
    graph.nodes[0].attrs.activation = 'softmax';
    const ctx: KernelContext = { graph, limits: CTX_LIMITS, features: new Set() };
    expect(() => selectKernel(graph.nodes[0], ctx)).toThrow(/no WebGPU kernel/);
  });

  it('runs every conv of the network (with stem) on the expected kernel', () => {
    const graph = jeongwonnet({ size: 64, stem: true });
    const ctx: KernelContext = { graph, limits: CTX_LIMITS, features: new Set() };
    const picked = graph.nodes.filter((n) => n.op === 'conv2d').map((n) => [n.name, selectKernel(n, ctx).name]);
    for (const [name, kernel] of picked) {
      const want = name === 'stem.conv' ? 'conv2d' : name.endsWith('.dw') ? 'dwconv' : 'pwconv';
      expect(kernel, name).toBe(want);
    }
    // stem + 11 depthwise + 11 channel-changing pointwise + the final 1x1
    expect(picked.length).toBe(1 + 11 + 11 + 1);
  });
});

// The network's real shapes at batch 1, 256x256; slow on a CPU adapter, so opt-in.
const NET_DW = [[24, 256], [48, 128], [64, 64], [96, 32], [128, 16], [192, 8], [128, 8], [96, 8], [64, 16], [48, 32], [24, 64]];
// C x OC x S: the network's (first five), then zoo 1x1s (mobilenet_v2 expand / project,
// shufflenet, efficientnet head); PW_SHAPES overrides.
const PW_TIMING_SHAPES = (process.env.PW_SHAPES ?? '3x24x256,24x48x128,48x64x64,64x96x32,128x192x8,16x96x112,144x24x56,192x64x14,58x58x28,320x1280x7')
  .split(',')
  .map((s) => s.split('x').map(Number));
const NET_PW = [[3, 24, 256], [24, 48, 128], [48, 64, 64], [64, 96, 32], [96, 128, 16], [128, 192, 8], [192, 128, 8], [128, 96, 8], [96, 64, 16], [64, 48, 32], [48, 24, 64], [24, 1, 128]];

describe.skipIf(!process.env.CONV_TIMINGS)('conv timings at the network shapes (CONV_TIMINGS=1)', () => {
  let gp: GpuPage;

  beforeAll(async () => {
    gp = await openGpuPage();
  });

  afterAll(async () => {
    await gp?.close();
  });

  const time = async (spec: ConvSpec) => {
    const t = await gp.run<ConvTiming>(CASES, 'convTiming', spec, 7);
    console.log(`| ${spec.name} | ${t.key} | median ${t.ms[3].toFixed(2)} ms | min ${t.ms[0].toFixed(2)} ms |`);
  };

  it('dwconv k7 + bias + relu (+ prescale)', async () => {
    for (const [C, S] of NET_DW) await time(dw(`dw ${C}@${S}`, 1, C, S, S, 7, { bias: true, relu: true, prescale: S < 256 }));
  });

  it('pwconv (prescale after the first block)', async () => {
    for (const [C, OC, S] of NET_PW) await time(pw(`pw ${C}->${OC}@${S}`, 1, C, OC, S, S, { prescale: C !== 3, bias: OC === 1 }));
  });

  // Every variant per shape in interleaved rounds; GFLOP/s of 2*C*OC*HW at the fastest and the median.
  it('pwconv variants at network and zoo shapes', async () => {
    for (const [C, OC, S] of PW_TIMING_SHAPES) {
      const spec = pw(`pw ${C}->${OC}@${S}`, 1, C, OC, S, S, { prescale: C !== 3 });
      const t = await gp.run<VariantTimes>('/test/gpu/cases/variant-timing.ts', 'variantTimings', 'conv', spec, PW_VARIANTS, 5, 3);
      const gflop = (2 * C * OC * S * S) / 1e9;
      const cell = (v: string) => `${v} ${(gflop / (t.min[v] / 1e3)).toFixed(2)} / ${(gflop / (t.median[v] / 1e3)).toFixed(2)}`;
      console.log(`| pw ${C}->${OC}@${S} (GFLOP/s min-time / median; roof ${t.roofGflops.toFixed(2)}) | ${PW_VARIANTS.map(cell).join(' | ')} |`);
    }
  }, 1_800_000);

  it('generic conv2d: 3x3/2 stem', async () => {
    await time({ name: 'stem 3->3@256', N: 1, C: 3, H: 256, W: 256, OC: 3, K: 3, strides: [2, 2], pads: [1, 1, 1, 1], bias: true });
  });
});

// Dense convs of the zoo models at their real shapes (batch 1).
const ZOO_DENSE: ConvSpec[] = [
  { name: 'superres 64->64 3x3 @120x160', N: 1, C: 64, H: 120, W: 160, OC: 64, K: 3, pads: [1, 1, 1, 1], bias: true, relu: true },
  // A quarter of the rows: the one-channel program's full-size run (~1.4 GFLOP) outlasts a page call here.
  { name: 'superres 64->64 3x3 @30x160', N: 1, C: 64, H: 30, W: 160, OC: 64, K: 3, pads: [1, 1, 1, 1], bias: true, relu: true },
  { name: 'superres 1->64 5x5 @120x160', N: 1, C: 1, H: 120, W: 160, OC: 64, K: 5, pads: [2, 2, 2, 2], bias: true, relu: true },
  { name: 'superres 32->4 3x3 @120x160', N: 1, C: 32, H: 120, W: 160, OC: 4, K: 3, pads: [1, 1, 1, 1], bias: true },
  { name: 'unet 3->8 3x3 @160x224', N: 1, C: 3, H: 160, W: 224, OC: 8, K: 3, pads: [1, 1, 1, 1], bias: true, relu: true },
  { name: 'unet 16->8 3x3 @160x224', N: 1, C: 16, H: 160, W: 224, OC: 8, K: 3, pads: [1, 1, 1, 1], bias: true, relu: true },
  { name: 'unet 16->16 3x3 @80x112', N: 1, C: 16, H: 80, W: 112, OC: 16, K: 3, pads: [1, 1, 1, 1], bias: true, relu: true },
  { name: 'unet 24->32 3x3/2 @40x56', N: 1, C: 24, H: 40, W: 56, OC: 32, K: 3, strides: [2, 2], pads: [1, 1, 1, 1], bias: true, relu: true },
  { name: 'unet 32->32 3x3 d2 @20x28', N: 1, C: 32, H: 20, W: 28, OC: 32, K: 3, pads: [2, 2, 2, 2], dilations: [2, 2], bias: true, relu: true },
  { name: 'resnet stem 3->6 7x7/2 @64x96', N: 1, C: 3, H: 64, W: 96, OC: 6, K: 7, strides: [2, 2], pads: [3, 3, 3, 3], bias: true, relu: true },
  { name: 'resnet 6->6 3x3 @16x24', N: 1, C: 6, H: 16, W: 24, OC: 6, K: 3, pads: [1, 1, 1, 1], bias: true, relu: true },
  { name: 'regnet stem 3->16 3x3/2 @64x80', N: 1, C: 3, H: 64, W: 80, OC: 16, K: 3, strides: [2, 2], pads: [1, 1, 1, 1], bias: true, relu: true },
  { name: 'regnet 32->32 g4 3x3/2 @16x20', N: 1, C: 32, H: 16, W: 20, OC: 32, K: 3, group: 4, strides: [2, 2], pads: [1, 1, 1, 1], bias: true, relu: true },
];

function denseFlops(s: ConvSpec): number {
  const [KH, KW] = typeof s.K === 'number' ? [s.K, s.K] : s.K;
  const [sh, sw] = s.strides ?? [1, 1];
  const [dh, dw] = s.dilations ?? [1, 1];
  const p = s.pads ?? [0, 0, 0, 0];
  const OH = Math.floor((s.H + p[0] + p[2] - dh * (KH - 1) - 1) / sh) + 1;
  const OW = Math.floor((s.W + p[1] + p[3] - dw * (KW - 1) - 1) / sw) + 1;
  return 2 * s.N * s.OC * OH * OW * (s.C / (s.group ?? 1)) * KH * KW;
}

describe.skipIf(!process.env.CONV_TIMINGS)('dense conv2d variants at the zoo shapes (CONV_TIMINGS=1)', () => {
  let gp: GpuPage;

  beforeAll(async () => {
    gp = await openGpuPage();
  });

  afterAll(async () => {
    await gp?.close();
  });

  const only = process.env.CONV_VARIANTS?.split(',') ?? [...DENSE_VARIANTS];
  const shapes = process.env.CONV_SHAPES?.split(',');
  for (const spec of ZOO_DENSE.filter((s) => !shapes || shapes.some((x) => s.name.includes(x)))) {
    it(spec.name, async () => {
      // One page call per variant and round (a slow variant must not outlast the call), interleaved.
      const ms: Record<string, number[]> = Object.fromEntries(only.map((v) => [v, []]));
      for (let r = 0; r < Number(process.env.CONV_ROUNDS ?? 3); r++) {
        for (const v of only) ms[v].push((await gp.run<VariantTimings>(CASES, 'convVariantTimings', spec, [v], 1)).ms[v][0]);
      }
      const gflop = denseFlops(spec) / 1e9;
      for (const v of only) {
        ms[v].sort((a, b) => a - b);
        const t = { ms };
        const med = t.ms[v][Math.floor(t.ms[v].length / 2)];
        console.log(`| ${spec.name} | ${v} | median ${med.toFixed(2)} ms | min ${t.ms[v][0].toFixed(2)} ms | ${(gflop / (med / 1e3)).toFixed(2)} GFLOP/s |`);
      }
    }, 1_800_000);
  }
});
