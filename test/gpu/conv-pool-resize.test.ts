// Transposed convolution, 1-D pooling and cubic resize kernels against the CPU reference on
// seeded random one-node graphs (cases in cases/conv-pool-resize-specs.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGpuPage, type GpuPage } from '../setup/gpu';
import type { MiscCase } from './cases/misc-cases';
import type { MiscResult, MiscTiming } from './cases/misc';
import { CT_VARIANTS } from '../../src/ops/conv-transpose/gpu/direct';
import { convTransposeCases, cubicResizeCases, ncPoolCases, unetTransposeCases } from './cases/conv-pool-resize-specs';

const CASES = '/test/gpu/cases/misc.ts';

// fp32 sums of at most a few hundred products (transposed conv) or 16 taps (cubic); max
// pooling and nearest resize are exact. Measured: transposed conv and pools below 3e-7, cubic
// resize below 1e-6, resize_scaled cubic up to 1.5e-6 (its source coordinates are f32).
const TOLERANCE = 1e-5;

const fmt = (v: number): string => v.toExponential(2);

describe('transposed conv, 1-D pool and cubic resize kernels vs CPU reference', () => {
  let gp: GpuPage;

  beforeAll(async () => {
    gp = await openGpuPage();
  });

  afterAll(async () => {
    await gp?.close();
  });

  const check = (c: MiscCase) =>
    it(c.name, async () => {
      const r = await gp.run<MiscResult>(CASES, 'miscCase', c);
      console.log(`| ${c.name} | ${r.variant ?? '-'} | ${r.key} | [${r.shape}] | maxRel ${fmt(r.stats.maxRelError)} | maxAbs ${fmt(r.stats.maxAbsError)} |`);
      if (c.kernel) expect(r.kernel).toBe(c.kernel);
      if (c.variant !== undefined) expect(r.variant).toBe(c.variant);
      expect(r.stats.maxRelError).toBeLessThanOrEqual(TOLERANCE);
    });

  for (const c of [...convTransposeCases(), ...ncPoolCases(), ...cubicResizeCases()]) check(c);
  // Every transposed-conv variant on every transposed-conv shape.
  for (const variant of CT_VARIANTS) for (const c of convTransposeCases()) check({ ...c, name: `${c.name} [${variant}]`, variant });
});

describe.skipIf(!process.env.CONV_TIMINGS)('transposed conv variants at the U-Net shapes (CONV_TIMINGS=1)', () => {
  let gp: GpuPage;

  beforeAll(async () => {
    gp = await openGpuPage();
  });

  afterAll(async () => {
    await gp?.close();
  });

  for (const { spec, flops } of unetTransposeCases()) {
    it(spec.name, async () => {
      const ms: Record<string, number[]> = Object.fromEntries(CT_VARIANTS.map((v) => [v, []]));
      // Interleaved rounds, one inference per variant each.
      for (let r = 0; r < Number(process.env.CONV_ROUNDS ?? 3); r++) {
        for (const v of CT_VARIANTS) ms[v].push((await gp.run<MiscTiming>(CASES, 'miscTiming', { ...spec, variant: v }, 1)).ms[0]);
      }
      for (const v of CT_VARIANTS) {
        const t = ms[v].sort((a, b) => a - b);
        const med = t[Math.floor(t.length / 2)];
        console.log(`| ${spec.name} | ${v} | median ${med.toFixed(2)} ms | min ${t[0].toFixed(2)} ms | ${(flops / 1e6 / med).toFixed(2)} GFLOP/s |`);
      }
    }, 1_800_000);
  }
});
