// `npm run bench -- --model FILE.onnx [--input FILE] [--expect FILE]`, Node side: reads the
// files, imports the model once per sweep point to fail early with a clear message, checks the
// raw float32 files against the model's shapes, and fills batch and size from the model.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { numel } from '../graph/ir.js';
import { importAt, modelDefaults, modelInput } from '../graph/onnx/index.js';
import { floatsFromBytes, hasRepConvBranches, type StagedModel } from '../sweep/onnx-model.js';
import type { SweepOptions } from '../results/types.js';
import type { BenchArgs } from './bench-args.js';

export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

const dims = (s: readonly number[]) => s.join('x');

export function decodeF32(bytes: Uint8Array, flag: string, file: string): Float32Array {
  try {
    return floatsFromBytes(bytes);
  } catch (e) {
    throw new ModelFileError(`${flag} ${file}: ${(e as Error).message}`);
  }
}

/** The file must hold exactly the tensor the model takes or gives at every sweep point. */
export function checkFileShape(flag: '--input' | '--expect', file: string, values: number, what: string, points: { at: string; shape: number[] }[]): void {
  for (const p of points) {
    const want = numel(p.shape);
    if (values !== want)
      throw new ModelFileError(
        `${flag} ${file} holds ${values * 4} bytes (${values} float32 values), but the model's ${what} at ${p.at} is ${dims(p.shape)} = ${want} values = ${want * 4} bytes (raw little-endian float32, NCHW)`,
      );
  }
}

function readFile(path: string, flag: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new ModelFileError(`${flag} ${path}: cannot read it (${(e as Error).message})`);
  }
}

/** Batch and size from the flags, else from the model's input. */
export function modelPoints(bytes: Uint8Array, sweep: Partial<SweepOptions>): { batches: number[]; sizes: number[] } {
  const d = modelDefaults(modelInput(bytes));
  const sizes = sweep.sizes ?? (d.size === undefined ? undefined : [d.size]);
  if (!sizes) throw new ModelFileError("the model's input height and width are not fixed (or differ); give the size with --size N");
  return { batches: sweep.batches ?? [d.batch], sizes };
}

export interface LoadedModel {
  staged: StagedModel;
  /** The sweep options with batches and sizes filled from the model. */
  sweep: Partial<SweepOptions>;
}

export function loadModel(args: BenchArgs): LoadedModel {
  const file = args.model!;
  const bytes = readFile(file, '--model');
  const { batches, sizes } = modelPoints(bytes, args.sweep);
  const points = sizes.flatMap((size) =>
    batches.map((batch) => {
      const g = importAt(bytes, { batch, size });
      const shape = (name: string) => [...g.tensors.get(name)!.shape];
      return { at: `b${batch}@${size}`, input: shape(g.inputs[0]), output: shape(g.outputs[0]) };
    }),
  );
  if (args.sweep.form === 'both' && !hasRepConvBranches(importAt(bytes, { batch: batches[0], size: sizes[0] })))
    throw new ModelFileError(`--form both: ${basename(file)} has no RepConv branches that reparameterization merges, so both forms would be the same graph`);
  const staged: StagedModel = { name: basename(file), bytes };
  if (args.input !== undefined) {
    const x = decodeF32(readFile(args.input, '--input'), '--input', args.input);
    checkFileShape('--input', args.input, x.length, 'input', points.map((p) => ({ at: p.at, shape: p.input })));
    staged.inputs = { [modelInput(bytes).name]: x };
  }
  if (args.expect !== undefined) {
    staged.expect = decodeF32(readFile(args.expect, '--expect'), '--expect', args.expect);
    checkFileShape('--expect', args.expect, staged.expect.length, 'output', points.map((p) => ({ at: p.at, shape: p.output })));
  }
  return { staged, sweep: { ...args.sweep, batches, sizes } };
}
