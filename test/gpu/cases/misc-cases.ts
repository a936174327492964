// One-node graphs with seeded random inputs for the element-wise / pool / resize / reduce
// kernel tests, and the CPU reference result for each.
import { GraphBuilder } from '../../../src/graph/builder';
import type { Attrs, Graph } from '../../../src/graph/ir';
import { seededUniform } from '../../../src/graph/rng';
import { runReference } from '../../../src/reference/run';
import { tensor, type Tensor } from '../../../src/reference/tensor';

export interface CaseInput {
  name: string;
  shape: number[];
  /** Weights are baked into the graph; other inputs are fed at run time. */
  weight?: boolean;
  /** Values are uniform in [lo, hi); default [-1, 1). */
  range?: [number, number];
  /** Given values instead of random ones (exponents, slopes), repeated to fill the shape. */
  values?: number[];
}

export interface MiscCase {
  name: string;
  op: string;
  inputs: CaseInput[];
  attrs: Attrs;
  seed?: number;
  /** The node's inputs by name when they differ from `inputs` (e.g. one tensor read twice). */
  nodeInputs?: string[];
  /** The kernel that must run it, where a fast path is the point of the case. */
  kernel?: string;
  /** Force this kernel variant (EngineOptions.chooseVariant); the kernel's default otherwise. */
  variant?: string;
}

export interface BuiltCase {
  graph: Graph;
  feeds: Record<string, Float32Array>;
  output: string;
}

function values(c: MiscCase, inp: CaseInput): Float32Array {
  const [lo, hi] = inp.range ?? [-1, 1];
  const n = inp.shape.reduce((a, b) => a * b, 1);
  const given = inp.values;
  if (given) return Float32Array.from({ length: n }, (_, i) => given[i % given.length]);
  const u = seededUniform(c.seed ?? 1, inp.name, n, 1);
  return u.map((v) => lo + ((v + 1) / 2) * (hi - lo));
}

export function buildCase(c: MiscCase): BuiltCase {
  const b = new GraphBuilder();
  const feeds: Record<string, Float32Array> = {};
  for (const inp of c.inputs) {
    const data = values(c, inp);
    if (inp.weight) b.weight(inp.name, inp.shape, data);
    else {
      b.input(inp.name, inp.shape);
      feeds[inp.name] = data;
    }
  }
  const output = b.node(c.op, 'y', c.nodeInputs ?? c.inputs.map((i) => i.name), c.attrs, 'test');
  b.output(output);
  return { graph: b.build(), feeds, output };
}

export function referenceOutput(built: BuiltCase): Tensor {
  const feeds: Record<string, Tensor> = {};
  for (const name of built.graph.inputs) feeds[name] = tensor(built.graph.tensors.get(name)!.shape, built.feeds[name]);
  return runReference(built.graph, feeds).outputs.get(built.output)!;
}
