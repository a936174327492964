// An ONNX model at a chosen batch and size: the profiler sweeps (batch, size) over one NCHW
// input, so this is where "batch N, size S" becomes an input shape, and where the model's own
// dimensions supply the defaults.
import type { Graph } from '../graph/ir.js';
import { OnnxImportError } from './errors.js';
import { importOnnx } from './import.js';
import { summarizeOnnx } from './summary.js';

export interface ModelInput {
  name: string;
  /** As declared: a number when fixed, a string or null when dynamic. */
  dims: (number | string | null)[];
}

export interface BatchSize {
  batch?: number;
  size?: number;
}

const fixed = (d: number | string | null | undefined): number | undefined => (typeof d === 'number' && d > 0 ? d : undefined);

/** The model's one input, which must be 4-D (N, C, H, W) for a batch/size sweep. */
export function modelInput(bytes: Uint8Array): ModelInput {
  const s = summarizeOnnx(bytes);
  if (s.inputs.length !== 1) throw new OnnxImportError(`the bench runs models with exactly one input; this one has ${s.inputs.length} (${s.inputs.map((i) => i.name).join(', ')})`);
  const { name, dims } = s.inputs[0];
  if (!dims || dims.length !== 4) throw new OnnxImportError(`input '${name}' has shape [${dims?.join(', ') ?? 'unknown'}]; the bench sweeps batch and size over an NCHW (4-D) input`);
  return { name, dims };
}

/** Batch and size the model fixes itself (a dynamic batch defaults to 1; a dynamic size has no default). */
export function modelDefaults(input: ModelInput): { batch: number; size: number | undefined } {
  const [n, , h, w] = input.dims;
  const size = fixed(h) !== undefined && fixed(h) === fixed(w) ? fixed(h) : undefined;
  return { batch: fixed(n) ?? 1, size };
}

/** [N, C, H, W] with batch and size applied over the model's dimensions. */
export function inputShapeAt(input: ModelInput, at: BatchSize): number[] {
  const [n, c, h, w] = input.dims;
  const channels = fixed(c);
  if (channels === undefined) throw new OnnxImportError(`input '${input.name}' has a dynamic channel dimension; the bench needs it fixed`);
  const size = at.size;
  const height = size ?? fixed(h);
  const width = size ?? fixed(w);
  if (height === undefined || width === undefined) throw new OnnxImportError(`input '${input.name}' has a dynamic height or width; give the size with --size N`);
  return [at.batch ?? fixed(n) ?? 1, channels, height, width];
}

/** Imports the model with its input at (batch, size); overriding a fixed dimension is allowed and reported by the importer if the graph bakes it in. */
export function importAt(bytes: Uint8Array, at: BatchSize): Graph {
  const input = modelInput(bytes);
  const shape = inputShapeAt(input, at);
  const overrides = input.dims.some((d, i) => fixed(d) !== undefined && fixed(d) !== shape[i]);
  return importOnnx(bytes, { inputShapes: { [input.name]: shape }, allowStaticOverride: overrides });
}
