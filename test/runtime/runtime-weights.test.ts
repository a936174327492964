// A weight the graph feeds at run time (an ONNX initializer given as a graph input, as the ONNX
// backend tests do) has no data at plan time, so no variant may ask to repack it: the kernels
// offer only their unpacked programs there, and the packed ones when the same tensor is a weight.
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/graph/builder';
import { planDispatches } from '../../src/runtime/dispatch-plan';
import type { KernelContext } from '../../src/runtime/kernel';

const limits = { maxComputeWorkgroupsPerDimension: 65535, maxComputeInvocationsPerWorkgroup: 256 };

function plan(op: string, x: number[], w: number[], attrs: Record<string, unknown>, fed: boolean) {
  const b = new GraphBuilder();
  const xi = b.input('x', x);
  const wi = fed ? b.input('w', w) : b.weight('w', w, new Float32Array(w.reduce((a, d) => a * d, 1)).fill(0.5));
  b.output(b.node(op, 'n', [xi, wi], attrs as never, 'l'));
  const ctx: KernelContext = { graph: b.build(), limits, features: new Set() };
  const [d] = planDispatches(ctx.graph, ctx);
  return { kernel: d.kernel, variant: d.variant, candidates: d.candidates, packs: Object.keys(d.spec.packs ?? {}) };
}

const CASES: [string, string, number[], number[], Record<string, unknown>, string][] = [
  ['dense 3x3 conv', 'conv2d', [1, 8, 12, 12], [16, 8, 3, 3], { pads: [1, 1, 1, 1], group: 1 }, 'oc1'],
  ['pointwise conv', 'conv2d', [1, 8, 12, 12], [16, 8, 1, 1], { group: 1 }, 'co8px2'],
  ['transposed conv', 'conv_transpose', [1, 8, 6, 6], [8, 4, 3, 3], { strides: [2, 2] }, 'co4'],
  ['gemm with transB', 'gemm', [4, 8], [16, 8], { transB: 1 }, 'legacy'],
];

describe('variants for a weight fed at run time', () => {
  it.each(CASES)('%s: only unpacked programs when fed, packed ones offered as a weight', (_, op, x, w, attrs, unpacked) => {
    const fed = plan(op, x, w, attrs, true);
    expect(fed.candidates).toEqual([unpacked]);
    expect(fed.variant).toBe(unpacked);
    expect(fed.packs).toEqual([]);
    const weight = plan(op, x, w, attrs, false);
    expect(weight.candidates.length).toBeGreaterThan(1);
    expect(weight.packs).toEqual([op === 'gemm' ? 'b' : 'w']);
  });
});
