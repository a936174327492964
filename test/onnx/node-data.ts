// The ONNX project's backend node tests (test/data/onnx-node/<test>/model.onnx with
// test_data_set_0/input_*.pb and output_*.pb), read and prepared for our importer: float inputs
// become feeds, integer inputs (indices, shapes, axes) become import-time constants.
import type { Graph } from '../../src/graph/ir';
import { importOnnx, summarizeOnnx, supportedOnnxOps } from '../../src/onnx/index';
import { DataType } from '../../src/onnx/schema';
import { readTensorProto, type NamedTensor } from '../../src/onnx/tensor-file';

export interface NodeTestFiles {
  name: string;
  model: Uint8Array;
  inputs: Uint8Array[];
  outputs: Uint8Array[];
}

export interface PreparedNodeTest {
  name: string;
  opset: number;
  ops: string[];
  graph: Graph;
  feeds: Record<string, Float32Array>;
  /** Expected values per graph output, in the graph's output order. */
  expected: { name: string; shape: number[]; data: Float32Array }[];
}

/** Whether every op type of the model is one the importer runs on runtime data. */
export function claimed(model: Uint8Array): boolean {
  const runtime = new Set(supportedOnnxOps().runtime);
  return Object.keys(summarizeOnnx(model).opCounts).every((op) => runtime.has(op));
}

const isFloat = (t: NamedTensor): boolean => t.dataType === DataType.FLOAT || t.dataType === DataType.FLOAT16 || t.dataType === DataType.DOUBLE;

/** Imports the model at the test data's input shapes; throws what the importer throws. */
export function prepare(files: NodeTestFiles): PreparedNodeTest {
  const summary = summarizeOnnx(files.model);
  const inputs = files.inputs.map((b, i) => readTensorProto(b, `${files.name} input_${i}.pb`));
  const names = summary.inputs.map((i) => i.name);
  const byName = new Map(inputs.map((t, i) => [t.name || names[i], t]));
  const inputShapes: Record<string, number[]> = {};
  const knownInputs: Record<string, NamedTensor> = {};
  for (const [name, t] of byName) {
    knownInputs[name] = t;
    if (isFloat(t)) inputShapes[name] = t.shape;
  }
  const graph = importOnnx(files.model, { inputShapes, knownInputs });
  const feeds = Object.fromEntries(graph.inputs.map((name) => [name, Float32Array.from(byName.get(name)!.data)]));
  const outs = files.outputs.map((b, i) => readTensorProto(b, `${files.name} output_${i}.pb`));
  const expected = graph.outputs.map((name, i) => {
    const t = outs.find((o) => o.name === name) ?? outs[i];
    return { name, shape: t.shape, data: Float32Array.from(t.data) };
  });
  return { name: files.name, opset: summary.opset, ops: Object.keys(summary.opCounts), graph, feeds, expected };
}
