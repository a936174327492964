// Network variants written as torch.onnx.export writes them: spatial attention (AveragePool
// with a size-derived kernel, Resize to a Shape/Slice/Concat-computed size, a Sigmoid gate)
// and encoder contexts feeding decoder gates. Each is compared with the same network built
// directly from our op kinds.
import { describe, expect, it } from 'vitest';
import { importOnnx } from '../../src/onnx/index.js';
import type { Graph } from '../../src/graph/ir.js';
import { optimize } from '../../src/passes/index.js';
import { runReference } from '../../src/reference/run.js';
import { compare, tensor } from '../../src/reference/tensor.js';
import { seededUniform } from '../../src/graph/rng.js';
import { contextGateNet, spatialAttentionNet } from './torch-style.js';

const input = tensor([1, 3, 32, 32], seededUniform(3, 'variants', 3 * 32 * 32, 1));
const run = (g: Graph) => runReference(g, { input }).outputs.get('output')!.data;
const count = (g: Graph, op: string) => g.nodes.filter((n) => n.op === op).length;

describe('torch-style variants', () => {
  it('spatial attention: shape subgraphs fold, PRCM is recognized, output matches', () => {
    const { bytes, expected } = spatialAttentionNet();
    const g = importOnnx(bytes);
    expect(count(g, 'prcm')).toBe(3);
    expect(count(g, 'avgpool2d')).toBe(2);
    expect(count(g, 'resize')).toBe(3);
    expect(g.nodes.some((n) => n.op === 'reshape')).toBe(false);
    const want = run(expected);
    expect(compare(run(g), want).maxRelError).toBeLessThanOrEqual(1e-6);
    expect(compare(run(optimize(g)), want).maxRelError).toBeLessThanOrEqual(1e-6);
  });

  it('encoder contexts feeding decoder gates: shared context keeps the general ops', () => {
    const { bytes, expected } = contextGateNet();
    const g = importOnnx(bytes);
    // Only encoder2's PRCM is self-contained; the others share or extend their context.
    expect(count(g, 'prcm')).toBe(1);
    expect(count(g, 'matmul')).toBe(5);
    expect(count(g, 'reduce_mean_hw')).toBe(2);
    const want = run(expected);
    expect(compare(run(g), want).maxRelError).toBeLessThanOrEqual(1e-6);
    const opt = optimize(g);
    expect(compare(run(opt), want).maxRelError).toBeLessThanOrEqual(1e-6);
  });
});
