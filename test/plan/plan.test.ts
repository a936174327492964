import { describe, expect, it } from 'vitest';
import { jeongwonnet } from '../../src/graph/jeongwonnet.js';
import { optimize } from '../../src/passes/index.js';
import { makePlan, LimitError, type Plan } from '../../src/plan/index.js';

const limits = { maxBufferSize: 256 * 2 ** 20, maxStorageBufferBindingSize: 128 * 2 ** 20, alignment: 256 };

function liveAt(plan: Plan, i: number) {
  return plan.lifetimes.filter((l) => l.first <= i && i <= l.last);
}

/** No two tensors live at the same node may share bytes of the same buffer. */
function assertNoLiveOverlap(plan: Plan): void {
  plan.graph.nodes.forEach((_, i) => {
    const live = liveAt(plan, i).map((l) => ({ l, s: plan.assignment.slots.get(l.tensor)! }));
    for (const a of live)
      for (const b of live) {
        if (a === b || a.s.buffer !== b.s.buffer) continue;
        const disjoint = a.s.offset + a.s.size <= b.s.offset || b.s.offset + b.s.size <= a.s.offset;
        expect(disjoint, `${a.l.tensor} and ${b.l.tensor} overlap at node ${i}`).toBe(true);
      }
  });
}

describe('planner', () => {
  const g = optimize(jeongwonnet({ batch: 1, size: 256 }));

  it('arena never overlaps tensors that are live together, and stays near the liveness bound', () => {
    const plan = makePlan(g, 'arena', limits);
    assertNoLiveOverlap(plan);
    const peak = Math.max(...g.nodes.map((_, i) => liveAt(plan, i).reduce((s, l) => s + l.bytes, 0)));
    const arena = plan.assignment.buffers.reduce((a, b) => a + b, 0);
    console.log(`arena ${arena} B vs activation liveness peak ${peak} B (x${(arena / peak).toFixed(4)})`);
    expect(arena).toBeGreaterThanOrEqual(peak);
    expect(arena / peak).toBeLessThan(1.05);
    for (const s of plan.assignment.slots.values()) expect(s.offset % 256).toBe(0);
  });

  it('pool reuses freed buffers and never hands one buffer to two live tensors', () => {
    const plan = makePlan(g, 'pool', limits);
    assertNoLiveOverlap(plan);
    expect(plan.assignment.buffers.length).toBeLessThan(plan.lifetimes.length);
  });

  it('splits the arena across buffers when one would exceed maxBufferSize', () => {
    const small = { ...limits, maxBufferSize: 8 * 2 ** 20, maxStorageBufferBindingSize: 8 * 2 ** 20 };
    const plan = makePlan(g, 'arena', small);
    assertNoLiveOverlap(plan);
    expect(plan.assignment.buffers.length).toBeGreaterThan(1);
    for (const b of plan.assignment.buffers) expect(b).toBeLessThanOrEqual(small.maxBufferSize);
  });

  it('names the tensor and the limit when a binding is too large', () => {
    const big = optimize(jeongwonnet({ batch: 8, size: 512 }));
    expect(() => makePlan(big, 'arena', limits)).toThrow(LimitError);
    expect(() => makePlan(big, 'arena', limits)).toThrow(/tensor 'encoder1.pw' \[8,24,512,512\].*maxStorageBufferBindingSize/);
  });
});
