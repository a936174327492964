// Every ONNX backend node test whose ops the importer claims, through the importer and the CPU
// reference, against the test's expected outputs (max|y-ref|/max|ref| <= 1e-3; most are ~1e-7).
import { describe, expect, it } from 'vitest';
import { runReference } from '../../src/reference/run';
import { compare, tensor } from '../../src/reference/tensor';
import { OnnxImportError } from '../../src/onnx/index';
import { prepare } from './node-data';
import { claimedNodeTests, loadNodeTest, nodeTestNames } from './node-files';

const TOLERANCE = 1e-3;
import { DEVIATES, REFUSED } from './node-tests-expected';

const runnable = claimedNodeTests();

describe('ONNX backend node tests on the CPU reference', () => {
  it('finds the test data and claims a good share of it', () => {
    console.log(`${runnable.length} of ${nodeTestNames().length} node tests use only claimed ops; ${Object.keys(REFUSED).length} of those are refused on purpose`);
    expect(nodeTestNames().length).toBeGreaterThan(100);
    expect(runnable.length).toBeGreaterThan(50);
  });

  for (const name of runnable) {
    it(name, () => {
      const files = loadNodeTest(name);
      if (REFUSED[name]) {
        expect(() => prepare(files), REFUSED[name]).toThrow(OnnxImportError);
        return;
      }
      const t = prepare(files);
      const deviates = DEVIATES[name];
      const feeds = Object.fromEntries(Object.entries(t.feeds).map(([k, v]) => [k, tensor(t.graph.tensors.get(k)!.shape, v)]));
      const outs = runReference(t.graph, feeds).outputs;
      for (const e of t.expected) {
        const y = outs.get(e.name)!;
        expect(y.shape, `${e.name} shape`).toEqual(e.shape);
        const err = compare(y.data, e.data);
        if (err.maxRelError > 1e-5) console.log(`${name} ${e.name}: max rel error ${err.maxRelError.toExponential(2)}`);
        if (deviates) expect(err.maxRelError, deviates).toBeGreaterThan(TOLERANCE);
        else expect(err.maxRelError).toBeLessThanOrEqual(TOLERANCE);
      }
    });
  }
});
