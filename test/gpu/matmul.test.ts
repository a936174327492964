// MatMul and Gemm against the CPU reference, every variant each node offers (the tiled program's
// tile sizes and the one-output-per-invocation `legacy`), on odd and broadcast shapes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGpuPage, type GpuPage } from '../setup/gpu';
import type { Attrs } from '../../src/graph/ir';
import type { CaseInput, MiscCase } from './cases/misc-cases';
import type { MiscResult } from './cases/misc';
import type { VariantTimes } from './cases/variant-timing';
import { WG_TILES } from '../../src/ops/matmul/gpu/wg-tile';

const CASES = '/test/gpu/cases/misc.ts';

// fp32 sums of at most 64 products in a different order than the float64 reference; measured
// errors stay below 1e-6.
const TOLERANCE = 1e-5;

const x = (name: string, shape: number[]): CaseInput => ({ name, shape });
const w = (name: string, shape: number[]): CaseInput => ({ name, shape, weight: true });
const mm = (a: CaseInput, b: CaseInput, attrs: Attrs = {}): MiscCase => ({ name: `matmul [${a.shape}] @ [${b.shape}]${b.weight ? ' (b weight)' : ''}`, op: 'matmul', inputs: [a, b], attrs });
const gemm = (inputs: CaseInput[], attrs: Attrs): MiscCase => ({
  name: `gemm ${inputs.map((i) => `[${i.shape}]${i.weight ? 'w' : ''}`).join(' ')} ${JSON.stringify(attrs)}`,
  op: 'gemm', inputs, attrs,
});

const MATMUL_CASES: MiscCase[] = [
  mm(x('a', [3, 5]), x('b', [5, 8])),
  mm(x('a', [13, 12]), x('b', [12, 20])),
  mm(x('a', [2, 3, 9, 8]), x('b', [3, 8, 12])),
  mm(x('a', [2, 1, 7, 16]), x('b', [1, 3, 16, 4])),
  mm(x('a', [7]), x('b', [7, 8])),
  mm(x('a', [2, 10, 10, 16]), w('b', [16, 64])),
  mm(x('a', [5, 7]), x('b', [7, 6])),
  mm(x('a', [6, 8]), w('b', [8, 12]), { activation: 'relu' }),
];

const GEMM_CASES: MiscCase[] = [
  gemm([x('a', [7, 5]), w('b', [5, 12]), w('c', [12])], {}),
  gemm([x('a', [5, 7]), w('b', [9, 5]), w('c', [7, 1])], { transA: 1, transB: 1, alpha: 0.5, beta: -2 }),
  gemm([x('a', [6, 9]), w('b', [12, 9]), w('c', [6, 12])], { transB: 1, alpha: 0.7, beta: 0.3 }),
  gemm([x('a', [1, 64]), w('b', [40, 64]), w('c', [40])], { transB: 1 }),
  gemm([x('a', [3, 9]), x('b', [16, 9]), w('c', [16])], { transB: 1 }),
  gemm([x('a', [5, 8]), w('b', [8, 16])], { alpha: 2 }),
  gemm([x('a', [9, 12]), w('b', [12, 8]), w('c', [1])], { beta: 0.5 }),
  gemm([x('a', [4, 6]), w('b', [6, 8]), w('c', [4, 1])], { transA: 0, beta: 1.5 }),
];

const fmt = (e: number): string => e.toExponential(2);

// The workgroup-memory tiles compile once per tile and epilogue, whatever the shape, and each
// compile costs seconds here, so each tile takes one case, rotating over these
// (MATMUL_ALL_VARIANTS=1: every tile on every case).
const WG_CASES = [
  'matmul [2,1,7,16] @ [1,3,16,4]', // broadcast batches, rows and columns past the tile, two K slices
  'gemm [6,9] [12,9]w [6,12]w {"transB":1,"alpha":0.7,"beta":0.3}', // alpha, beta, a full C, packed B^T, a K tail
  'matmul [2,10,10,16] @ [16,64] (b weight)', // 20 batch matrices, B broadcast
];

/** The workgroup tiles (of those offered) that run on this case. */
function wgRuns(offered: string[], name: string): string[] {
  if (process.env.MATMUL_ALL_VARIANTS) return offered;
  return Object.keys(WG_TILES).filter((t, k) => offered.includes(t) && WG_CASES[k % WG_CASES.length] === name);
}

