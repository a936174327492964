// ONNX ModelProto bytes -> our Graph with static shapes. Constants and shape arithmetic are
// evaluated here; what remains is float32 data flow through registered op kinds.
import type { Graph } from '../graph/ir.js';
import { inferShapes, onnxConverters } from '../ops/registry.js';
import { removeNodes } from '../passes/rewrite.js';
import { foldConvBatchNorm } from '../passes/onnx-fold-bn.js';
import { fuseLayerNorm } from '../passes/onnx-layernorm.js';
import { recognizePrcm } from '../passes/onnx-prcm.js';
import { simplifyReshapes } from '../passes/onnx-reshape.js';
import { ImportContext } from './context.js';
import { OnnxImportError } from './errors.js';
import { decodeModel, type OnnxModel, type OnnxValueInfo } from './model.js';
import { DataType } from './schema.js';
import { FOLDS, fold, foldable } from './fold.js';
import { constantNode, shapeNode, sizeNode } from './structural.js';
import { MAX_KNOWN_OPSET, OPERATOR_VERSIONS } from './op-versions.js';
import { kindOf, type ConstTensor } from './tensor.js';
import { layerNamer, type GroupDepth } from './layer-names.js';
import type { OnnxConverter } from '../ops/types.js';

export interface ImportOptions {
  /** Full shapes per graph input; required for inputs with dynamic dimensions unless `dims` covers them. */
  inputShapes?: Record<string, number[]>;
  /** Values for named dynamic dimensions (dim_param), e.g. { batch: 1 }. */
  dims?: Record<string, number>;
  /**
   * Let inputShapes replace dimensions the model fixes. Only for models whose graph does not
   * bake the export size into constants (Reshape targets, Resize sizes, pooling kernels).
   */
  allowStaticOverride?: boolean;
  /** Fold Conv+BatchNormalization, recognize PRCM and pre-17 LayerNorm chains, merge reshapes (default true). */
  simplify?: boolean;
  /**
   * Values of graph inputs known before the run (the ONNX test data feeds indices, shapes, axes
   * and Resize scales as inputs). Integer and bool inputs are folded as constants, since only
   * float32 flows through the graph; a float input stays a runtime input unless an op needs its
   * value at import time (Resize scales, Pad values...), which then folds the given values.
   * Inputs that end up read by no node leave the graph's inputs.
   */
  knownInputs?: Record<string, ConstTensor>;
  /** Which module depth of the PyTorch scope in node names makes a layer (see layer-names.ts). */
  groupDepth?: GroupDepth;
}

const CONVERTERS = onnxConverters();
const dataTypeName = (t: number): string => Object.entries(DataType).find(([, v]) => v === t)?.[0].toLowerCase() ?? `#${t}`;
/** Not computations on runtime data: answered at import time. */
const STRUCTURAL = ['Constant', 'Shape', 'Size'];
export const MIN_OPSET = 1;
export const MAX_OPSET = MAX_KNOWN_OPSET;

/** Every op type the importer accepts; the ones in `foldedOnly` only on values known at import time. */
export function supportedOnnxOps(): { runtime: string[]; foldedOnly: string[] } {
  const runtime = [...CONVERTERS.keys(), ...STRUCTURAL].sort();
  return { runtime, foldedOnly: Object.keys(FOLDS).filter((k) => !CONVERTERS.has(k) && !STRUCTURAL.includes(k)).sort() };
}

function describeSupported(): string {
  const s = supportedOnnxOps();
  return `supported ops: ${s.runtime.join(', ')}; on constants/shapes only: ${s.foldedOnly.join(', ')}`;
}

