import { describe, expect, it } from 'vitest';
import { computeRoof, rooflineCeilings, withoutKernelRoofs, type RooflineCeilings } from '../../src/analysis/roofline/ceilings.js';
import { placeNode, predictMs } from '../../src/analysis/roofline/placement.js';
import type { NodeCost } from '../../src/analysis/roofline/cost.js';

// 10 GB/s everywhere, a 100 GFLOP/s FMA peak, and a depthwise roof 20x lower.
const c: RooflineCeilings = { bandwidth: [{ bytes: 1024, gbps: 10 }, { bytes: 1 << 30, gbps: 10 }], peakGflops: 100, kernelRoofs: { 'dwconv:k7': 5, broken: 0 } };

function cost(flops: number, bytes: number): NodeCost {
  return { node: 'k', op: 'conv2d', layer: 'L', flops, readBytes: bytes / 2, writeBytes: bytes / 2, weightBytes: 0, bytes, workingSetBytes: bytes, intensity: flops / bytes, known: true };
}

describe('compute roof selection', () => {
  it("uses the node's kernel-class roof when one was measured, else the FMA peak", () => {
    expect(computeRoof(c, 'dwconv:k7')).toEqual({ label: 'kernel:dwconv:k7', gflops: 5 });
    expect(computeRoof(c, 'pwconv')).toEqual({ label: 'fma', gflops: 100 });
    expect(computeRoof(c, undefined)).toEqual({ label: 'fma', gflops: 100 });
    // A roof that is not a positive rate would predict nonsense; the FMA peak stands in.
    expect(computeRoof(c, 'broken')).toEqual({ label: 'fma', gflops: 100 });
    expect(computeRoof(withoutKernelRoofs(c), 'dwconv:k7')).toEqual({ label: 'fma', gflops: 100 });
  });

  it('predicts max(bytes / bandwidth, flops / roof) with the selected roof', () => {
    // 1e7 bytes at 10 GB/s = 1 ms; 1e8 flops: 1 ms at the FMA peak, 20 ms at the kernel roof.
    const k = cost(1e8, 1e7);
    expect(predictMs(k, c)).toBeCloseTo(1, 12);
    expect(predictMs(k, c, 'dwconv:k7')).toBeCloseTo(20, 12);
    const { roofline, detail } = placeNode(k, c, 25, 'dwconv:k7');
    expect(roofline.predictedMs).toBeCloseTo(20, 12);
    expect(roofline.bound).toBe('compute');
    expect(detail).toMatchObject({ computeRoof: 'kernel:dwconv:k7', computeRoofGflops: 5, attainableGflops: 5, ridgeIntensity: 0.5 });
    expect(detail.ratio).toBeCloseTo(1.25, 12);
  });

  it('leaves memory-bound nodes on the bandwidth roof whatever the compute roof', () => {
    // intensity 0.1 flop/B: 1e8 bytes = 10 ms; 1e7 flops at 5 GFLOP/s = 2 ms.
    const { roofline, detail } = placeNode(cost(1e7, 1e8), c, null, 'dwconv:k7');
    expect(roofline.predictedMs).toBeCloseTo(10, 12);
    expect(roofline.bound).toBe('memory');
    expect(detail.computeRoof).toBe('kernel:dwconv:k7');
  });

  it('reads kernel roofs from a measurement, by class', () => {
    const points = [{ bytes: 1024, gbps: 10 }];
    const m = { bandwidth: { copy: { points } }, fmaF32: { gflops: 30 }, kernelRoofs: [{ kernelClass: 'pwconv', gflops: 4 }] };
    expect(rooflineCeilings(m).kernelRoofs).toEqual({ pwconv: 4 });
    expect(rooflineCeilings({ ...m, kernelRoofs: [] }).kernelRoofs).toBeUndefined();
  });
});
