// Reductions, ArgMax / ArgMin, softmax and the normalizations on the GPU against the CPU
// reference (seeded random one-node graphs, test/gpu/cases/norm-reduce-specs.ts). Tolerance:
// max|y - ref| / max|ref| <= 1e-5 (float32 accumulation); measured at most 1.5e-6 (layernorm
// on data in [10, 11]), most below 3e-7, extrema and arg-extrema exact. Every error is printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGpuPage, type GpuPage } from '../setup/gpu';
import type { MiscResult } from './cases/misc';
import { NORM_REDUCE_CASES, longNormCases, rowCases, type NormReduceCase } from './cases/norm-reduce-specs';

const CASES = '/test/gpu/cases/misc.ts';
const TOLERANCE = 1e-5;

async function check(gp: GpuPage, c: NormReduceCase, opts: { noSubgroups?: boolean } = {}): Promise<void> {
  const r = await gp.run<MiscResult>(CASES, 'miscCase', c, opts);
  console.log(`| ${c.name}${opts.noSubgroups ? ' (no subgroups)' : ''} | ${r.key} | maxRel ${r.stats.maxRelError.toExponential(2)} | maxAbs ${r.stats.maxAbsError.toExponential(2)} |`);
  if (c.kernel) expect(r.kernel).toBe(c.kernel);
  expect(r.stats.maxRelError).toBeLessThanOrEqual(TOLERANCE);
}

describe('reductions, softmax and normalizations vs CPU reference', () => {
  let gp: GpuPage;
  beforeAll(async () => {
    gp = await openGpuPage();
  });
  afterAll(async () => {
    await gp?.close();
  });

  for (const c of NORM_REDUCE_CASES) it(c.name, () => check(gp, c));
  // Without subgroups the row reductions and long-row norms take one invocation per row or a workgroup tree.
  for (const c of [...rowCases(), ...longNormCases()]) it(`${c.name} without subgroups`, () => check(gp, c, { noSubgroups: true }));
});
