// Data-movement kernels (slice, concat, transpose, reshape, gather, expand, tile, depth/space,
// pad in every mode) against the CPU reference on seeded random shapes up to rank 6, and the
// program variant each case is meant to exercise. Every one moves float32 values without
// arithmetic, so the tolerance is zero: the output must be bit-identical.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGpuPage, type GpuPage } from '../setup/gpu';
import type { MiscResult } from './cases/misc';
import { DATA_MOVEMENT_CASES, type MovementCase } from './cases/data-movement-specs';

const CASES = '/test/gpu/cases/misc.ts';
const TOLERANCE = 0;

async function check(gp: GpuPage, c: MovementCase): Promise<void> {
  const r = await gp.run<MiscResult>(CASES, 'miscCase', c);
  console.log(`| ${c.name} | ${r.key} | [${r.shape}] | maxAbs ${r.stats.maxAbsError.toExponential(2)} |`);
  for (const part of c.key?.split(',') ?? []) expect(r.key).toMatch(new RegExp(`[{,]${part}[,}]`));
  expect(r.stats.maxAbsError).toBeLessThanOrEqual(TOLERANCE);
}

describe('data-movement kernels vs CPU reference', () => {
  let gp: GpuPage;

  beforeAll(async () => {
    gp = await openGpuPage();
  });

  afterAll(async () => {
    await gp?.close();
  });

  for (const c of DATA_MOVEMENT_CASES) it(c.name, () => check(gp, c));
});
