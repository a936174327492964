// Every ONNX backend node test whose ops the importer claims, through the importer and the CPU
// reference, against the test's expected outputs (max|y-ref|/max|ref| <= 1e-3; most are ~1e-7).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReference } from '../../src/reference/run';
import { compare, tensor } from '../../src/reference/tensor';
import { OnnxImportError } from '../../src/onnx/index';
import { claimed, prepare, type NodeTestFiles } from './node-data';
import { DEVIATES, REFUSED } from './node-tests-expected';

const DIR = new URL('../data/onnx-node/', import.meta.url).pathname;
const TOLERANCE = 1e-3;

export function loadNodeTest(name: string): NodeTestFiles {
  const set = join(DIR, name, 'test_data_set_0');
  const files = (prefix: string) =>
    readdirSync(set)
      .filter((f) => f.startsWith(prefix))
      .sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]))
      .map((f) => new Uint8Array(readFileSync(join(set, f))));
  return { name, model: new Uint8Array(readFileSync(join(DIR, name, 'model.onnx'))), inputs: files('input_'), outputs: files('output_') };
}

const tests = existsSync(DIR) ? readdirSync(DIR).filter((d) => existsSync(join(DIR, d, 'model.onnx'))).sort() : [];
const runnable = tests.filter((t) => claimed(loadNodeTest(t).model));

describe('ONNX backend node tests on the CPU reference', () => {
  it('finds the test data and claims a good share of it', () => {
    console.log(`${runnable.length} of ${tests.length} node tests use only claimed ops; ${Object.keys(REFUSED).length} of those are refused on purpose`);
    expect(tests.length).toBeGreaterThan(100);
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
