// What the bench measures: a model that names its sweep points (every input's shape) and
// yields, per point, the graph the engine runs, the analysis' predictions and, for the seed's
// network, a batch-1 graph for the CPU reference. The default is the seed's network; an
// imported ONNX model (onnx-model.ts) provides the same, plus its own input data and
// reference outputs.
import type { Graph } from '../graph/ir.js';
import { jeongwonnet } from '../graph/jeongwonnet.js';
import { batchAndSize } from '../onnx/index.js';
import { optimize } from '../passes/index.js';
import type { SweepPoint } from '../results/compose.js';
import { predictGraph, predictJeongWonNet, type Prediction } from '../results/predict.js';
import type { CheckResult, InputShapes, ModelForm, ModelInfo, SweepOptions } from '../results/types.js';
import { batchInput } from './check.js';

export interface BenchModel {
  name: string;
  /** The configurations' inputs, in sweep order (before modes and forms). */
  points(opts: SweepOptions): SweepPoint[];
  /** The graph the engine runs (after the pass pipeline). */
  runnable(at: SweepPoint): Graph;
  /**
   * A batch-1 graph whose output for one item equals item k of a batched run; lets every
   * batch item be checked against a reference computed once per (size, item).
   */
  reference?(size: number): Graph;
  predict(at: SweepPoint, runnable: Graph): Prediction;
  /** The input data (e.g. from --input files); default: the seeded batchInput of each input. */
  inputs?(at: SweepPoint, runnable: Graph): Record<string, Float32Array>;
  /** Replaces the item-by-item CPU check, e.g. against an --expect file or onnxruntime-web's output. */
  check?(at: SweepPoint, output: Float32Array, inputs: Record<string, Float32Array>): Promise<CheckResult>;
  /** Default: the built-in network. */
  info?: ModelInfo;
  /** A training-form model's forms, each measured in turn instead of this model's own graph. */
  forms?: { form: ModelForm; model: BenchModel }[];
}

export const BUILTIN_INFO: ModelInfo = { name: 'JeongWonNet_DWBlock_Swap', source: 'builtin', file: null };

/** The bytes one configuration feeds: the model's own, else deterministic seeded data (one stream per input). */
export function modelInputs(model: BenchModel, at: SweepPoint, g: Graph): Record<string, Float32Array> {
  return model.inputs?.(at, g) ?? Object.fromEntries(g.inputs.map((name, i) => [name, batchInput(g.tensors.get(name)!.shape, i)]));
}

const BUILTIN_INPUT = 'input';
const BUILTIN_CHANNELS = 3;

/** The built-in network's point at (batch, size): one square RGB input. */
export function builtinPoint(batch: number, size: number): SweepPoint {
  return { batch, size, inputShapes: { [BUILTIN_INPUT]: [batch, BUILTIN_CHANNELS, size, size] } };
}

/** Explicit shapes for the built-in network: its one input, N x 3 x S x S with S a multiple of 32. */
function builtinPointOf(shapes: InputShapes): SweepPoint {
  const names = Object.keys(shapes);
  const s = shapes[BUILTIN_INPUT];
  const ok = names.length === 1 && s?.length === 4 && s[1] === BUILTIN_CHANNELS && s[2] === s[3] && s[2] % 32 === 0;
  if (!ok) throw new Error(`the built-in network takes one input '${BUILTIN_INPUT}' of shape Nx3xSxS with S a multiple of 32 (it pools five times by 2); got ${JSON.stringify(shapes)}`);
  return builtinPoint(s[0], s[2]);
}

/** Every (size, batch) pair, sizes outer. */
export function builtinPoints(opts: SweepOptions): SweepPoint[] {
  if (opts.inputShapes) return opts.inputShapes.map(builtinPointOf);
  return opts.sizes.flatMap((size) => opts.batches.map((batch) => builtinPoint(batch, size)));
}

const sizeOf = (at: SweepPoint): number => {
  if (at.size === null) throw new Error('the built-in network needs a square input size');
  return at.size;
};

export const JEONGWONNET: BenchModel = {
  name: 'JeongWonNet_DWBlock_Swap',
  points: builtinPoints,
  runnable: (at) => optimize(jeongwonnet({ batch: at.batch, size: sizeOf(at) })),
  // The graph as built, before the passes: the check then covers the passes as well.
  reference: (size) => jeongwonnet({ batch: 1, size }),
  predict: (at) => predictJeongWonNet(at.batch, sizeOf(at)),
};

/** A point from every input's shape: batch and size where they make sense. */
export function shapesPoint(inputShapes: InputShapes): SweepPoint {
  return { ...batchAndSize(inputShapes), inputShapes };
}

/** The one point of a fixed graph: its inputs' shapes. */
export function graphPoint(g: Graph): SweepPoint {
  return shapesPoint(Object.fromEntries(g.inputs.map((n) => [n, [...g.tensors.get(n)!.shape]])));
}

/** Any fixed graph (e.g. an imported model): liveness only, no seed formulas. */
export function fixedGraphModel(name: string, graph: Graph, reference?: Graph): BenchModel {
  return {
    name,
    points: () => [graphPoint(graph)],
    runnable: () => graph,
    reference: reference ? () => reference : undefined,
    predict: (_at, g) => predictGraph(g),
  };
}