describe('matmul and gemm variants vs CPU reference', () => {
  let gp: GpuPage;

  beforeAll(async () => {
    gp = await openGpuPage();
  });

  afterAll(async () => {
    await gp?.close();
  });

  const run = async (c: MiscCase): Promise<MiscResult> => {
    const r = await gp.run<MiscResult>(CASES, 'miscCase', c);
    console.log(`| ${c.name} | ${r.variant ?? '-'} | ${r.key} | maxRel ${fmt(r.stats.maxRelError)} | maxAbs ${fmt(r.stats.maxAbsError)} |`);
    expect(r.stats.maxRelError).toBeLessThanOrEqual(TOLERANCE);
    return r;
  };

  it('names existing cases for the workgroup tiles', () => {
    const names = [...MATMUL_CASES, ...GEMM_CASES].map((c) => c.name);
    for (const n of WG_CASES) expect(names).toContain(n);
  });

  for (const c of [...MATMUL_CASES, ...GEMM_CASES]) {
    it(c.name, async () => {
      const first = await run(c);
      expect(first.variant).toBe(first.candidates[0]);
      // The workgroup-memory tiles are offered after the register tiles, before legacy.
      const wg = first.candidates.filter((v) => v in WG_TILES);
      if (wg.length) expect(first.candidates.filter((v) => v !== 'legacy').slice(-wg.length)).toEqual(Object.keys(WG_TILES));
      for (const variant of first.candidates.slice(1).filter((v) => !wg.includes(v) || wgRuns(wg, c.name).includes(v))) expect((await run({ ...c, variant })).variant).toBe(variant);
      // The tiled program runs wherever the columns come in vec4s and the layout allows it.
      const tiled = first.candidates.length > 1;
      const cols = c.op === 'gemm' ? undefined : c.inputs[1].shape[c.inputs[1].shape.length - 1];
      if (cols !== undefined) expect(tiled).toBe(cols % 4 === 0);
      if (c.op === 'gemm') expect(tiled).toBe(!c.attrs.transA && !(c.attrs.transB && !c.inputs[1].weight));
    });
  }
});

// The zoo's products: convnext's 4x MLP as MatMul over [N, H, W, C] (B a weight), a Gemm head.
const TIMED: [MiscCase, number][] = [
  [mm(x('a', [1, 24, 24, 24]), w('b', [24, 96])), 2 * 576 * 24 * 96],
  [mm(x('a', [1, 24, 24, 96]), w('b', [96, 24])), 2 * 576 * 96 * 24],
  [mm(x('a', [1, 12, 12, 48]), w('b', [48, 192])), 2 * 144 * 48 * 192],
  [mm(x('a', [1, 12, 12, 192]), w('b', [192, 48])), 2 * 144 * 192 * 48],
  [mm(x('a', [1, 3, 3, 768]), w('b', [768, 192])), 2 * 9 * 768 * 192],
  [gemm([x('a', [1, 480]), w('b', [640, 480]), w('c', [640])], { transB: 1 }), 2 * 480 * 640],
];

describe.skipIf(!process.env.MATMUL_TIMINGS)('matmul / gemm variant timings (MATMUL_TIMINGS=1)', () => {
  let gp: GpuPage;

  beforeAll(async () => {
    gp = await openGpuPage();
  });

  afterAll(async () => {
    await gp?.close();
  });

  it('every variant at the zoo shapes, interleaved rounds', async () => {
    for (const [c, flops] of TIMED) {
      const { candidates } = await gp.run<MiscResult>(CASES, 'miscCase', c);
      const t = await gp.run<VariantTimes>('/test/gpu/cases/variant-timing.ts', 'variantTimings', 'misc', c, candidates, 5, 3);
      const cell = (v: string) => `${v} ${(flops / t.min[v] / 1e6).toFixed(2)} / ${(flops / t.median[v] / 1e6).toFixed(2)}`;
      console.log(`| ${c.name} (GFLOP/s min-time / median; roof ${t.roofGflops.toFixed(2)}) | ${candidates.map(cell).join(' | ')} |`);
    }
  }, 1_800_000);
});
