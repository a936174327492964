// Every claimed ONNX backend node test on the WebGPU engine (after the pass pipeline), against
// the test's expected outputs: max|y-ref|/max|ref| <= 1e-3 (most are below 1e-6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGpuPage, type GpuPage } from '../setup/gpu';
import { claimedNodeTests } from '../onnx/node-files';
import { DEVIATES, REFUSED } from '../onnx/node-tests-expected';
import type { NodeTestOutcome } from './cases/node-tests';

const TOLERANCE = 1e-3;
const names = claimedNodeTests();

describe('ONNX backend node tests on the WebGPU engine', () => {
  let gp: GpuPage;
  let outcomes: Map<string, NodeTestOutcome>;
  beforeAll(async () => {
    gp = await openGpuPage();
    const list = await gp.run<NodeTestOutcome[]>('/test/gpu/cases/node-tests.ts', 'runNodeTestsOnEngine', names);
    outcomes = new Map(list.map((o) => [o.name, o]));
  }, 600_000);
  afterAll(async () => {
    await gp?.close();
  });

  it('ran every claimed test without page errors', () => {
    expect(outcomes.size).toBe(names.length);
    expect(gp.log.errors).toEqual([]);
  });

  for (const name of names) {
    it(name, () => {
      const o = outcomes.get(name)!;
      if (REFUSED[name]) {
        expect(o.errorName, REFUSED[name]).toBe('OnnxImportError');
        return;
      }
      expect(o.error, 'import and run').toBeUndefined();
      if (o.maxRelError! > 1e-5) console.log(`${name}: max rel error ${o.maxRelError!.toExponential(2)} (${o.kernels?.join(', ')})`);
      if (DEVIATES[name]) expect(o.maxRelError, DEVIATES[name]).toBeGreaterThan(TOLERANCE);
      else expect(o.maxRelError).toBeLessThanOrEqual(TOLERANCE);
    });
  }
});
