// Every zoo model on the WebGPU engine against PyTorch's output: max|y-ref|/max|ref| <= 1e-3
// (ArgMax heads: every index equal).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGpuPage, type GpuPage } from '../setup/gpu';
import { zooCases, zooData } from '../zoo/zoo-cases';
import type { ZooRun } from './cases/zoo';

const TOLERANCE = 1e-3;

describe('model zoo on the WebGPU engine', () => {
  let gp: GpuPage;
  beforeAll(async () => {
    gp = await openGpuPage();
  });
  afterAll(async () => {
    await gp?.close();
  });

  for (const c of zooCases()) {
    it(c.name, async () => {
      const d = zooData(c);
      const r = await gp.run<ZooRun>('/test/gpu/cases/zoo.ts', 'zooOnEngine', d.model, c.inputShapes, d.feeds, d.expected);
      console.log(`${c.name} on the GPU: max|y-ref|/max|ref| = ${r.maxRelError.toExponential(2)}, ${r.dispatches} dispatches, ${r.ms.toFixed(0)} ms`);
      if (c.intOutput) expect(r.maxAbsError).toBe(0);
      else expect(r.maxRelError).toBeLessThanOrEqual(TOLERANCE);
      expect(gp.log.errors).toEqual([]);
    });
  }
});
