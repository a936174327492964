// Test helpers: one-op ONNX models written with OnnxWriter, imported and run on the CPU reference.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { A, OnnxWriter, floats, longs, type AttrValue, type TensorValue } from '../../src/onnx/writer.js';
import { importOnnx, type ImportOptions } from '../../src/onnx/import.js';
import type { Graph } from '../../src/graph/ir.js';
import { runReference } from '../../src/reference/run.js';
import { tensor, type Tensor } from '../../src/reference/tensor.js';

export { A, OnnxWriter, floats, longs };

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = resolve(here, '../../models/fixtures');

export function readF32(path: string): Float32Array {
  const b = readFileSync(path);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

export const iota = (n: number, from = 1): number[] => Array.from({ length: n }, (_, i) => i + from);

export interface OpCase {
  op: string;
  /** Runtime inputs (fed), in order; '' leaves an optional slot empty. */
  inputs: { name: string; shape: number[] }[];
  /** Constant inputs placed after the runtime ones (initializers), or '' for an empty slot. */
  consts?: (TensorValue | '')[];
  attrs?: Record<string, AttrValue>;
  opset?: number;
  /** Constants as Constant nodes instead of initializers (as torch.onnx.export writes them). */
  constNodes?: boolean;
}

export function opModel(c: OpCase): Uint8Array {
  const w = new OnnxWriter({ opset: c.opset ?? 13 });
  const ins = c.inputs.map((i) => w.input(i.name, i.shape));
  const consts = (c.consts ?? []).map((t, k) => (t === '' ? '' : c.constNodes ? w.constant('/c', t) : w.initializer(`c${k}`, t)));
  w.node(c.op, `/${c.op}`, [...ins, ...consts], ['y'], c.attrs ?? {});
  w.output('y');
  return w.bytes();
}

export function runModel(bytes: Uint8Array, feeds: Record<string, number[] | Float32Array>, opts: ImportOptions = {}): { graph: Graph; out: Tensor } {
  const graph = importOnnx(bytes, opts);
  const t: Record<string, Tensor> = {};
  for (const name of graph.inputs) t[name] = tensor(graph.tensors.get(name)!.shape, feeds[name]);
  const out = runReference(graph, t).outputs.get(graph.outputs[0])!;
  return { graph, out };
}

/** Imports a one-op model and runs it on `x` values (the first input's). */
export function runOp(c: OpCase, ...values: (number[] | Float32Array)[]): Tensor {
  const feeds: Record<string, number[] | Float32Array> = {};
  c.inputs.forEach((i, k) => (feeds[i.name] = values[k]));
  return runModel(opModel(c), feeds).out;
}

export const nested = (t: Tensor): number[] => Array.from(t.data);

export function expectClose(actual: ArrayLike<number>, expected: number[], tol = 1e-5): void {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= tol * Math.max(1, Math.abs(expected[i])))) {
      throw new Error(`at ${i}: ${actual[i]} vs expected ${expected[i]}\nactual:   [${Array.from(actual).map((v) => +v.toFixed(6))}]\nexpected: [${expected}]`);
    }
  }
}
