import { describe, expect, it } from 'vitest';
import { aggregateTimes, durationsMs, endToEndMs, medianRun } from '../../src/profiler/aggregate.js';
import type { PassTimes } from '../../src/profiler/timestamps.js';

const node = (name: string, layer: string) => ({ name, op: 'conv2d', layer });
// Node a has two dispatches; b one; c one, in another layer.
const dispatches = [
  { index: 0, nodeIndex: 0, node: node('a', 'encoder1') },
  { index: 1, nodeIndex: 0, node: node('a', 'encoder1') },
  { index: 2, nodeIndex: 1, node: node('b', 'encoder1') },
  { index: 3, nodeIndex: 2, node: node('c', 'decoder1') },
];

/** Dispatch durations in ms, back to back with a 0.5 ms gap before each. */
function run(ms: number[]): PassTimes {
  const beginNs: number[] = [];
  const endNs: number[] = [];
  let t = 0;
  for (const d of ms) {
    beginNs.push(t);
    endNs.push((t += d * 1e6));
    t += 0.5e6;
  }
  return { beginNs, endNs };
}

describe('time aggregation', () => {
  const runs = [run([1, 2, 3, 4]), run([2, 2, 2, 2]), run([3, 6, 1, 8])];

  it('sums dispatches per node and per layer within a run before taking statistics', () => {
    const agg = aggregateTimes(dispatches, runs);
    // a per run: 3, 4, 9 -> median 4, p10 3.2, p90 8.
    expect(agg.nodes.map((n) => n.name)).toEqual(['a', 'b', 'c']);
    expect(agg.nodes[0].gpuTimeMs).toEqual({ median: 4, p10: 3.2, p90: 8 });
    // encoder1 per run: 6, 6, 10.
    expect(agg.layers[0]).toMatchObject({ layer: 'encoder1', gpuTimeMs: { median: 6, p10: 6, p90: 9.2 }, gpuTime: { ms: 6, estimator: 'median', runs: 3 } });
    expect(agg.layers[1].layer).toBe('decoder1');
    expect(agg.dispatches[3].gpuTimeMs!.median).toBe(4);
  });

  it('measures end to end from first begin to last end, gaps included', () => {
    const agg = aggregateTimes(dispatches, runs);
    // 10 + 1.5, 8 + 1.5, 18 + 1.5
    expect(agg.endToEnd).toEqual({ median: 11.5, p10: 9.9, p90: 17.9 });
    expect(agg.sumOfDispatches!.median).toBe(10);
    expect(agg.runs).toBe(3);
  });

  it('leaves a node out of a run where one of its timestamps is unusable', () => {
    const broken: PassTimes = { beginNs: [0, null, 3e6, 4e6], endNs: [1e6, null, 3.5e6, 5e6] };
    expect(durationsMs(broken)).toEqual([1, null, 0.5, 1]);
    const agg = aggregateTimes(dispatches, [broken, run([1, 1, 1, 1])]);
    expect(agg.nodes[0].gpuTimeMs).toEqual({ median: 2, p10: 2, p90: 2 });
    expect(agg.sumOfDispatches).toEqual({ median: 4, p10: 4, p90: 4 });
    expect(endToEndMs(broken)).toBe(5);
  });

  it('reports null, never zero, when there are no timestamps', () => {
    const agg = aggregateTimes(dispatches, []);
    expect(agg.endToEnd).toBeNull();
    expect(agg.nodes.every((n) => n.gpuTimeMs === null)).toBe(true);
  });

  it('picks the run with the median end-to-end time for the trace', () => {
    expect(medianRun(runs)).toBe(0);
    expect(medianRun([])).toBe(-1);
  });
});
