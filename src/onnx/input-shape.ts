// An ONNX model at chosen input shapes. The bench sweeps configurations, each a full shape per
// graph input: given with --input-shape, or the model's own dims with --batch (dim 0) and
// --size (height and width of a 4-D input) applied over them. Dims the model leaves dynamic
// must be given; the error names every one of them and shows a concrete example.
import type { Graph } from '../graph/ir.js';
import { OnnxImportError } from './errors.js';
import { importOnnx, type ImportOptions } from './import.js';
import { summarizeOnnx } from './summary.js';

export interface ModelInput {
  name: string;
  /** As declared: a number when fixed, a string (dim_param) or null when dynamic; undefined when the model gives no shape. */
  dims?: (number | string | null)[];
}

/** A full shape per graph input, by input name: one sweep configuration. */
export type InputShapes = Record<string, number[]>;

/** One --input-shape value: shapes for one input (name null: the model's only input), one per configuration. */
export interface ShapeSpec {
  name: string | null;
  shapes: number[][];
}

export interface ShapeRequest {
  specs?: ShapeSpec[];
  /** Replace dim 0 of every input, one configuration per value. */
  batches?: number[];
  /** Set height and width of every 4-D input, one configuration per value. */
  sizes?: number[];
  /** The command an example in an error message starts with, e.g. 'npm run bench -- --model m.onnx'. */
  command?: string;
}

export interface BatchSize {
  batch?: number;
  size?: number;
}

const fixed = (d: number | string | null | undefined): number | undefined => (typeof d === 'number' && d > 0 ? d : undefined);
const dimsText = (s: readonly number[]): string => s.join('x');

/** 2x3x160x224 -> [2, 3, 160, 224]. */
export function parseShape(text: string, flag = '--input-shape'): number[] {
  const parts = text.trim().split(/x/i);
  if (!text.trim() || parts.some((p) => !/^\d+$/.test(p.trim()) || Number(p) < 1))
    throw new OnnxImportError(`${flag}: '${text}' is not a shape; write positive dims joined by x, e.g. 1x3x224x224 (or 1x16x100 for a 1-D input)`);
  return parts.map(Number);
}

/**
 * --input-shape values: `2x3x160x224` (the only input), `1x3x64x64,2x3x64x64` (one configuration
 * each), `NAME=1x3x64x64` (a named input); inputs separated by ';' or given in separate flags.
 */
export function parseShapeSpecs(values: readonly string[], flag = '--input-shape'): ShapeSpec[] {
  const specs = values.flatMap((v) => v.split(';')).filter((s) => s.trim());
  return specs.map((s) => {
    const eq = s.indexOf('=');
    const name = eq < 0 ? null : s.slice(0, eq).trim();
    if (name === '') throw new OnnxImportError(`${flag}: '${s}' has no input name before '='; write NAME=1x3x64x64`);
    const shapes = (eq < 0 ? s : s.slice(eq + 1)).split(',').map((x) => parseShape(x, flag));
    return { name, shapes };
  });
}

/** The model's graph inputs (initializers excluded), with their declared dims. */
export function modelInputs(bytes: Uint8Array): ModelInput[] {
  const inputs = summarizeOnnx(bytes).inputs;
  if (!inputs.length) throw new OnnxImportError('the model has no graph input (every input is an initializer); there is nothing to feed');
  return inputs;
}

/** Which input each spec is for; every name checked, none twice. */
function specsByInput(inputs: readonly ModelInput[], specs: readonly ShapeSpec[]): Map<string, number[][]> {
  const names = inputs.map((i) => i.name);
  const out = new Map<string, number[][]>();
  for (const s of specs) {
    if (s.name === null && inputs.length > 1)
      throw new OnnxImportError(`the model has ${inputs.length} inputs (${names.join(', ')}): name the input of each shape, e.g. --input-shape ${names[0]}=... --input-shape ${names[1]}=...`);
    const name = s.name ?? names[0];
    if (!names.includes(name)) throw new OnnxImportError(`--input-shape names '${name}', which the model does not have (inputs: ${names.join(', ')})`);
    if (out.has(name)) throw new OnnxImportError(`--input-shape gives input '${name}' twice; give its shapes once, comma-separated`);
    out.set(name, s.shapes);
  }
  return out;
}

/** How many configurations the specs describe: an input with one shape keeps it in all of them. */
function configurationCount(byInput: Map<string, number[][]>): number {
  const counts = [...new Set([...byInput.values()].map((s) => s.length).filter((n) => n > 1))];
  if (counts.length > 1) throw new OnnxImportError(`--input-shape gives ${[...byInput].map(([n, s]) => `${n} ${s.length} shapes`).join(', ')}; every input needs the same number of shapes (or one, used in every configuration)`);
  return counts[0] ?? 1;
}

type Dims = (number | string | null)[];

