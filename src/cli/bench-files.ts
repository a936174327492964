// The files given with --input and --expect, Node side: read, decoded (raw little-endian
// float32, or an ONNX TensorProto for .pb), matched to the model's inputs, and checked against
// the tensor the model takes or gives at every configuration.
import { readFileSync } from 'node:fs';
import { numel } from '../graph/ir.js';
import type { ModelInput, ShapeSpec } from '../onnx/index.js';
import { isTensorProtoFile, readTensorFile, type TensorFile } from '../sweep/tensor-file.js';
import type { InputFileArg } from './bench-args.js';

export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

/** A decoded file and where it came from, for messages. */
export interface LoadedFile extends TensorFile {
  flag: '--input' | '--expect';
  file: string;
}

const dims = (s: readonly number[]) => s.join('x');

export function readFile(path: string, flag: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new ModelFileError(`${flag} ${path}: cannot read it (${(e as Error).message})`);
  }
}

export function loadTensorFile(flag: LoadedFile['flag'], file: string): LoadedFile {
  const bytes = readFile(file, flag);
  try {
    return { ...readTensorFile(bytes, file), flag, file };
  } catch (e) {
    throw new ModelFileError(`${flag} ${file}: ${(e as Error).message}`);
  }
}

/** Which model input an --input names: its NAME=, else the only input, else the name a .pb file carries. */
function inputOf(arg: InputFileArg, f: LoadedFile, inputs: readonly ModelInput[]): string {
  const names = inputs.map((i) => i.name);
  const name = arg.name ?? (inputs.length === 1 ? names[0] : f.name && names.includes(f.name) ? f.name : null);
  if (name === null) throw new ModelFileError(`--input ${arg.file}: the model has ${inputs.length} inputs (${names.join(', ')}); say which one it is with --input NAME=FILE`);
  if (!names.includes(name)) throw new ModelFileError(`--input ${name}=${arg.file}: the model has no input '${name}' (inputs: ${names.join(', ')})`);
  return name;
}

/** Every --input, by model input; all inputs or none (the rest would silently be random data). */
export function loadInputFiles(args: readonly InputFileArg[], inputs: readonly ModelInput[]): Map<string, LoadedFile> {
  const out = new Map<string, LoadedFile>();
  for (const arg of args) {
    const f = loadTensorFile('--input', arg.file);
    const name = inputOf(arg, f, inputs);
    if (out.has(name)) throw new ModelFileError(`--input gives input '${name}' twice (${out.get(name)!.file}, ${arg.file})`);
    out.set(name, f);
  }
  const missing = inputs.filter((i) => out.size && !out.has(i.name)).map((i) => i.name);
  if (missing.length) throw new ModelFileError(`--input gives ${[...out.keys()].join(', ')} but not ${missing.join(', ')}: give every input (--input ${missing[0]}=FILE), or none for seeded random data`);
  return out;
}

/** Without --input-shape, a .pb input's own shape is the configuration. */
export function specsFromFiles(files: ReadonlyMap<string, LoadedFile>): ShapeSpec[] {
  return [...files].filter(([, f]) => f.dims).map(([name, f]) => ({ name, shapes: [f.dims!] }));
}

/** The file must hold exactly the tensor the model takes or gives at every configuration. */
export function checkFileShape(flag: '--input' | '--expect', file: string, values: number, what: string, points: { at: string; shape: number[] }[], fileDims: number[] | null = null): void {
  for (const p of points) {
    const format = isTensorProtoFile(file) ? 'ONNX TensorProto' : p.shape.length === 4 ? 'raw little-endian float32, NCHW' : 'raw little-endian float32';
    const want = numel(p.shape);
    if (values !== want)
      throw new ModelFileError(
        `${flag} ${file} holds ${values * 4} bytes (${values} float32 values), but the model's ${what} at ${p.at} is ${dims(p.shape)} = ${want} values = ${want * 4} bytes (${format})`,
      );
    if (fileDims && dims(fileDims) !== dims(p.shape)) throw new ModelFileError(`${flag} ${file} holds a ${dims(fileDims)} tensor, but the model's ${what} at ${p.at} is ${dims(p.shape)}`);
  }
}
