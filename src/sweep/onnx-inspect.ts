// What a model file says about itself before anything runs (the bench page shows it when a file
// is dropped): its summary, the input dims it leaves open with the fields that set them, the op
// types the importer has no converter for, and whether it imports at trial shapes, with the
// importer's own message when it does not.
import { importWithShapes, OnnxImportError, summarizeOnnx, supportedOnnxOps, type InputShapes, type OnnxSummary } from '../onnx/index.js';
import { decodeModel } from '../onnx/model.js';

type Dims = (number | string | null)[];

/** One field of input shape: a named dynamic dim (every input that uses the name), an unnamed one, or a whole shape the model does not declare. */
export interface ShapeField {
  /** The dim_param, `input[index]` for an unnamed dim, or `input` for a whole shape. */
  key: string;
  kind: 'dim' | 'shape';
  /** Where the value goes: input and dim index (-1: the whole shape). */
  uses: { input: string; index: number }[];
  /** A value that imports for most image models: 1 for a batch dim, 64 elsewhere. */
  suggested: string;
}

export interface OpUse {
  op: string;
  /** Set for ops outside the default ONNX domain. */
  domain: string | null;
  nodes: number;
}

export interface OnnxInspection {
  summary: OnnxSummary;
  fields: ShapeField[];
  /** Op types with no converter: the import fails on the first of them. */
  unsupported: OpUse[];
  /** Op types the importer evaluates only on constants and shapes: they fail if they read runtime data. */
  constantOnly: OpUse[];
  /** The import at the suggested shapes: the shapes, and the importer's error (null: it imports). */
  trial: { shapes: InputShapes | null; error: string | null };
}

/** Configurations one page may ask for through shape fields. */
export const MAX_SHAPE_CONFIGS = 64;

const isDynamic = (d: number | string | null): boolean => !(typeof d === 'number' && d > 0);

export function shapeFields(inputs: readonly { name: string; dims?: Dims }[]): ShapeField[] {
  const byKey = new Map<string, ShapeField>();
  for (const input of inputs) {
    if (!input.dims) {
      byKey.set(input.name, { key: input.name, kind: 'shape', uses: [{ input: input.name, index: -1 }], suggested: '1x3x64x64' });
      continue;
    }
    input.dims.forEach((d, index) => {
      if (!isDynamic(d)) return;
      const key = typeof d === 'string' && d ? d : `${input.name}[${index}]`;
      const field = byKey.get(key) ?? { key, kind: 'dim' as const, uses: [], suggested: index === 0 ? '1' : '64' };
      field.uses.push({ input: input.name, index });
      byKey.set(key, field);
    });
  }
  return [...byKey.values()];
}

function positiveList(text: string, what: string, parse: (s: string) => number[]): number[][] {
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (!items.length) throw new OnnxImportError(`${what}: give a value (a comma-separated list sweeps several)`);
  return items.map(parse);
}

function dimValue(s: string, what: string): number[] {
  if (!/^\d+$/.test(s) || Number(s) < 1) throw new OnnxImportError(`${what}: '${s}' is not a positive integer`);
  return [Number(s)];
}

function shapeValue(s: string, what: string): number[] {
  const parts = s.split(/x/i).map((p) => p.trim());
  if (parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1)) throw new OnnxImportError(`${what}: '${s}' is not a shape; write positive dims joined by x, e.g. 1x3x64x64`);
  return parts.map(Number);
}

/**
 * The configurations the fields describe: every combination of their values (comma-separated
 * lists), each a full shape per input, the model's fixed dims kept.
 */
export function shapesFromFields(inputs: readonly { name: string; dims?: Dims }[], fields: readonly ShapeField[], values: Record<string, string>): InputShapes[] {
  const lists = fields.map((f) => {
    const what = f.kind === 'shape' ? `shape of input '${f.key}'` : `input dim '${f.key}'`;
    return positiveList(values[f.key] ?? '', what, (s) => (f.kind === 'shape' ? shapeValue(s, what) : dimValue(s, what)));
  });
  const total = lists.reduce((n, l) => n * l.length, 1);
  if (total > MAX_SHAPE_CONFIGS) throw new OnnxImportError(`the input-shape fields give ${total} configurations (every combination of their values); at most ${MAX_SHAPE_CONFIGS} run in one sweep, so list fewer values`);
  let combos: number[][][] = [[]];
  for (const list of lists) combos = combos.flatMap((c) => list.map((v) => [...c, v]));
  return combos.map((combo) => {
    const shapes: InputShapes = Object.fromEntries(inputs.filter((i) => i.dims).map((i) => [i.name, i.dims!.map((d) => (isDynamic(d) ? 0 : (d as number)))]));
    fields.forEach((f, k) => {
      for (const u of f.uses) {
        if (u.index < 0) shapes[u.input] = combo[k];
        else shapes[u.input][u.index] = combo[k][0];
      }
    });
    return shapes;
  });
}

function opUses(bytes: Uint8Array): { unsupported: OpUse[]; constantOnly: OpUse[] } {
  const { runtime, foldedOnly } = supportedOnnxOps();
  const counts = new Map<string, OpUse>();
  for (const n of decodeModel(bytes).nodes) {
    const foreign = n.domain !== '' && n.domain !== 'ai.onnx';
    const key = `${foreign ? `${n.domain}.` : ''}${n.opType}`;
    const use = counts.get(key) ?? { op: n.opType, domain: foreign ? n.domain : null, nodes: 0 };
    use.nodes++;
    counts.set(key, use);
  }
  const uses = [...counts.values()];
  return {
    unsupported: uses.filter((u) => u.domain !== null || (!runtime.includes(u.op) && !foldedOnly.includes(u.op))),
    constantOnly: uses.filter((u) => u.domain === null && foldedOnly.includes(u.op)),
  };
}

/** Throws OnnxImportError when the bytes are not an ONNX model at all. */
export function inspectOnnx(bytes: Uint8Array): OnnxInspection {
  const summary = summarizeOnnx(bytes);
  if (!summary.inputs.length) throw new OnnxImportError('the model has no graph input (every input is an initializer); there is nothing to feed');
  const fields = shapeFields(summary.inputs);
  const suggested = Object.fromEntries(fields.map((f) => [f.key, f.suggested]));
  let shapes: InputShapes | null = null;
  let error: string | null = null;
  try {
    shapes = shapesFromFields(summary.inputs, fields, suggested)[0];
    importWithShapes(bytes, shapes);
  } catch (e) {
    error = (e as Error).message;
  }
  return { summary, fields, ...opUses(bytes), trial: { shapes, error } };
}
