// An ONNX file as a bench model: imported at each (batch, size), run through the same pass
// pipeline as the built-in network, predicted by the liveness model on the imported graph, and
// checked against the --expect file, onnxruntime-web's wasm output, or the CPU reference.
import type { Graph } from '../graph/ir.js';
import { cloneGraph, numel } from '../graph/ir.js';
import { importAt, inputShapeAt, modelInput } from '../onnx/index.js';
import { optimize, reparameterizeRepConv } from '../passes/index.js';
import { runReference } from '../reference/run.js';
import { batchInput, checkAgainst, notChecked } from './check.js';
import type { BenchModel } from './model.js';
import { predictWithDwBlocks } from '../results/predict.js';
import { MODEL_FORMS, type CheckResult, type FormChoice, type ModelForm } from '../results/types.js';

/** What the CLI (or a page form) hands the page: the file's bytes, and optional input/expected output. */
export interface StagedModel {
  /** File name, for the results and the report. */
  name: string;
  bytes: Uint8Array;
  /** Raw float32 NCHW, the model's input shape at the run's batch and size. */
  input?: Float32Array;
  /** Raw float32, the model's output for `input`. */
  expect?: Float32Array;
}

/** ORT's wasm output at this point; null while the peers have not run yet; throws when ORT failed. */
export type OrtWasmOutput = (input: Float32Array, shape: number[], at: { batch: number; size: number }) => Promise<Float32Array | null>;

/** A check that waits for the peers, which run after the sweep (see peers.ts). */
const PENDING_ORT: CheckResult = { ...notChecked('compared with onnxruntime-web (wasm) once the sweep has measured everything'), reference: 'ort-wasm' };

/** Raw little-endian float32 (the --input/--expect format), whatever the host's byte order. */
export function floatsFromBytes(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0) throw new Error(`${bytes.byteLength} bytes is not a whole number of float32 values (raw little-endian float32 expected)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getFloat32(4 * i, true));
}

const key = (batch: number, size: number) => `${batch}@${size}`;
const dims = (s: readonly number[]) => s.join('x');

/** One graph per point, kept while the sweep is at that point (its modes share it). */
function lastOnly<T>(make: (batch: number, size: number) => T): (batch: number, size: number) => T {
  let last: { k: string; v: T } | null = null;
  return (batch, size) => {
    const k = key(batch, size);
    if (last?.k !== k) last = { k, v: make(batch, size) };
    return last.v;
  };
}

function fileInput(staged: StagedModel, shape: number[]): Float32Array {
  const x = staged.input!;
  if (x.length !== numel(shape)) throw new Error(`--input holds ${x.length} float32 values (${x.length * 4} bytes); the model's input at this batch and size is ${dims(shape)} = ${numel(shape)} values (${numel(shape) * 4} bytes)`);
  return x;
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
export function onnxBenchForms(staged: StagedModel, choice: FormChoice, at: { batch: number; size: number }, ortWasm?: OrtWasmOutput): BenchModel {
  const forms = formsToRun(choice, choice === 'auto' && hasRepConvBranches(importAt(staged.bytes, at)));
  const model = onnxBenchModel(staged, ortWasm);
  return forms ? { ...model, forms: forms.map((form) => ({ form, model: onnxBenchModel(staged, ortWasm, form) })) } : model;
}

/** form 'as-exported' keeps RepConv branches (fusions still on); otherwise they are merged. */
export function onnxBenchModel(staged: StagedModel, ortWasm?: OrtWasmOutput, form?: ModelForm): BenchModel {
  const input = modelInput(staged.bytes);
  const imported = lastOnly((batch, size) => importAt(staged.bytes, { batch, size }));
  const runnable = lastOnly((batch, size) => optimize(imported(batch, size), { reparameterize: form !== 'as-exported' }));
  const cpuReference = (g: Graph, inputs: Record<string, Float32Array>): Float32Array => {
    const feeds = Object.fromEntries(g.inputs.map((n) => [n, { shape: [...g.tensors.get(n)!.shape], data: inputs[n] }]));
    return runReference(g, feeds).outputs.get(g.outputs[0])!.data;
  };
  const check = async (batch: number, size: number, y: Float32Array, inputs: Record<string, Float32Array>): Promise<CheckResult> => {
    if (staged.expect) return checkAgainst('expect-file', y, staged.expect);
    const g = imported(batch, size);
    // As imported, before the pass pipeline: the check then covers the passes as well.
    const cpu = () => checkAgainst('cpu', y, cpuReference(g, inputs));
    if (!ortWasm) return cpu();
    const name = g.inputs[0];
    try {
      const ref = await ortWasm(inputs[name], [...g.tensors.get(name)!.shape], { batch, size });
      return ref ? checkAgainst('ort-wasm', y, ref) : PENDING_ORT;
    } catch (e) {
      return { ...cpu(), reason: `onnxruntime-web (wasm) gave no output (${(e as Error).message}), so the CPU reference was used` };
    }
  };
  return {
    name: staged.name,
    info: { name: staged.name, source: 'onnx', file: staged.name },
    runnable,
    predict: (_b, _s, g) => predictWithDwBlocks(g),
    inputs: (batch, size, g) => {
      const shape = inputShapeAt(input, { batch, size });
      return { [g.inputs[0]]: staged.input ? fileInput(staged, shape) : batchInput(shape) };
    },
    check,
  };
}
