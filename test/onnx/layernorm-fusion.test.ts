// The pre-17 LayerNorm chain (ReduceMean -> Sub -> Pow(2) -> ReduceMean -> Add(eps) -> Sqrt
// -> Div [-> Mul -> Add]) fused into one layernorm node, and the export round trips of the
// reduction, softmax and normalization kinds. The 'pow' and 'sqrt' kinds come from the
// element-wise ops, so the pass is tested on graphs written by hand (the pass reads only graph
// structure); the ONNX end-to-end test runs once those kinds are registered.
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/graph/builder.js';
import type { Attrs, Graph, Node, TensorInfo } from '../../src/graph/ir.js';
import { seededUniform } from '../../src/graph/rng.js';
import { exportOnnx, importOnnx, summarizeOnnx } from '../../src/onnx/index.js';
import { hasOp } from '../../src/ops/registry.js';
import { fuseLayerNorm } from '../../src/passes/onnx-layernorm.js';
import { runReference } from '../../src/reference/run.js';
import { compare, tensor } from '../../src/reference/tensor.js';
import { A, OnnxWriter, floats } from './helpers.js';

const X = [2, 5, 6];
const xval = seededUniform(3, 'x', 60, 1).map((v) => v * 3 + 1);
const gamma = Float32Array.from([0.5, 1, 1.5, 2, -1, 0.25]);
const beta = Float32Array.from([0.1, -0.2, 0.3, 0, 0.5, -0.5]);

/** Layer norm over the last axis in double precision. */
function expected(withGamma: boolean, withBeta: boolean, eps = 1e-5): number[] {
  const out: number[] = [];
  for (let r = 0; r < 10; r++) {
    const row = Array.from(xval.slice(r * 6, r * 6 + 6));
    const m = row.reduce((a, b) => a + b, 0) / 6;
    const inv = 1 / Math.sqrt(row.reduce((a, b) => a + (b - m) ** 2, 0) / 6 + eps);
    row.forEach((v, i) => out.push((v - m) * inv * (withGamma ? gamma[i] : 1) + (withBeta ? beta[i] : 0)));
  }
  return out;
}

interface ChainOptions {
  affine?: 'none' | 'mul' | 'mul-add';
  exponent?: number;
  axes?: readonly number[];
  square?: 'pow' | 'mul';
  /** Another reader of the Sub's output. */
  leak?: boolean;
}

/** The chain as our graph holds it after import, written by hand (no shape rules needed). */
function chain(o: ChainOptions = {}): Graph {
  const axes = [...(o.axes ?? [2])];
  const kept = X.map((d, i) => (axes.includes(i) ? 1 : d));
  const tensors = new Map<string, TensorInfo>();
  const t = (name: string, shape: number[], data?: Float32Array) => tensors.set(name, { name, shape, dtype: 'float32', role: data ? 'weight' : 'activation', data });
  t('x', X);
  tensors.get('x')!.role = 'input';
  t('two', [], Float32Array.of(o.exponent ?? 2));
  t('eps', [], Float32Array.of(1e-5));
  t('gamma', [6], gamma);
  t('beta', [6], beta);
  const nodes: Node[] = [];
  const n = (op: string, out: string, inputs: string[], shape: number[], attrs: Attrs = {}) => {
    t(out, shape);
    nodes.push({ name: `/ln/${out}`, op, inputs, outputs: [out], attrs, layer: 'ln' });
  };
  n('reduce_mean', 'm', ['x'], kept, { axes, keepdims: 1 });
  n('sub', 'd', ['x', 'm'], X);
  n(o.square === 'mul' ? 'mul' : 'pow', 'p', o.square === 'mul' ? ['d', 'd'] : ['d', 'two'], X);
  n('reduce_mean', 'v', ['p'], kept, { axes, keepdims: 1 });
  n('add', 'e', ['v', 'eps'], kept);
  n('sqrt', 's', ['e'], kept);
  n('div', 'q', ['d', 's'], X);
  let last = 'q';
  if (o.affine !== 'none' && o.affine !== undefined) {
    n('mul', 'g', ['q', 'gamma'], X);
    last = 'g';
    if (o.affine === 'mul-add') {
      n('add', 'b', ['beta', 'g'], X);
      last = 'b';
    }
  }
  const outputs = [last, ...(o.leak ? ['leak'] : [])];
  if (o.leak) n('relu', 'leak', ['d'], X);
  for (const name of outputs) tensors.get(name)!.role = 'output';
  return { tensors, nodes, inputs: ['x'], outputs };
}

