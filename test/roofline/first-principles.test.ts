// The first-principles roofline: max(bytes / BW(working set), flops / FMA peak) + dispatches *
// launch cost, from synthetic ceilings with round numbers, so every expected time is exact.
import { describe, expect, it } from 'vitest';
import { firstPrinciplesForGraph, firstPrinciplesTime, graphCosts, placeNode, rooflineCeilings, sumByGroup, type NodeCost, type RooflineCeilings } from '../../src/analysis/roofline/index.js';
import { smallGraph } from '../report/fixture-roofline.js';

// 10 GB/s up to 1 MiB, 2 GB/s from 64 MiB; a 100 GFLOP/s FMA peak; 50 us per dispatch; a
// depthwise roof 20x below the FMA peak that this model must ignore.
const MiB = 1 << 20;
const c: RooflineCeilings = {
  bandwidth: [
    { bytes: MiB, gbps: 10 },
    { bytes: 64 * MiB, gbps: 2 },
  ],
  peakGflops: 100,
  kernelRoofs: { 'dwconv:k7': 5 },
  launchMs: 0.05,
};

function cost(flops: number, bytes: number, workingSetBytes = bytes): NodeCost {
  return { node: 'k', op: 'conv2d', layer: 'L', flops, readBytes: bytes / 2, writeBytes: bytes / 2, weightBytes: 0, bytes, workingSetBytes, intensity: flops / bytes, known: true };
}

describe('first-principles node time', () => {
  it('is the larger of the bandwidth and FMA terms plus one launch per dispatch', () => {
    // 1e6 bytes in cache at 10 GB/s = 0.1 ms; 1e8 flops at 100 GFLOP/s = 1 ms.
    const t = firstPrinciplesTime(cost(1e8, 1e6, 1e6), c, 1);
    expect(t.memoryMs).toBeCloseTo(0.1, 12);
    expect(t.computeMs).toBeCloseTo(1, 12);
    expect(t.launchMs).toBeCloseTo(0.05, 12);
    expect(t.predictedMs).toBeCloseTo(1.05, 12);
    expect(t.bound).toBe('compute');
    // Three dispatches pay three launches; the work terms do not change.
    const three = firstPrinciplesTime(cost(1e8, 1e6, 1e6), c, 3);
    expect(three.predictedMs).toBeCloseTo(1.15, 12);
    expect(three.launchMs).toBeCloseTo(0.15, 12);
  });

  it('reads the bandwidth at the working set: past the cache the same bytes cost 5x', () => {
    // 64 MiB working set at 2 GB/s: 1e8 bytes = 50 ms, over 1e8 flops at the peak = 1 ms.
    const t = firstPrinciplesTime(cost(1e8, 1e8, 64 * MiB), c, 1);
    expect(t.memoryMs).toBeCloseTo(50, 12);
    expect(t.predictedMs).toBeCloseTo(50.05, 12);
    expect(t.bound).toBe('memory');
  });

  it('calls a node launch-bound when its launches outweigh its work', () => {
    const t = firstPrinciplesTime(cost(1e3, 1e4), c, 2);
    expect(t.bound).toBe('launch');
    expect(t.predictedMs).toBeCloseTo(1e4 / 10 / 1e6 + 0.1, 12);
  });

  it('ignores measured kernel roofs (no calibration) and adds nothing without a launch cost', () => {
    const k = cost(1e8, 1e6, 1e6);
    // The calibrated model puts the depthwise node at 20 ms on its kernel roof; this one does not.
    expect(placeNode(k, c, null, 'dwconv:k7').roofline.predictedMs).toBeCloseTo(20, 12);
    const { launchMs: _l, ...unmeasured } = c;
    expect(firstPrinciplesTime(k, unmeasured, 4).predictedMs).toBeCloseTo(1, 12);
    expect(() => firstPrinciplesTime(k, c, -1)).toThrow(/dispatches must be a whole number/);
  });

  it('takes the launch cost from the measured ceilings', () => {
    const m = { bandwidth: { copy: { points: [{ bytes: 1024, gbps: 1 }] } }, fmaF32: { gflops: 10 }, dispatchOverhead: { us: 5 }, launch: { us: 42 } };
    expect(rooflineCeilings(m).launchMs).toBeCloseTo(0.042, 12);
    expect(rooflineCeilings({ ...m, launch: undefined }).launchMs).toBeUndefined();
  });
});

describe('first-principles roofline of a graph', () => {
  const g = smallGraph();
  const costs = new Map(graphCosts(g).map((k) => [k.node, k]));

  it('counts the dispatches each node ran and compares with its measured time', () => {
    const timings = g.nodes.map((n, i) => ({ node: n.name, measuredMs: 1, dispatches: Array.from({ length: 1 + (i % 3) }, () => ({ workgroups: 64, sharedMemory: false })) }));
    const es = firstPrinciplesForGraph(g, c, timings);
    expect(es).toHaveLength(g.nodes.length);
    for (const [i, e] of es.entries()) {
      const k = costs.get(e.node)!;
      const work = Math.max(k.bytes / 10 / 1e6, k.flops / 100 / 1e6);
      expect(e.time.dispatches).toBe(1 + (i % 3));
      // The test graph is small enough to stay on the 10 GB/s plateau.
      expect(k.workingSetBytes).toBeLessThanOrEqual(MiB);
      expect(e.time.predictedMs).toBeCloseTo(work + 0.05 * (1 + (i % 3)), 12);
      expect(e.ratio).toBeCloseTo(1 / e.time.predictedMs, 12);
    }
  });

  it('sums per group, with the share of nodes within the tolerance', () => {
    const es = firstPrinciplesForGraph(g, c);
    // Measured at exactly the prediction, except one layer at 2x.
    const at = es.map((e) => ({ ...e, measuredMs: e.time.predictedMs * (e.layer === 'encoder1' ? 2 : 1), ratio: e.layer === 'encoder1' ? 2 : 1 }));
    const layers = sumByGroup(at, (e) => e.layer, 1.5);
    expect(layers.map((l) => l.key)).toEqual([...new Set(g.nodes.map((n) => n.layer))]);
    const enc1 = layers.find((l) => l.key === 'encoder1')!;
    expect(enc1.ratio).toBeCloseTo(2, 12);
    expect(enc1).toMatchObject({ within: false, nodesWithin: 0 });
    expect(layers.filter((l) => l.within)).toHaveLength(layers.length - 1);
    expect(layers.reduce((a, l) => a + l.nodes, 0)).toBe(g.nodes.length);
    // Unmeasured nodes leave the group's measured time open.
    const open = sumByGroup(es, (e) => e.layer);
    expect(open.every((l) => l.measuredMs === null && l.ratio === null && l.within === null && l.nodesMeasured === 0)).toBe(true);
  });
});
