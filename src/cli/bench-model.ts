// `npm run bench -- --model FILE.onnx [--input-shape S] [--input [NAME=]FILE] [--expect FILE]`,
// Node side: reads the files, resolves every configuration's input shapes (from --input-shape,
// a .pb input, --batch and --size, or the model itself), imports the model at each to fail
// early with a clear message, and checks the input and expected-output files against them.
import { basename } from 'node:path';
import { importWithShapes, modelInputs, resolveInputShapes, type InputShapes } from '../onnx/index.js';
import { pointLabel } from '../results/labels.js';
import type { SweepOptions } from '../results/types.js';
import { builtinPoints, shapesPoint } from '../sweep/model.js';
import { hasRepConvBranches, type StagedModel } from '../sweep/onnx-model.js';
import { resolveOptions } from '../sweep/options.js';
import { floatsFromBytes } from '../sweep/tensor-file.js';
import type { ConstTensor } from '../onnx/tensor.js';
import type { BenchArgs } from './bench-args.js';
import { checkFileShape, loadInputFiles, loadTensorFile, ModelFileError, readFile, specsFromFiles, type LoadedFile } from './bench-files.js';

export { checkFileShape, ModelFileError };

export function decodeF32(bytes: Uint8Array, flag: string, file: string): Float32Array {
  try {
    return floatsFromBytes(bytes);
  } catch (e) {
    throw new ModelFileError(`${flag} ${file}: ${(e as Error).message}`);
  }
}

export interface LoadedModel {
  staged: StagedModel;
  /** The sweep options with every configuration's input shapes (and their batches and sizes) filled in. */
  sweep: Partial<SweepOptions>;
}

interface Point {
  at: string;
  shapes: InputShapes;
  output: number[];
}

/** Every configuration's shapes, imported once each so that a shape the model refuses fails here. */
/** Values given as TensorProto files, for the importer to fold where it must. */
function knownInputs(files: ReadonlyMap<string, LoadedFile>): Record<string, ConstTensor> | undefined {
  const known = [...files].filter(([, f]) => f.tensor);
  return known.length ? Object.fromEntries(known.map(([name, f]) => [name, f.tensor!])) : undefined;
}

function modelPoints(bytes: Uint8Array, file: string, args: BenchArgs, files: ReadonlyMap<string, LoadedFile>): Point[] {
  const specs = args.inputShape.length ? args.inputShape : specsFromFiles(files);
  const command = `npm run bench -- --model ${file}`;
  const shapes = resolveInputShapes(modelInputs(bytes), { specs, batches: args.sweep.batches, sizes: args.sweep.sizes, command });
  return shapes.map((s) => {
    const g = importWithShapes(bytes, s, { knownInputs: knownInputs(files) });
    return { at: pointLabel(shapesPoint(s)), shapes: s, output: [...g.tensors.get(g.outputs[0])!.shape] };
  });
}

function checkedInputs(files: ReadonlyMap<string, LoadedFile>, points: Point[]): Record<string, Float32Array> | undefined {
  if (!files.size) return undefined;
  for (const [name, f] of files) {
    const what = points[0] && Object.keys(points[0].shapes).length > 1 ? `input '${name}'` : 'input';
    checkFileShape('--input', f.file, f.data.length, what, points.map((p) => ({ at: p.at, shape: p.shapes[name] })), f.dims);
  }
  return Object.fromEntries([...files].map(([name, f]) => [name, f.data]));
}

/** The sweep's own record of the configurations: their shapes, and their batch and size values. */
function sweepWith(args: BenchArgs, points: Point[]): Partial<SweepOptions> {
  const at = points.map((p) => shapesPoint(p.shapes));
  const sizes = [...new Set(at.flatMap((p) => (p.size === null ? [] : [p.size])))];
  return { ...args.sweep, inputShapes: points.map((p) => p.shapes), batches: [...new Set(at.map((p) => p.batch))], sizes };
}

export function loadModel(args: BenchArgs): LoadedModel {
  const file = args.model!;
  const bytes = readFile(file, '--model');
  const files = loadInputFiles(args.inputs, modelInputs(bytes));
  const points = modelPoints(bytes, file, args, files);
  if (args.sweep.form === 'both' && !hasRepConvBranches(importWithShapes(bytes, points[0].shapes, { knownInputs: knownInputs(files) })))
    throw new ModelFileError(`--form both: ${basename(file)} has no RepConv branches that reparameterization merges, so both forms would be the same graph`);
  const staged: StagedModel = { name: basename(file), bytes, inputs: checkedInputs(files, points), importOptions: { knownInputs: knownInputs(files), groupDepth: args.groupDepth } };
  if (args.expect !== undefined) {
    const y = loadTensorFile('--expect', args.expect);
    checkFileShape('--expect', args.expect, y.data.length, 'output', points.map((p) => ({ at: p.at, shape: p.output })), y.dims);
    staged.expect = y.data;
  }
  return { staged, sweep: sweepWith(args, points) };
}

/** --input-shape for the built-in network: its one input, checked against its own constraints. */
export function builtinSweep(args: BenchArgs): Partial<SweepOptions> {
  if (!args.inputShape.length) return args.sweep;
  const shapes = args.inputShape.flatMap((spec) => {
    if (spec.name !== null && spec.name !== 'input') throw new ModelFileError(`--input-shape: the built-in network's only input is 'input', not '${spec.name}'`);
    return spec.shapes.map((s) => ({ input: s }));
  });
  try {
    const points = builtinPoints(resolveOptions({ ...args.sweep, inputShapes: shapes }));
    return { ...args.sweep, inputShapes: shapes, batches: [...new Set(points.map((p) => p.batch))], sizes: [...new Set(points.map((p) => p.size!))] };
  } catch (e) {
    throw new ModelFileError(`--input-shape: ${(e as Error).message}`);
  }
}