const ops = (g: Graph) => g.nodes.map((n) => n.op);
const run = (g: Graph, x = xval) => runReference(g, { x: tensor(g.tensors.get('x')!.shape, x) }).outputs.get(g.outputs[0])!.data;

describe('LayerNorm chain fusion', () => {
  it.each([
    ['Mul and Add (beta first)', 'mul-add', true, true],
    ['Mul only', 'mul', true, false],
    ['no affine (a scale of 1 is added)', 'none', false, false],
  ] as const)('fuses the chain with %s into one layernorm', (_, affine, g, b) => {
    const graph = chain({ affine });
    expect(fuseLayerNorm(graph)).toBe(1);
    expect(ops(graph)).toEqual(['layernorm']);
    const node = graph.nodes[0];
    expect(node.name).toBe('/ln');
    expect(node.attrs).toEqual({ axis: 2, epsilon: Math.fround(1e-5) });
    expect(node.inputs.length).toBe(b ? 3 : 2);
    const err = compare(run(graph), Float32Array.from(expected(g, b)));
    console.log(`fused layernorm (${affine}) vs double: ${err.maxRelError.toExponential(2)}`);
    expect(err.maxRelError).toBeLessThanOrEqual(1e-6);
  });

  it('fuses the Mul(d, d) square that ONNX’s own LayerNorm function writes, over two trailing axes', () => {
    const g = chain({ square: 'mul', axes: [1, 2], affine: 'none' });
    expect(fuseLayerNorm(g)).toBe(1);
    expect(g.nodes[0].attrs.axis).toBe(1);
  });

  it.each([
    ['an exponent of 3', { exponent: 3 }],
    ['a mean over a non-trailing axis', { axes: [1] }],
    ['a Sub output read elsewhere', { leak: true }],
  ] as const)('leaves the chain alone with %s', (_, o) => {
    const g = chain({ affine: 'mul-add', ...o });
    const before = ops(g);
    expect(fuseLayerNorm(g)).toBe(0);
    expect(ops(g)).toEqual(before);
  });

  /** nn.LayerNorm(6) as torch.onnx.export writes it at opset 13. */
  function torchLayerNorm(): Uint8Array {
    const w = new OnnxWriter({ opset: 13 });
    w.input('x', X);
    w.initializer('ln.weight', floats(gamma));
    w.initializer('ln.bias', floats(beta));
    w.node('ReduceMean', '/ln/ReduceMean', ['x'], ['m'], { axes: A.ints([-1]) });
    w.node('Sub', '/ln/Sub', ['x', 'm'], ['d']);
    w.node('Pow', '/ln/Pow', ['d', w.constant('/ln', floats([2], []))], ['p']);
    w.node('ReduceMean', '/ln/ReduceMean_1', ['p'], ['v'], { axes: A.ints([-1]) });
    w.node('Add', '/ln/Add', ['v', w.constant('/ln', floats([1e-5], []))], ['e']);
    w.node('Sqrt', '/ln/Sqrt', ['e'], ['s']);
    w.node('Div', '/ln/Div', ['d', 's'], ['q']);
    w.node('Mul', '/ln/Mul', ['q', 'ln.weight'], ['g']);
    w.node('Add', '/ln/Add_1', ['g', 'ln.bias'], ['y']);
    w.output('y');
    return w.bytes();
  }

  it.skipIf(!hasOp('pow') || !hasOp('sqrt'))('imports the torch opset-13 export as one layernorm', () => {
    const g = importOnnx(torchLayerNorm());
    expect(ops(g)).toEqual(['layernorm']);
    expect(compare(run(g), Float32Array.from(expected(true, true))).maxRelError).toBeLessThanOrEqual(1e-6);
    const raw = importOnnx(torchLayerNorm(), { simplify: false });
    expect(compare(run(raw), run(g)).maxRelError).toBeLessThanOrEqual(1e-5);
  });
});

/** One node over x (plus weights) built with our builder. */
function one(op: string, shape: number[], attrs: Attrs, weights: [string, number[]][] = []): Graph {
  const b = new GraphBuilder();
  b.input('x', shape);
  for (const [name, s] of weights) b.weight(name, s, seededUniform(5, name, s.reduce((p, d) => p * d, 1), 1).map((v) => v + 1.5));
  b.output(b.node(op, 'y', ['x', ...weights.map((w) => w[0])], attrs, 'head'));
  return b.build();
}

