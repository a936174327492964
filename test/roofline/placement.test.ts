import { describe, expect, it } from 'vitest';
import { bandwidthAt, memoryBandwidth, ridgeIntensity, rooflineCeilings, type RooflineCeilings } from '../../src/analysis/roofline/ceilings.js';
import { placeNode, predictMs } from '../../src/analysis/roofline/placement.js';
import type { NodeCost } from '../../src/analysis/roofline/cost.js';

const flat: RooflineCeilings = { bandwidth: [{ bytes: 1024, gbps: 10 }, { bytes: 1 << 30, gbps: 10 }], peakGflops: 100 };

function cost(flops: number, bytes: number): NodeCost {
  return { node: 'k', op: 'conv2d', layer: 'L', flops, readBytes: bytes / 2, writeBytes: bytes / 2, weightBytes: 0, bytes, workingSetBytes: bytes, intensity: flops / bytes, known: true };
}

describe('roofline placement', () => {
  it('places a memory-bound kernel with known FLOPs, bytes and time', () => {
    // 1e8 bytes at 10 GB/s = 10 ms; 1e8 flops at 100 GFLOP/s = 1 ms.
    const { roofline, detail } = placeNode(cost(1e8, 1e8), flat, 20);
    expect(roofline).toEqual({
      flops: 1e8,
      bytes: 1e8,
      intensity: 1,
      workingSetBytes: 1e8,
      achievedGbps: 5,
      achievedGflops: 5,
      predictedMs: 10,
      measuredMs: 20,
      bound: 'memory',
    });
    expect(detail.percentOfRoofline).toBeCloseTo(50, 10);
    expect(detail.ridgeIntensity).toBe(10);
    expect(detail.attainableGflops).toBe(10);
    expect(detail.ratio).toBe(2);
  });

  it('places a compute-bound kernel', () => {
    // intensity 50 > ridge 10: 1e10 flops at 100 GFLOP/s = 100 ms.
    const { roofline, detail } = placeNode(cost(1e10, 2e8), flat, 125);
    expect(roofline.bound).toBe('compute');
    expect(roofline.predictedMs).toBeCloseTo(100, 10);
    expect(roofline.achievedGflops).toBeCloseTo(80, 10);
    expect(detail.percentOfRoofline).toBeCloseTo(80, 10);
    expect(detail.attainableGflops).toBe(100);
  });

  it('leaves achieved numbers null without a measurement', () => {
    const { roofline, detail } = placeNode(cost(1e6, 1e6), flat);
    expect(roofline.measuredMs).toBeNull();
    expect(roofline.achievedGbps).toBeNull();
    expect(detail.percentOfRoofline).toBeNull();
  });

  it('reads the bandwidth at the working set from the curve, log-interpolated', () => {
    const curve = [
      { bytes: 1 << 20, gbps: 40 },
      { bytes: 1 << 22, gbps: 10 },
    ];
    expect(bandwidthAt(curve, 1 << 10)).toBe(40);
    expect(bandwidthAt(curve, 1 << 21)).toBe(25);
    expect(bandwidthAt(curve, 1 << 30)).toBe(10);
    const c: RooflineCeilings = { bandwidth: curve, peakGflops: 100 };
    expect(ridgeIntensity(c, { readBytes: 1, writeBytes: 1, workingSetBytes: 1 << 20 })).toBe(2.5);
    // Same bytes and flops, a larger working set falls off the cache plateau.
    expect(predictMs({ flops: 0, readBytes: 2e6, writeBytes: 2e6, workingSetBytes: 1 << 20 }, c)).toBeCloseTo(0.1, 12);
    expect(predictMs({ flops: 0, readBytes: 2e6, writeBytes: 2e6, workingSetBytes: 1 << 22 }, c)).toBeCloseTo(0.4, 12);
  });

  it('times reads and writes on their own curves when both are measured', () => {
    const c: RooflineCeilings = {
      bandwidth: [{ bytes: 1, gbps: 5 }],
      readBandwidth: [{ bytes: 1, gbps: 8 }],
      writeBandwidth: [{ bytes: 1, gbps: 2 }],
      peakGflops: 100,
    };
    // 4e6 bytes read at 8 GB/s (0.5 ms) + 1e6 written at 2 GB/s (0.5 ms).
    const t = { readBytes: 4e6, writeBytes: 1e6, workingSetBytes: 5e6 };
    expect(memoryBandwidth(c, t)).toBeCloseTo(5, 12);
    expect(predictMs({ flops: 0, ...t }, c)).toBeCloseTo(1, 12);
    expect(predictMs({ flops: 0, readBytes: 5e6, writeBytes: 0, workingSetBytes: 5e6 }, c)).toBeCloseTo(0.625, 12);
    const { detail } = placeNode({ ...cost(0, 5e6), readBytes: 4e6, writeBytes: 1e6 }, c, 2);
    expect(detail.bandwidthGbps).toBeCloseTo(5, 12);
    expect(detail.percentOfRoofline).toBeCloseTo(50, 10);
  });

  it('takes the copy curve and FMA peak from a ceilings measurement', () => {
    const m = {
      bandwidth: { read: { points: [{ bytes: 1, gbps: 9 }] }, copy: { points: [{ bytes: 1, gbps: 3 }] } },
      fmaF32: { gflops: 12 },
      dispatchOverhead: { us: 30 },
    };
    expect(rooflineCeilings(m)).toEqual({ bandwidth: [{ bytes: 1, gbps: 3 }], peakGflops: 12, dispatchOverheadMs: 0.03 });
    expect(rooflineCeilings(m, 'read').bandwidth[0].gbps).toBe(9);
    const all = { ...m, bandwidth: { ...m.bandwidth, write: { points: [{ bytes: 1, gbps: 2 }] } } };
    expect(rooflineCeilings(all)).toMatchObject({ readBandwidth: [{ bytes: 1, gbps: 9 }], writeBandwidth: [{ bytes: 1, gbps: 2 }] });
    expect(rooflineCeilings(all, 'copy', false).readBandwidth).toBeUndefined();
  });
});
