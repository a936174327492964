import { describe, expect, it } from 'vitest';
import { aggregateTimes } from '../../src/profiler/aggregate.js';
import { screenRun, WALL_CLOCK_SLACK_NS } from '../../src/profiler/plausibility.js';
import { relativeTimes } from '../../src/profiler/timestamps.js';

const raw = (...xs: number[]) => BigInt64Array.from(xs.map(BigInt));

describe('implausible timestamps', () => {
  it('names each kind, drops the pairs that cannot be a time and keeps the rest', () => {
    // pass 0 fine; 1 both zero (Metal); 2 end never written; 3 backwards; 4 zero span; 5 fine.
    const t = relativeTimes(raw(1000, 2000, 0, 0, 3000, 0, 5000, 4000, 6000, 6000, 7000, 9000), 6);
    const s = screenRun(t, 1);
    expect(s.issues).toEqual([null, 'both-zero', 'one-zero', 'backwards', 'zero-span', null]);
    expect(s.times.beginNs).toEqual([0, null, null, null, null, 6000]);
    expect(s.times.endNs).toEqual([1000, null, null, null, null, 8000]);
  });

  it('keeps a zero span as a sample when the stamps are quantized', () => {
    const t = relativeTimes(raw(65536, 65536, 65536, 131072), 2);
    expect(screenRun(t, 65536).issues).toEqual([null, null]);
    expect(screenRun(t, 1).issues).toEqual(['zero-span', null]);
  });

  it("flags a span longer than its submit's wall time, allowing one quantum and the wall clock's coarsening", () => {
    const t = { ...relativeTimes(raw(1, 3_000_001, 3_000_001, 3_100_001), 2), wallMs: 2.5 };
    expect(screenRun(t, 1).issues).toEqual(['longer-than-wall', null]);
    const slack = { ...t, wallMs: (3_000_000 - WALL_CLOCK_SLACK_NS) / 1e6 };
    expect(screenRun(slack, 1).issues).toEqual([null, null]);
    expect(screenRun({ ...t, wallMs: 2.5 }, 1_000_000).issues).toEqual([null, null]);
  });

  it('moves the begin of a span that includes the previous dispatch (Vulkan) to the previous end', () => {
    // Pass 1 begins at 1500, before pass 0 ends at 2000: its real share starts at 2000.
    const t = relativeTimes(raw(1000, 2000, 1500, 2600, 2700, 3000), 3);
    const s = screenRun(t, 1);
    expect(s.issues).toEqual([null, 'overlaps-previous', null]);
    expect(s.times.beginNs).toEqual([0, 1000, 1700]);
    expect(s.times.endNs).toEqual([1000, 1600, 2000]);
  });

  it('counts the issues per node and per run instead of dropping them silently', () => {
    const node = (name: string) => ({ name, op: 'conv2d', layer: 'l' });
    const dispatches = [
      { index: 0, nodeIndex: 0, node: node('a') },
      { index: 1, nodeIndex: 0, node: node('a') },
      { index: 2, nodeIndex: 1, node: node('b') },
    ];
    const good = relativeTimes(raw(1000, 2000, 2100, 3000, 3100, 4000), 3);
    const bad = relativeTimes(raw(1000, 2000, 0, 0, 3100, 3100), 3);
    const agg = aggregateTimes(dispatches, [good, bad, bad]);
    expect(agg.nodes.map((n) => n.issues)).toEqual([{ 'both-zero': 2 }, { 'zero-span': 2 }]);
    expect(agg.dispatches.map((d) => d.issues)).toEqual([{}, { 'both-zero': 2 }, { 'zero-span': 2 }]);
    expect(agg.issues).toEqual({ 'both-zero': 2, 'zero-span': 2 });
    // Node a has a sample only where both its dispatches were usable.
    expect(agg.nodes[0].gpuTime).toMatchObject({ runs: 1, ms: 1.9e-3 * 1 });
  });
});
