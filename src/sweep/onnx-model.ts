// An ONNX file as a bench model: imported at each point's input shapes, run through the same
// pass pipeline as the built-in network, predicted by the liveness model on the imported graph,
// and checked against the --expect file, onnxruntime-web's wasm output, or the CPU reference.
import type { Graph } from '../graph/ir.js';
import type { ConstTensor } from '../onnx/tensor.js';
import type { GroupDepth } from '../onnx/layer-names.js';
import { cloneGraph, numel } from '../graph/ir.js';
import { importWithShapes, modelInputs, resolveInputShapes } from '../onnx/index.js';
import { optimize, reparameterizeRepConv } from '../passes/index.js';
import { runReference } from '../reference/run.js';
import type { SweepPoint } from '../results/compose.js';
import { shapesKey } from '../results/labels.js';
import { predictWithDwBlocks } from '../results/predict.js';
import { MODEL_FORMS, type CheckResult, type FormChoice, type ModelForm, type SweepOptions } from '../results/types.js';
import { batchInput, checkAgainst, notChecked } from './check.js';
import { shapesPoint, type BenchModel } from './model.js';
import { peerFeeds, type PeerFeeds } from './peers.js';

/** What the CLI (or a page form) hands the page: the file's bytes, and optional inputs/expected output. */
export interface StagedModel {
  /** File name, for the results and the report. */
  name: string;
  bytes: Uint8Array;
  /** Float32 data per graph input, each of that input's shape at every point. */
  inputs?: Record<string, Float32Array>;
  /** Float32, the model's (first) output for `inputs`. */
  expect?: Float32Array;
  /**
   * Input values given as TensorProto files, with their own data types (integer ones, such as
   * indices and axes, are folded at import; float ones where an op needs them at import time,
   * such as Resize scales), and the module depth that names layers.
   */
  importOptions?: { knownInputs?: Record<string, ConstTensor>; groupDepth?: GroupDepth };
}

/** ORT's wasm output at this point; null while the peers have not run yet; throws when ORT failed. */
export type OrtWasmOutput = (feeds: PeerFeeds, at: SweepPoint) => Promise<Float32Array | null>;

/** A check that waits for the peers, which run after the sweep (see peers.ts). */
const PENDING_ORT: CheckResult = { ...notChecked('compared with onnxruntime-web (wasm) once the sweep has measured everything'), reference: 'ort-wasm' };

const dims = (s: readonly number[]) => s.join('x');

/** One graph per point, kept while the sweep is at that point (its modes share it). */
function lastOnly<T>(make: (at: SweepPoint) => T): (at: SweepPoint) => T {
  let last: { k: string; v: T } | null = null;
  return (at) => {
    const k = shapesKey(at.inputShapes);
    if (last?.k !== k) last = { k, v: make(at) };
    return last.v;
  };
}

function fileInput(name: string, x: Float32Array, shape: number[]): Float32Array {
  if (x.length !== numel(shape)) throw new Error(`--input for '${name}' holds ${x.length} float32 values (${x.length * 4} bytes); the model's input '${name}' at this point is ${dims(shape)} = ${numel(shape)} values (${numel(shape) * 4} bytes)`);
  return x;
}

/** The points an ONNX model sweeps: the explicit shapes, else every (size, batch) over its declared dims. */
export function onnxPoints(bytes: Uint8Array, opts: SweepOptions): SweepPoint[] {
  const shapes = opts.inputShapes ?? resolveInputShapes(modelInputs(bytes), { batches: opts.batches, sizes: opts.sizes });
  return shapes.map(shapesPoint);
}

/** The forms to run; null: one unlabelled run of the optimized graph (nothing to compare). */
export function formsToRun(choice: FormChoice, hasBranches: boolean): ModelForm[] | null {
  if (choice === 'auto') return hasBranches ? [...MODEL_FORMS] : null;
  return choice === 'both' ? [...MODEL_FORMS] : [choice];
}

/** True when reparameterization merges RepConv branches, i.e. the file is a training-form export. */
export function hasRepConvBranches(g: Graph): boolean {
  return reparameterizeRepConv(cloneGraph(g)) > 0;
}

/**
 * The model as the sweep runs it: with `forms` when both forms (or one named form) of a
 * training-form file run, each checked against the same reference.
 */
export function onnxBenchForms(staged: StagedModel, choice: FormChoice, at: SweepPoint, ortWasm?: OrtWasmOutput): BenchModel {
  const forms = formsToRun(choice, choice === 'auto' && hasRepConvBranches(importWithShapes(staged.bytes, at.inputShapes, staged.importOptions)));
  const model = onnxBenchModel(staged, ortWasm);
  return forms ? { ...model, forms: forms.map((form) => ({ form, model: onnxBenchModel(staged, ortWasm, form) })) } : model;
}

/** form 'as-exported' keeps RepConv branches (fusions still on); otherwise they are merged. */
export function onnxBenchModel(staged: StagedModel, ortWasm?: OrtWasmOutput, form?: ModelForm): BenchModel {
  const imported = lastOnly((at) => importWithShapes(staged.bytes, at.inputShapes, staged.importOptions));
  const runnable = lastOnly((at) => optimize(imported(at), { reparameterize: form !== 'as-exported' }));
  const cpuReference = (g: Graph, inputs: Record<string, Float32Array>): Float32Array => {
    const feeds = Object.fromEntries(g.inputs.map((n) => [n, { shape: [...g.tensors.get(n)!.shape], data: inputs[n] }]));
    return runReference(g, feeds).outputs.get(g.outputs[0])!.data;
  };
  const check = async (at: SweepPoint, y: Float32Array, inputs: Record<string, Float32Array>): Promise<CheckResult> => {
    if (staged.expect) return checkAgainst('expect-file', y, staged.expect);
    const g = imported(at);
    // As imported, before the pass pipeline: the check then covers the passes as well.
    const cpu = () => checkAgainst('cpu', y, cpuReference(g, inputs));
    if (!ortWasm) return cpu();
    try {
      const ref = await ortWasm(peerFeeds(g, inputs), at);
      return ref ? checkAgainst('ort-wasm', y, ref) : PENDING_ORT;
    } catch (e) {
      return { ...cpu(), reason: `onnxruntime-web (wasm) gave no output (${(e as Error).message}), so the CPU reference was used` };
    }
  };
  return {
    name: staged.name,
    info: { name: staged.name, source: 'onnx', file: staged.name },
    points: (opts) => onnxPoints(staged.bytes, opts),
    runnable,
    predict: (_at, g) => predictWithDwBlocks(g),
    inputs: (_at, g) =>
      Object.fromEntries(
        g.inputs.map((name, i) => {
          const shape = [...g.tensors.get(name)!.shape];
          const x = staged.inputs?.[name];
          return [name, x ? fileInput(name, x, shape) : batchInput(shape, i)];
        }),
      ),
    check,
  };
}
