// State of one import: what each ONNX value name currently is (a folded constant or a
// graph tensor), the graph under construction, and accessors for the node being converted.
import type { Attrs, Graph } from '../graph/ir.js';
import { AttrType } from './schema.js';
import { OnnxImportError } from './errors.js';
import type { OnnxAttr, OnnxNode } from './model.js';
import { kindOf, type ConstTensor } from './tensor.js';
import { layerOf } from './layer-names.js';

export type Value = { const: ConstTensor } | { tensor: string };

/** Output shapes of an op kind from its input shapes (the op registry's shape rules). */
export type InferShapes = (op: string, inputs: number[][], attrs: Attrs) => number[][];

export class ImportContext {
  readonly graph: Graph = { tensors: new Map(), nodes: [], inputs: [], outputs: [] };
  readonly values = new Map<string, Value>();
  /** Values given for float graph inputs: used when an op needs them at import time. */
  readonly known = new Map<string, ConstTensor>();
  private readonly layers = new Map<string, string>();
  private readonly nodeNames = new Set<string>();
  node: OnnxNode = { name: '', opType: '', domain: '', inputs: [], outputs: [], attrs: new Map() };
  layer = 'model';

  constructor(
    readonly opset: number,
    private readonly infer: InferShapes,
    private readonly layerOfNode: (nodeName: string) => string | undefined = (n) => layerOf(n, 'auto'),
  ) {}

  /** Starts converting a node; its layer comes from its module scope (layer-names.ts), else from its data input. */
  begin(node: OnnxNode): void {
    this.node = node;
    const scoped = this.layerOfNode(node.name);
    if (scoped !== undefined) this.layer = scoped;
    else {
      const input = node.inputs.map((i) => this.values.get(i)).find((v): v is { tensor: string } => !!v && 'tensor' in v);
      this.layer = (input && this.layers.get(input.tensor)) ?? 'model';
    }
  }

  fail(message: string): never {
    throw new OnnxImportError(message, this.node);
  }

  has(i: number): boolean {
    return i < this.node.inputs.length && this.node.inputs[i] !== '';
  }

  value(i: number): Value {
    const name = this.node.inputs[i];
    if (!this.has(i)) this.fail(`required input ${i} is missing`);
    const v = this.values.get(name);
    if (!v) this.fail(`input '${name}' is produced by no node, initializer or graph input (or by an optional output that is not supported)`);
    return v;
  }

  isConst(i: number): boolean {
    return this.has(i) && 'const' in this.value(i);
  }

  /** An input that must be known at import time (shape arithmetic, axes, sizes, pads...). */
  constant(i: number, what: string): ConstTensor {
    const v = this.value(i);
    if ('const' in v) return v.const;
    const known = this.known.get(v.tensor);
    if (known) return known;
    return this.fail(`input ${i} (${what}) must be computable at import time (a constant or arithmetic on shapes), but '${this.node.inputs[i]}' depends on the runtime tensor values`);
  }

  /** A graph tensor for input i; float constants become weights, other constants are refused. */
  tensor(i: number): string {
    const v = this.value(i);
    if ('tensor' in v) return v.tensor;
    const name = this.node.inputs[i];
    if (kindOf(v.const.dataType) !== 'float') this.fail(`input '${name}' is an integer/bool constant used as data; only float32 tensors flow through the graph`);
    if (!this.graph.tensors.has(name)) {
      this.graph.tensors.set(name, { name, shape: [...v.const.shape], dtype: 'float32', role: 'weight', data: Float32Array.from(v.const.data) });
    }
    return name;
  }

  shape(i: number): number[] {
    const v = this.value(i);
    return 'const' in v ? v.const.shape : this.graph.tensors.get(v.tensor)!.shape;
  }

  shapeOfTensor(name: string): number[] {
    return this.graph.tensors.get(name)!.shape;
  }

  setConst(k: number, c: ConstTensor): void {
    if (this.node.outputs[k]) this.values.set(this.node.outputs[k], { const: c });
  }

  /** Makes output k another name for an existing graph tensor (Identity, Dropout). */
  alias(k: number, tensor: string): void {
    if (this.node.outputs[k]) this.values.set(this.node.outputs[k], { tensor });
  }

  /**
   * Adds a graph node. With `output` set, it writes ONNX output k under its own name and takes
   * the ONNX node's name; otherwise it writes an intermediate tensor named after the node.
   */
  emit(op: string, inputs: string[], attrs: Attrs, output?: number): string {
    const out = output !== undefined ? this.node.outputs[output] : this.fresh(`${this.node.outputs[0]}/${op}`, (n) => this.graph.tensors.has(n) || this.values.has(n));
    const name = this.fresh(output !== undefined ? this.node.name : `${this.node.name}/${op}`, (n) => this.nodeNames.has(n));
    let shape: number[];
    try {
      [shape] = this.infer(op, inputs.map((t) => this.shapeOfTensor(t)), attrs);
    } catch (e) {
      this.fail((e as Error).message);
    }
    this.nodeNames.add(name);
    this.graph.tensors.set(out, { name: out, shape, dtype: 'float32', role: 'activation' });
    this.graph.nodes.push({ name, op, inputs, outputs: [out], attrs, layer: this.layer });
    this.layers.set(out, this.layer);
    if (output !== undefined) this.values.set(out, { tensor: out });
    return out;
  }

  /** A weight the converter makes itself (Mean's 1/N, a float copy of an integer exponent). */
  weight(base: string, shape: number[], data: Float32Array): string {
    const name = this.fresh(`${this.node.name}/${base}`, (n) => this.graph.tensors.has(n) || this.values.has(n));
    this.graph.tensors.set(name, { name, shape: [...shape], dtype: 'float32', role: 'weight', data });
    return name;
  }

  private fresh(base: string, taken: (n: string) => boolean): string {
    let name = base;
    for (let k = 1; taken(name); k++) name = `${base}_${k}`;
    return name;
  }

  // Attributes, typed as the spec types them; a wrongly typed attribute is an error, not a guess.
  private attr(name: string, type: number): OnnxAttr | undefined {
    const a = this.node.attrs.get(name);
    if (a && a.type !== type) this.fail(`attribute '${name}' has type ${a.type}, expected ${type}`);
    return a;
  }

  hasAttr(name: string): boolean {
    return this.node.attrs.has(name);
  }

  int(name: string, fallback?: number): number {
    const v = this.attr(name, AttrType.INT)?.i ?? fallback;
    return v ?? this.fail(`missing attribute '${name}'`);
  }

  ints(name: string, fallback?: number[]): number[] {
    const a = this.attr(name, AttrType.INTS);
    const v = a ? (a.ints ?? []) : fallback;
    return v ?? this.fail(`missing attribute '${name}'`);
  }

  optInts(name: string): number[] | undefined {
    const a = this.attr(name, AttrType.INTS);
    return a ? (a.ints ?? []) : undefined;
  }

  float(name: string, fallback?: number): number {
    const v = this.attr(name, AttrType.FLOAT)?.f ?? fallback;
    return v ?? this.fail(`missing attribute '${name}'`);
  }

  str(name: string, fallback?: string): string {
    const v = this.attr(name, AttrType.STRING)?.s ?? fallback;
    return v ?? this.fail(`missing attribute '${name}'`);
  }
}
