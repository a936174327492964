// What the bench measures: a model that yields, per (batch, size), the graph the engine runs,
// a batch-1 graph for the CPU reference, and the analysis' predictions. The default is the
// seed's network; an imported ONNX model (onnx-model.ts) provides the same, plus its own
// input data and reference outputs.
import type { Graph } from '../graph/ir.js';
import { jeongwonnet } from '../graph/jeongwonnet.js';
import { optimize } from '../passes/index.js';
import { batchInput } from './check.js';
import { predictGraph, predictJeongWonNet, type Prediction } from '../results/predict.js';
import type { CheckResult, ModelForm, ModelInfo } from '../results/types.js';

export interface BenchModel {
  name: string;
  /** The graph the engine runs (after the pass pipeline). */
  runnable(batch: number, size: number): Graph;
  /**
   * A batch-1 graph whose output for one item equals item k of a batched run; lets every
   * batch item be checked against a reference computed once per (size, item).
   */
  reference?(size: number): Graph;
  predict(batch: number, size: number, runnable: Graph): Prediction;
  /** The input data (e.g. from an --input file); default: the seeded batchInput of each input. */
  inputs?(batch: number, size: number, runnable: Graph): Record<string, Float32Array>;
  /** Replaces the item-by-item CPU check, e.g. against an --expect file or onnxruntime-web's output. */
  check?(batch: number, size: number, output: Float32Array, inputs: Record<string, Float32Array>): Promise<CheckResult>;
  /** Default: the built-in network. */
  info?: ModelInfo;
  /** A training-form model's forms, each measured in turn instead of this model's own graph. */
  forms?: { form: ModelForm; model: BenchModel }[];
}

export const BUILTIN_INFO: ModelInfo = { name: 'JeongWonNet_DWBlock_Swap', source: 'builtin', file: null };

/** The bytes one configuration feeds: the model's own, else deterministic seeded data. */
export function modelInputs(model: BenchModel, batch: number, size: number, g: Graph): Record<string, Float32Array> {
  return model.inputs?.(batch, size, g) ?? Object.fromEntries(g.inputs.map((name) => [name, batchInput(g.tensors.get(name)!.shape)]));
}

export const JEONGWONNET: BenchModel = {
  name: 'JeongWonNet_DWBlock_Swap',
  runnable: (batch, size) => optimize(jeongwonnet({ batch, size })),
  // The graph as built, before the passes: the check then covers the passes as well.
  reference: (size) => jeongwonnet({ batch: 1, size }),
  predict: (batch, size) => predictJeongWonNet(batch, size),
};

/** Any fixed graph (e.g. an imported model): liveness only, no seed formulas. */
export function fixedGraphModel(name: string, graph: Graph, reference?: Graph): BenchModel {
  return {
    name,
    runnable: () => graph,
    reference: reference ? () => reference : undefined,
    predict: (_b, _s, g) => predictGraph(g),
  };
}