export function importOnnx(bytes: Uint8Array | ArrayBuffer, opts: ImportOptions = {}): Graph {
  const model = decodeModel(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  if (model.opset < MIN_OPSET || model.opset > MAX_OPSET) throw new OnnxImportError(`opset ${model.opset} is not supported (supported: ${MIN_OPSET}..${MAX_OPSET})`);
  const ctx = new ImportContext(model.opset, inferShapes, layerNamer(model.nodes.map((n) => n.name), opts.groupDepth ?? 'auto'));
  for (const [name, t] of model.initializers) ctx.values.set(name, { const: t });
  const overridden = declareInputs(ctx, model, opts);
  for (const node of model.nodes) convertNode(ctx, node);
  declareOutputs(ctx, model, !overridden);
  const g = ctx.graph;
  removeDeadNodes(g);
  // A known input whose value only ever fed import-time arithmetic is not an input of the run.
  g.inputs = g.inputs.filter((name) => !ctx.known.has(name) || g.nodes.some((n) => n.inputs.includes(name)));
  if (opts.simplify ?? true) {
    foldConvBatchNorm(g);
    simplifyReshapes(g);
    recognizePrcm(g);
    fuseLayerNorm(g);
  }
  return g;
}

function convertNode(ctx: ImportContext, node: OnnxModel['nodes'][number]): void {
  ctx.begin(node);
  try {
    if (node.domain !== '' && node.domain !== 'ai.onnx') ctx.fail(`operators of domain '${node.domain}' are not supported; ${describeSupported()}`);
    if (node.opType === 'Constant') return constantNode(ctx);
    if (node.opType === 'Shape') return shapeNode(ctx);
    if (node.opType === 'Size') return sizeNode(ctx);
    if (foldable(ctx)) return fold(ctx);
    const converter = CONVERTERS.get(node.opType);
    if (converter) {
      checkVersion(ctx, converter);
      return converter.convert(ctx);
    }
    if (FOLDS[node.opType]) ctx.fail(`${node.opType} is supported only on values known at import time (constants and shapes), but it reads runtime tensor data; ${describeSupported()}`);
    ctx.fail(`unsupported op type; ${describeSupported()}`);
  } catch (e) {
    if (e instanceof OnnxImportError) throw e;
    throw new OnnxImportError((e as Error).message, node);
  }
}

/** The operator version the model's opset selects must be one the converter implements. */
function checkVersion(ctx: ImportContext, c: OnnxConverter): void {
  const known = OPERATOR_VERSIONS[c.opType];
  if (!known) return;
  const version = known.filter((v) => v <= ctx.opset).pop();
  if (version === undefined) ctx.fail(`${c.opType} does not exist at opset ${ctx.opset}: it was introduced in opset ${known[0]}`);
  if (!c.versions.includes(version)) {
    const supported = c.versions.map((v) => `${c.opType}-${v}`).join(', ');
    ctx.fail(`opset ${ctx.opset} selects ${c.opType}-${version}, whose semantics are not implemented (supported: ${supported}); re-export the model at an opset that selects a supported version`);
  }
}

function resolveDims(info: OnnxValueInfo, opts: ImportOptions): { shape: number[]; overridden: boolean } {
  const given = opts.inputShapes?.[info.name];
  const dims = info.dims;
  if (!dims && !given) throw new OnnxImportError(`graph input '${info.name}' has no shape in the model; pass inputShapes: { '${info.name}': [...] }`);
  if (given && dims && given.length !== dims.length) throw new OnnxImportError(`graph input '${info.name}' has rank ${dims.length} in the model, but inputShapes gives [${given}]`);
  let overridden = false;
  const shape = (dims ?? given!).map((d, i) => {
    const user = given?.[i] ?? (typeof d === 'string' ? opts.dims?.[d] : undefined);
    if (typeof d === 'number' && d > 0) {
      if (user !== undefined && user !== d) {
        if (!opts.allowStaticOverride) throw new OnnxImportError(`graph input '${info.name}' dimension ${i} is fixed at ${d} by the model, but ${user} was given (wrong input size; set allowStaticOverride to try anyway)`);
        overridden = true;
      }
      return user ?? d;
    }
    if (user === undefined) throw new OnnxImportError(`graph input '${info.name}' dimension ${i}${typeof d === 'string' ? ` ('${d}')` : ''} is dynamic; give its value with inputShapes: { '${info.name}': [...] }${typeof d === 'string' ? ` or dims: { '${d}': N }` : ''}`);
    return user;
  });
  if (shape.some((d) => !Number.isInteger(d) || d < 1)) throw new OnnxImportError(`graph input '${info.name}' shape [${shape}] must be positive integers`);
  return { shape, overridden };
}

function declareInputs(ctx: ImportContext, model: OnnxModel, opts: ImportOptions): boolean {
  let overridden = false;
  for (const info of model.inputs) {
    if (model.initializers.has(info.name)) continue;
    const known = opts.knownInputs?.[info.name];
    if (known && kindOf(known.dataType) !== 'float') {
      ctx.values.set(info.name, { const: known });
      continue;
    }
    if (known) ctx.known.set(info.name, known);
    if (info.elemType !== DataType.FLOAT)
      throw new OnnxImportError(`graph input '${info.name}' has element type ${dataTypeName(info.elemType)}; only float32 tensors flow through the graph. Give its values (knownInputs, or --input ${info.name}=FILE.pb) so they are folded at import time`);
    const r = resolveDims(info, opts);
    overridden ||= r.overridden;
    ctx.graph.tensors.set(info.name, { name: info.name, shape: r.shape, dtype: 'float32', role: 'input' });
    ctx.graph.inputs.push(info.name);
    ctx.values.set(info.name, { tensor: info.name });
  }
  const unknown = Object.keys({ ...opts.inputShapes, ...opts.knownInputs }).filter((n) => !model.inputs.some((i) => i.name === n));
  if (unknown.length) throw new OnnxImportError(`inputShapes names ${unknown.join(', ')}, which the model does not have (inputs: ${ctx.graph.inputs.join(', ')})`);
  return overridden;
}

function declareOutputs(ctx: ImportContext, model: OnnxModel, checkShapes: boolean): void {
  for (const info of model.outputs) {
    const v = ctx.values.get(info.name);
    if (!v) throw new OnnxImportError(`graph output '${info.name}' is produced by no node`);
    if ('const' in v) throw new OnnxImportError(`graph output '${info.name}' is a constant; models whose outputs do not depend on the input are not supported`);
    let name = v.tensor;
    if (ctx.graph.inputs.includes(info.name)) throw new OnnxImportError(`graph output '${info.name}' is also a graph input; such pass-through models are not supported`);
    if (name !== info.name) {
      ctx.begin({ name: `${info.name}/Identity`, opType: 'Identity', domain: '', inputs: [name], outputs: [info.name], attrs: new Map() });
      name = ctx.emit('identity', [name], {}, 0);
    }
    const t = ctx.graph.tensors.get(name)!;
    const declared = info.dims;
    if (checkShapes && declared && declared.every((d) => typeof d === 'number' && d > 0) && declared.join() !== t.shape.join())
      throw new OnnxImportError(`graph output '${info.name}' is declared [${declared}] but computes to [${t.shape}]`);
    t.role = 'output';
    ctx.graph.outputs.push(name);
  }
}

function removeDeadNodes(g: Graph): void {
  const live = new Set(g.outputs);
  const dead = new Set<Graph['nodes'][number]>();
  for (let i = g.nodes.length - 1; i >= 0; i--) {
    const n = g.nodes[i];
    if (n.outputs.some((o) => live.has(o))) n.inputs.forEach((t) => live.add(t));
    else dead.add(n);
  }
  removeNodes(g, dead);
}
