// Opt-in (GEMM_CEILING=1): the FMA ceiling of the packed pointwise conv's tile against the
// same tile with its loads, to show what limits the GEMM kernels on this device.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGpuPage, type GpuPage } from '../setup/gpu';
import type { CeilingRow } from './cases/gemm-ceiling';

describe.skipIf(!process.env.GEMM_CEILING)('GEMM tile ceiling (GEMM_CEILING=1)', () => {
  let gp: GpuPage;

  beforeAll(async () => {
    gp = await openGpuPage();
  });

  afterAll(async () => {
    await gp?.close();
  });

  it('register-only FMAs vs the same FMAs fed by loads', async () => {
    const rows = await gp.run<CeilingRow[]>('/test/gpu/cases/gemm-ceiling.ts', 'gemmCeiling', [[8, 4], [16, 2], [8, 2], [4, 4]]);
    for (const r of rows) console.log(`| ${r.form} | ${r.co}x${r.px} | ${r.ms.toFixed(2)} ms | ${r.gflops.toFixed(2)} GFLOP/s |`);
    for (const r of rows) expect(r.ms).toBeGreaterThan(0);
  }, 600_000);
});
