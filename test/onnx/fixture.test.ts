// The real torch.onnx.export of the network (models/fixtures, copied from the shared fixtures): import, run on the CPU
// reference, compare with PyTorch's output; and check it is the network our builder builds.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importOnnx, summarizeOnnx } from '../../src/onnx/index.js';
import { jeongwonnet } from '../../src/graph/jeongwonnet.js';
import { paramCount, type Graph } from '../../src/graph/ir.js';
import { optimize } from '../../src/passes/index.js';
import { runReference } from '../../src/reference/run.js';
import { compare, tensor } from '../../src/reference/tensor.js';
import { FIXTURES, readF32 } from './helpers.js';

const base = `${FIXTURES}/jeongwonnet_swap_c8_64`;
const meta = JSON.parse(readFileSync(`${FIXTURES}/fixtures.json`, 'utf8'))[0];

/** Op kinds per layer, in execution order: the structure both graphs must share. */
function structure(g: Graph): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const n of g.nodes) (out[n.layer] ??= []).push(n.op + (n.attrs.activation ? `+${n.attrs.activation}` : '') + (n.attrs.prescale ? '(prescaled)' : ''));
  return out;
}

describe('fixture jeongwonnet_swap_c8_64.onnx', () => {
  const bytes = () => readFileSync(`${base}.onnx`);

  it('is a PyTorch opset-13 export made of Conv, Relu, PRCM pieces, MaxPool, Resize and Add', () => {
    const s = summarizeOnnx(bytes());
    expect(s.opset).toBe(meta.opset);
    expect(s.producer).toMatch(/pytorch/);
    expect(s.initializerElements).toBe(meta.params);
    console.log(`fixture ops: ${JSON.stringify(s.opCounts)}`);
    expect(Object.keys(s.opCounts).sort()).toEqual(['Add', 'Constant', 'Conv', 'MatMul', 'MaxPool', 'Mul', 'ReduceMean', 'Relu', 'Resize', 'Sigmoid', 'Unsqueeze']);
  });

  it("matches PyTorch's output on the CPU reference", () => {
    const g = importOnnx(bytes());
    expect(g.tensors.get(g.inputs[0])!.shape).toEqual(meta.input_shape);
    const x = tensor(meta.input_shape, readF32(`${base}.input.bin`));
    const ref = readF32(`${base}.output.bin`);
    for (const [name, graph] of [['imported', g], ['optimized', optimize(g)]] as const) {
      const y = runReference(graph, { [g.inputs[0]]: x }).outputs.get(g.outputs[0])!;
      expect(y.shape).toEqual(meta.output_shape);
      const err = compare(y.data, ref);
      console.log(`fixture CPU reference (${name}): max|y-ref|/max|ref| = ${err.maxRelError.toExponential(3)} (max|ref| ${err.maxAbsRef.toFixed(1)})`);
      expect(err.maxRelError).toBeLessThanOrEqual(1e-3);
    }
  });

  it('has the parameter count and per-layer structure of our builder, before and after optimize()', () => {
    const g = importOnnx(bytes());
    const built = jeongwonnet({ cList: [8, 16, 24, 32, 48, 64], kernelSize: 7, numBasis: 8, size: 64 });
    expect(paramCount(optimize(g))).toBe(meta.params);
    expect(paramCount(g)).toBe(paramCount(built));
    expect(structure(g)).toEqual(structure(built));
    expect(structure(optimize(g))).toEqual(structure(optimize(built)));
    expect(g.nodes.filter((n) => n.op === 'prcm')).toHaveLength(11);
  });
});
