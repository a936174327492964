// Incremental graph construction with shape inference at every step.
import { type Attrs, type Graph, type Node, type TensorInfo } from './ir.js';
import { inferShapes } from '../ops/registry.js';

export class GraphBuilder {
  private readonly tensors = new Map<string, TensorInfo>();
  private readonly nodes: Node[] = [];
  private readonly inputs: string[] = [];
  private readonly outputs: string[] = [];

  input(name: string, shape: number[]): string {
    this.add({ name, shape: [...shape], dtype: 'float32', role: 'input' });
    this.inputs.push(name);
    return name;
  }

  weight(name: string, shape: number[], data: Float32Array): string {
    const expected = shape.reduce((a, b) => a * b, 1);
    if (data.length !== expected) throw new Error(`weight '${name}': ${data.length} values for shape [${shape}]`);
    this.add({ name, shape: [...shape], dtype: 'float32', role: 'weight', data });
    return name;
  }

  /** Adds a single-output node; its output tensor takes the node's name. */
  node(op: string, name: string, inputs: string[], attrs: Attrs, layer: string): string {
    const shapes = inputs.map((i) => this.shapeOf(i));
    let out: number[][];
    try {
      out = inferShapes(op, shapes, attrs);
    } catch (e) {
      throw new Error(`node '${name}' (${op}): ${(e as Error).message}`);
    }
    this.add({ name, shape: out[0], dtype: 'float32', role: 'activation' });
    this.nodes.push({ name, op, inputs: [...inputs], outputs: [name], attrs: { ...attrs }, layer });
    return name;
  }

  output(name: string): void {
    const t = this.tensors.get(name);
    if (!t) throw new Error(`cannot mark unknown tensor '${name}' as output`);
    t.role = 'output';
    this.outputs.push(name);
  }

  shapeOf(name: string): number[] {
    const t = this.tensors.get(name);
    if (!t) throw new Error(`unknown tensor '${name}'`);
    return t.shape;
  }

  build(): Graph {
    return { tensors: this.tensors, nodes: this.nodes, inputs: this.inputs, outputs: this.outputs };
  }

  private add(t: TensorInfo): void {
    if (this.tensors.has(t.name)) throw new Error(`tensor '${t.name}' defined twice`);
    this.tensors.set(t.name, t);
  }
}
