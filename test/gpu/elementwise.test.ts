// The element-wise programs (unary table rows, binary pow / prelu / max / min) against the CPU
// reference on seeded random inputs: every row in its vec4, scalar and prescale variants, each
// with its stated tolerance on max|y - ref| / max|ref|, the measured error printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGpuPage, type GpuPage } from '../setup/gpu';
import type { MiscResult } from './cases/misc';
import { ELEMENTWISE_CASES } from './cases/elementwise-specs';

const fmt = (x: number): string => x.toExponential(2);

describe('element-wise kernels vs CPU reference', () => {
  let gp: GpuPage;

  beforeAll(async () => {
    gp = await openGpuPage();
  });

  afterAll(async () => {
    await gp?.close();
  });

  for (const c of ELEMENTWISE_CASES) {
    it(c.name, async () => {
      const r = await gp.run<MiscResult>('/test/gpu/cases/misc.ts', 'miscCase', c);
      console.log(`| ${c.name} | ${r.key} | maxRel ${fmt(r.stats.maxRelError)} (tolerance ${fmt(c.tolerance)}) | maxAbs ${fmt(r.stats.maxAbsError)} |`);
      expect(r.kernel).toBe(c.kernel);
      expect(r.stats.maxRelError).toBeLessThanOrEqual(c.tolerance);
    });
  }

  it('ran without page errors', () => expect(gp.log.errors).toEqual([]));
});
