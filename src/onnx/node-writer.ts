// Writing one of our nodes as ONNX nodes: the state an op module's exporter sees. Weights
// become initializers on first use, a fused prescale becomes an explicit Mul, a fused residual
// an Add after the op, and a fused activation the activation op's own ONNX form after that.
import { attrString, type Graph, type Node } from '../graph/ir.js';
import { splitPrescale, splitResidual } from '../graph/shape.js';
import { longs, type AttrValue, type OnnxWriter } from './writer.js';

export interface ExportContext {
  w: OnnxWriter;
  g: Graph;
  opset: number;
  /** Initializer name for a weight (written on first use). */
  weight(name: string): string;
  /** Initializer holding the transpose of a 2-D weight, as PyTorch folds `.t()`. */
  weightT(name: string): string;
  /** Writes activation `kind` (a unary op kind) on `input` as the node's final output. */
  activation(nw: NodeWriter, kind: string, input: string): void;
}

/** One node being written: its scope ('/encoder1/pw'), inputs with any prescale applied, and output helpers. */
export class NodeWriter {
  constructor(
    readonly x: ExportContext,
    readonly node: Node,
    readonly scope: string,
  ) {}

  get opset(): number {
    return this.x.opset;
  }

  shape(t: string): number[] {
    return this.x.g.tensors.get(t)!.shape;
  }

  /** A graph tensor as an ONNX value: weights become initializers. */
  value(t: string): string {
    return this.x.g.tensors.get(t)?.role === 'weight' ? this.x.weight(t) : t;
  }

  /** The op's own data inputs (no fused residual); a fused prescale becomes an explicit Mul on input 0. */
  inputs(): string[] {
    const { main, scaled } = splitPrescale(this.node.inputs, this.node.attrs);
    const ins = splitResidual(this.node.inputs, this.node.attrs).own.map((t) => this.value(t));
    if (scaled) ins[0] = this.op('Mul', [ins[0], this.value(this.node.inputs[main])], {}, 'prescale/Mul');
    return ins;
  }

  /** Writes one ONNX node; returns its output value name (the node's own output when `last`). */
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue>, local = opType, last = false): string {
    const name = this.x.w.unique(`${this.scope}/${local}`);
    const out = last ? this.node.outputs[0] : `${name}_output_0`;
    this.x.w.node(opType, name, inputs, [out], attrs);
    return out;
  }

  /** The final op, followed by the node's fused residual Add and activation when it carries them. */
  finish(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}): void {
    const act = attrString(this.node.attrs, 'activation', 'none');
    const { residual } = splitResidual(this.node.inputs, this.node.attrs);
    let y = this.op(opType, inputs, attrs, opType, act === 'none' && residual === undefined);
    if (residual !== undefined) y = this.op('Add', [y, this.value(residual)], {}, 'Add', act === 'none');
    if (act !== 'none') this.x.activation(this, act, y);
  }

  constInts(values: number[]): string {
    return this.x.w.constant(this.scope, longs(values));
  }
}