function roundTrip(g: Graph, opset: number, positive = false): { types: string[]; err: number } {
  const shape = g.tensors.get('x')!.shape;
  const xv = seededUniform(11, 'x', shape.reduce((p, d) => p * d, 1), 1).map((v) => (positive ? v + 1.5 : v * 2));
  const bytes = exportOnnx(g, { opset });
  const back = importOnnx(bytes);
  return { types: Object.keys(summarizeOnnx(bytes).opCounts), err: compare(run(back, xv), run(g, xv)).maxRelError };
}

describe('export round trips (opsets 13 and 18)', () => {
  const reductions = ['reduce_sum', 'reduce_mean', 'reduce_max', 'reduce_min', 'reduce_prod', 'reduce_l1', 'reduce_l2', 'reduce_sum_square', 'reduce_log_sum', 'reduce_log_sum_exp'];
  it.each(reductions.flatMap((k) => [13, 18].map((o) => [k, o] as const)))('%s at opset %i', (kind, opset) => {
    const r = roundTrip(one(kind, [2, 3, 4, 5], { axes: [1, 3], keepdims: 0 }), opset, kind === 'reduce_log_sum');
    expect(r.err).toBeLessThanOrEqual(1e-6);
  });

  it('argmax / argmin write ArgMax / ArgMin and a Cast back to float32', () => {
    for (const op of ['argmax', 'argmin']) {
      const r = roundTrip(one(op, [2, 7, 3], { axes: [1], keepdims: 1, select_last_index: 1 }), 13);
      expect(r.types).toEqual([op === 'argmax' ? 'ArgMax' : 'ArgMin', 'Cast']);
      expect(r.err).toBe(0);
    }
  });

  it('softmax along an axis, and the flattened form as Flatten -> Softmax -> Reshape', () => {
    expect(roundTrip(one('log_softmax', [2, 3, 4], { axis: 1, coerce: 0 }), 13)).toEqual({ types: ['LogSoftmax'], err: 0 });
    const flat = roundTrip(one('softmax', [2, 3, 4], { axis: 1, coerce: 1 }), 13);
    expect(flat.types).toEqual(['Flatten', 'Softmax', 'Constant', 'Reshape']);
    expect(flat.err).toBe(0);
  });

  it('instancenorm, and groupnorm in the form torch writes (per group and per channel)', () => {
    expect(roundTrip(one('instancenorm', [2, 3, 5], { epsilon: 1e-5 }, [['s', [3]], ['b', [3]]]), 13).err).toBe(0);
    const perGroup = roundTrip(one('groupnorm', [2, 6, 2, 3], { num_groups: 3, epsilon: 1e-5, per_channel: 0 }, [['s', [3]], ['b', [3]]]), 13);
    expect(perGroup.types).toEqual(['Constant', 'Reshape', 'InstanceNormalization']);
    expect(perGroup.err).toBe(0);
    const perChannel = roundTrip(one('groupnorm', [2, 6, 2, 3], { num_groups: 3, epsilon: 1e-5, per_channel: 1 }, [['s', [6]], ['b', [6]]]), 18);
    expect(perChannel.types).toEqual(['Constant', 'Reshape', 'InstanceNormalization', 'Mul', 'Add']);
    expect(perChannel.err).toBeLessThanOrEqual(1e-6);
  });

  it('layernorm as LayerNormalization from opset 17', () => {
    const r = roundTrip(one('layernorm', [2, 3, 4], { axis: 1, epsilon: 1e-5 }, [['s', [4]], ['b', [3, 4]]]), 17);
    expect(r).toEqual({ types: ['LayerNormalization'], err: 0 });
  });

  it.skipIf(!hasOp('pow') || !hasOp('sqrt'))('layernorm before 17 as the chain torch writes, fused again on import', () => {
    const g = one('layernorm', [2, 3, 4], { axis: 2, epsilon: 1e-5 }, [['s', [4]], ['b', [4]]]);
    const back = importOnnx(exportOnnx(g, { opset: 13 }));
    expect(ops(back)).toEqual(['layernorm']);
    expect(roundTrip(g, 13).err).toBeLessThanOrEqual(1e-6);
  });

  it('ReduceSum writes axes as an input from 13, the others from 18', () => {
    const at = (kind: string, opset: number) => summarizeOnnx(exportOnnx(one(kind, [2, 3], { axes: [1], keepdims: 1 }), { opset })).opCounts.Constant ?? 0;
    expect([at('reduce_sum', 13), at('reduce_max', 13), at('reduce_max', 18)]).toEqual([1, 0, 1]);
  });
});
