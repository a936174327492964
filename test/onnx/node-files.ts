// The backend node test files on disk (test/data/onnx-node), for the CPU and GPU suites.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { claimed, type NodeTestFiles } from './node-data';

const DIR = new URL('../data/onnx-node/', import.meta.url).pathname;

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

/** The node tests whose op types the importer all runs on runtime data. */
export function claimedNodeTests(): string[] {
  return tests.filter((t) => claimed(loadNodeTest(t).model));
}

export function nodeTestNames(): string[] {
  return tests;
}
