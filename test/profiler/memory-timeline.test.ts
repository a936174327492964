import { describe, expect, it } from 'vitest';
import { MemoryRecorder } from '../../src/profiler/memory-timeline.js';

describe('memory timeline', () => {
  it('samples logical bytes (live tensors + resident weights) and physical bytes before each dispatch', () => {
    let physical = 1000;
    const r = new MemoryRecorder(50, () => physical);
    // Node 0 (one dispatch): input and x allocated before it; input freed after it.
    r.onAlloc('input', 100, 0);
    r.onAlloc('x', 200, 0);
    r.beforeDispatch(0);
    r.onFree('input', 100, 0);
    // Node 1 (two dispatches): y allocated; a pool buffer appears while encoding.
    r.onAlloc('y', 300, 1);
    physical = 1300;
    r.beforeDispatch(1);
    r.beforeDispatch(2);
    r.onFree('x', 200, 2);
    r.onFree('y', 300, 2);
    const t = r.result();
    expect(t.logicalBytes).toEqual([350, 550, 550]);
    expect(t.physicalBytes).toEqual([1000, 1300, 1300]);
    expect(t.logicalPeakBytes).toBe(550);
    expect(t.logicalPeakDispatch).toBe(1);
    expect(t.liveAtLogicalPeak).toEqual(['x', 'y']);
    expect(t.anomalies).toEqual([]);
  });

  it('reports protocol violations instead of silently miscounting', () => {
    const r = new MemoryRecorder(0, () => 0);
    r.onAlloc('a', 10, 0);
    r.onAlloc('a', 10, 0);
    r.onFree('b', 5, 0);
    r.beforeDispatch(1);
    const t = r.result();
    expect(t.logicalBytes).toEqual([10]);
    expect(t.anomalies).toEqual([
      "'a' allocated twice (dispatch 0)",
      "'b' freed without being allocated (dispatch 0)",
      'dispatch 1 sampled out of order',
      "'a' never freed",
    ]);
  });
});