function declared(input: ModelInput, given: number[] | undefined): Dims {
  if (given && input.dims && given.length !== input.dims.length)
    throw new OnnxImportError(`--input-shape gives input '${input.name}' rank ${given.length} (${dimsText(given)}), but the model declares rank ${input.dims.length} [${input.dims.map((d) => d ?? '?').join(', ')}]`);
  if (!given && !input.dims) throw new OnnxImportError(`input '${input.name}' has no shape in the model; give it with --input-shape ${input.name}=...`);
  return given ?? input.dims!;
}

function withBatchSize(input: string, dims: Dims, batch: number | undefined, size: number | undefined): Dims {
  if (size !== undefined && dims.length !== 4)
    throw new OnnxImportError(`--size sets the height and width of a 4-D (NCHW) input, but input '${input}' has rank ${dims.length}; give its shape with --input-shape`);
  return dims.map((d, i) => (i === 0 && batch !== undefined ? batch : i >= 2 && size !== undefined ? size : d));
}

interface DynamicDim {
  input: string;
  index: number;
  param: string | null;
}

/** A concrete shape for the example: 1 for a dynamic dim 0, 224 for any other. */
const exampleShape = (dims: Dims): number[] => dims.map((d, i) => fixed(d) ?? (i === 0 ? 1 : 224));

function dynamicDimsError(missing: DynamicDim[], inputs: readonly { name: string; dims: Dims }[], command: string | undefined): OnnxImportError {
  const byInput = inputs.filter((i) => missing.some((m) => m.input === i.name));
  const list = byInput.map((i) => `input '${i.name}' ${missing.filter((m) => m.input === i.name).map((m) => `dim ${m.index}${m.param ? ` ('${m.param}')` : ''}`).join(', ')}`);
  const flags = inputs.length === 1 ? `--input-shape ${dimsText(exampleShape(inputs[0].dims))}` : inputs.map((i) => `--input-shape ${i.name}=${dimsText(exampleShape(i.dims))}`).join(' ');
  return new OnnxImportError(`the model leaves these dims dynamic: ${list.join('; ')}; give the full shape with --input-shape, e.g. ${command ? `${command} ` : ''}${flags}`);
}

function concrete(dims: readonly { name: string; dims: Dims }[], command: string | undefined): InputShapes {
  const missing = dims.flatMap((i) => i.dims.flatMap((d, index) => (fixed(d) === undefined ? [{ input: i.name, index, param: typeof d === 'string' ? d : null }] : [])));
  if (missing.length) throw dynamicDimsError(missing, dims, command);
  return Object.fromEntries(dims.map((i) => [i.name, i.dims as number[]]));
}

/** Every configuration's input shapes: the specs' configurations, each under every size, then every batch. */
export function resolveInputShapes(inputs: readonly ModelInput[], req: ShapeRequest = {}): InputShapes[] {
  const byInput = specsByInput(inputs, req.specs ?? []);
  const count = configurationCount(byInput);
  const out: InputShapes[] = [];
  for (let k = 0; k < count; k++) {
    const base = inputs.map((i) => ({ name: i.name, dims: declared(i, byInput.get(i.name)?.[Math.min(k, byInput.get(i.name)!.length - 1)]) }));
    for (const size of req.sizes ?? [undefined])
      for (const batch of req.batches ?? [undefined]) out.push(concrete(base.map((i) => ({ name: i.name, dims: withBatchSize(i.name, i.dims, batch, size) })), req.command));
  }
  return out;
}

/** Imports the model with these input shapes; overriding a fixed dim is allowed and reported by the importer if the graph bakes it in. */
export function importWithShapes(bytes: Uint8Array, shapes: InputShapes, extra: Pick<ImportOptions, 'knownInputs' | 'groupDepth'> = {}): Graph {
  const inputs = modelInputs(bytes);
  const overrides = inputs.some((i) => i.dims?.some((d, k) => fixed(d) !== undefined && fixed(d) !== shapes[i.name]?.[k]));
  return importOnnx(bytes, { ...extra, inputShapes: shapes, allowStaticOverride: overrides });
}

/** Imports the model at one batch and size (each optional) over its declared dims. */
export function importAt(bytes: Uint8Array, at: BatchSize): Graph {
  const [shapes] = resolveInputShapes(modelInputs(bytes), { batches: at.batch === undefined ? undefined : [at.batch], sizes: at.size === undefined ? undefined : [at.size] });
  return importWithShapes(bytes, shapes);
}

/** Batch and size of a configuration where they make sense: dim 0 of the first input; height = width of a 4-D first input. */
export function batchAndSize(shapes: InputShapes): { batch: number; size: number | null } {
  const first = Object.values(shapes)[0] ?? [];
  const square = first.length === 4 && first[2] === first[3];
  return { batch: first[0] ?? 1, size: square ? first[2] : null };
}
