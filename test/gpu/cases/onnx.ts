// ONNX in the page: the fixture imported and run on the engine, the torch-style variants, and
// one-node graphs for every op kind the importer adds, each against the CPU reference.
import { getDevice } from '../device';
import { GraphBuilder } from '../../../src/graph/builder';
import type { Attrs, Graph } from '../../../src/graph/ir';
import { seededUniform } from '../../../src/graph/rng';
import { importOnnx } from '../../../src/onnx/index';
import { optimize } from '../../../src/passes/index';
import { Engine } from '../../../src/runtime/engine';
import { runReference } from '../../../src/reference/run';
import { compare, tensor, type ErrorStats, type Tensor } from '../../../src/reference/tensor';
import { contextGateNet, spatialAttentionNet } from '../../onnx/torch-style';

async function runEngine(g: Graph, feeds: Record<string, Float32Array>): Promise<{ out: Float32Array; ms: number; dispatches: number; ops: string[] }> {
  const { device } = await getDevice();
  const engine = await Engine.create(device, g, { mode: 'arena' });
  try {
    await engine.run(feeds);
    const t0 = performance.now();
    const out = (await engine.run(feeds))[g.outputs[0]];
    return { out, ms: performance.now() - t0, dispatches: engine.dispatches.length, ops: [...new Set(g.nodes.map((n) => n.op))].sort() };
  } finally {
    engine.destroy();
  }
}

export interface FixtureRun extends ErrorStats {
  ms: number;
  dispatches: number;
  ops: string[];
}

/** Imports the model bytes in the page, optimizes, runs on the engine and compares with `expected`. */
export async function runOnnxOnEngine(bytes: Uint8Array, input: Float32Array, expected: Float32Array): Promise<FixtureRun> {
  const g = optimize(importOnnx(bytes));
  const r = await runEngine(g, { [g.inputs[0]]: input });
  return { ...compare(r.out, expected), ms: r.ms, dispatches: r.dispatches, ops: r.ops };
}

/** A torch-style variant network on the engine vs the same network built from our ops on the CPU. */
export async function variantOnEngine(which: 'spatial' | 'context'): Promise<FixtureRun> {
  const { bytes, expected } = which === 'spatial' ? spatialAttentionNet() : contextGateNet();
  const x = seededUniform(3, 'gpu-variant', 3 * 32 * 32, 1);
  const want = runReference(expected, { input: tensor([1, 3, 32, 32], x) }).outputs.get('output')!.data;
  return runOnnxOnEngine(bytes, x, want);
}

interface OpSpec {
  op: string;
  inputs: { shape: number[]; weight?: boolean }[];
  attrs: Attrs;
}

/** One-node graph on the engine vs runReference; inputs seeded, weights baked in. */
export async function opOnEngine(spec: OpSpec): Promise<ErrorStats & { shape: number[] }> {
  const b = new GraphBuilder();
  const feeds: Record<string, Float32Array> = {};
  const ref: Record<string, Tensor> = {};
  const names = spec.inputs.map((inp, i) => {
    const name = `in${i}`;
    const data = seededUniform(i + 1, name, inp.shape.reduce((a, c) => a * c, 1), 1);
    if (inp.weight) return b.weight(name, inp.shape, data);
    feeds[name] = data;
    ref[name] = tensor(inp.shape, data);
    return b.input(name, inp.shape);
  });
  b.output(b.node(spec.op, 'y', names, spec.attrs, 'test'));
  const g = b.build();
  const want = runReference(g, ref).outputs.get('y')!;
  const got = await runEngine(g, feeds);
  return { ...compare(got.out, want.data), shape: want.shape };
}
