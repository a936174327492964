import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/graph/builder.js';
import type { RooflineCeilings } from '../../src/analysis/roofline/ceilings.js';
import { missFlag, rooflineForGraph } from '../../src/analysis/roofline/misses.js';
import { layerRoofline } from '../../src/analysis/roofline/layers.js';
import { nodeTimings, usesSharedMemory } from '../../src/analysis/roofline/timings.js';
import type { NodeRoofline } from '../../src/analysis/roofline/placement.js';

const c: RooflineCeilings = { bandwidth: [{ bytes: 1, gbps: 10 }], peakGflops: 100, dispatchOverheadMs: 0.03 };

function r(predictedMs: number, measuredMs: number): NodeRoofline {
  return { flops: 0, bytes: predictedMs * 1e7, intensity: 0, workingSetBytes: 0, achievedGbps: null, achievedGflops: null, predictedMs, measuredMs, bound: 'memory' };
}

const big = [{ workgroups: 4096, sharedMemory: false }];

describe('miss flags', () => {
  it('stays quiet within 1.5x either way', () => {
    expect(missFlag(r(1, 1.4), big, c)).toBeNull();
    expect(missFlag(r(1, 0.7), big, c)).toBeNull();
  });

  it('blames launch overhead on tiny dispatches', () => {
    const f = missFlag(r(0.001, 0.04), big, c)!;
    expect(f.direction).toBe('slower');
    expect(f.reasons).toEqual(['launch-overhead']);
    expect(f.ratio).toBeCloseTo(40, 10);
    expect(f.detail).toContain('40.00x');
  });

  it('blames occupancy and shared memory where the dispatch shows them', () => {
    expect(missFlag(r(1, 3), [{ workgroups: 1, sharedMemory: false }], c, { parallelUnits: 2 })!.reasons).toEqual(['occupancy']);
    expect(missFlag(r(1, 3), [{ workgroups: 64, sharedMemory: true }], c)!.reasons).toEqual(['shared-memory']);
    expect(missFlag(r(1, 3), big, c)!.reasons).toEqual(['below-roofline']);
  });

  it('flags kernels faster than the roofline', () => {
    expect(missFlag(r(3, 1), big, c)!.reasons).toEqual(['faster-than-roofline']);
  });

  it('detects workgroup memory in WGSL', () => {
    expect(usesSharedMemory('var<workgroup> tile: array<f32, 64>;')).toBe(true);
    expect(usesSharedMemory('var < workgroup > t: f32;')).toBe(true);
    expect(usesSharedMemory('var<storage, read_write> y: array<f32>;')).toBe(false);
  });
});

describe('roofline over a graph and per layer', () => {
  function twoLayerGraph() {
    const b = new GraphBuilder();
    const x = b.input('x', [1, 4, 64, 64]);
    const a = b.node('relu', 'a', [x], {}, 'L1');
    const m = b.node('reduce_mean_hw', 'm', [a], {}, 'L2');
    b.output(m);
    return b.build();
  }

  it('joins dispatch facts to node times and flags each node and layer', () => {
    const g = twoLayerGraph();
    const dispatches = [
      { node: { name: 'a' }, workgroups: [64, 1, 1], spec: { shader: 'fn main() {}' } },
      { node: { name: 'm' }, workgroups: [1, 1, 1], spec: { shader: 'var<workgroup> s: array<f32, 64>;' } },
    ];
    // relu moves 2 x 64 KiB = 131072 bytes: 13.1 us at 10 GB/s.
    const times = nodeTimings(dispatches, new Map([['a', 0.0131072 * 1.2], ['m', 0.5]]));
    expect(times[1].dispatches).toEqual([{ workgroups: 1, sharedMemory: true }]);
    const entries = rooflineForGraph(g, c, times);
    expect(entries.map((e) => e.node)).toEqual(['a', 'm']);
    expect(entries[0].roofline.predictedMs).toBeCloseTo(0.0131072, 12);
    expect(entries[0].flag).toBeNull();
    expect(entries[1].flag!.reasons).toEqual(['occupancy', 'shared-memory']);
    const layers = layerRoofline(entries);
    expect(layers.map((l) => [l.layer, l.nodes, l.flag?.reasons ?? null])).toEqual([
      ['L1', 1, null],
      ['L2', 1, ['occupancy', 'shared-memory']],
    ]);
    expect(layers[1].measuredMs).toBe(0.5);
  });

  it('predicts without measurements and leaves layer times null', () => {
    const entries = rooflineForGraph(twoLayerGraph(), c);
    expect(entries.every((e) => e.roofline.measuredMs === null && e.flag === null)).toBe(true);
    expect(layerRoofline(entries).every((l) => l.measuredMs === null && l.predictedMs > 0)).toBe(true);
  });
});

describe('launch overhead needs evidence', () => {
  it('is not blamed when the fixed cost is small next to the excess', () => {
    expect(missFlag(r(1, 1.8), big, c)!.reasons).toEqual(['below-roofline']);
    expect(missFlag(r(1, 1.8), big, { ...c, dispatchOverheadMs: undefined })!.reasons).toEqual(['below-roofline']);
    // 0.3 ms predicted + 2 dispatches at 0.4 ms fixed cost each explain a 1 ms measurement.
    expect(missFlag(r(0.3, 1), [...big, ...big], { ...c, dispatchOverheadMs: 0.4 })!.reasons).toEqual(['launch-overhead']);
  });
});
