import { describe, expect, it } from 'vitest';
import { BufferLedger } from '../../src/profiler/buffer-ledger.js';

describe('buffer ledger', () => {
  it('tracks live bytes and the peak per owner, with the buffers live at the peak', () => {
    const l = new BufferLedger();
    const w = l.create(1, 'weights', 100);
    const a = l.create(1, 'pool#0 (x)', 400);
    l.create(2, 'other device', 10_000);
    l.destroy(a);
    l.create(1, 'pool#1 (y)', 200);
    expect(l.liveBytes(1)).toBe(300);
    expect(l.peakBytes(1)).toBe(500);
    expect(l.peakBuffers(1).map((b) => b.label)).toEqual(['weights', 'pool#0 (x)']);
    expect(l.liveBytes(2)).toBe(10_000);
    expect(l.live(1).map((b) => b.id)).toContain(w);
  });

  it('ignores a second destroy and unknown buffers', () => {
    const l = new BufferLedger();
    const a = l.create(1, 'a', 64);
    expect(l.destroy(a)).toBe(true);
    expect(l.destroy(a)).toBe(false);
    expect(l.destroy(999)).toBe(false);
    expect(l.liveBytes(1)).toBe(0);
  });

  it('scopes count only buffers created after they open, and their own peak', () => {
    const l = new BufferLedger();
    const before = l.create(1, 'leftover', 1000);
    const s = l.openScope(1);
    const a = l.create(1, 'arena#0 (x)', 300);
    l.create(2, 'elsewhere', 50);
    l.create(1, 'query-resolve', 16);
    l.destroy(before);
    l.destroy(a);
    expect(s.liveBytes()).toBe(16);
    expect(s.peakBytes()).toBe(316);
    expect(s.peakBuffers().map((b) => b.label)).toEqual(['arena#0 (x)', 'query-resolve']);
    expect(s.live().map((b) => b.label)).toEqual(['query-resolve']);
    s.close();
    l.create(1, 'after close', 5);
    expect(s.liveBytes()).toBe(16);
  });

  it('logs every event with the owner live bytes after it, oldest dropped beyond the cap', () => {
    let t = 0;
    const l = new BufferLedger(() => ++t, 3);
    const a = l.create(1, 'a', 10);
    l.create(1, 'b', 20);
    l.destroy(a);
    l.create(1, 'c', 5);
    expect(l.events.map((e) => [e.kind, e.label, e.liveBytes, e.time])).toEqual([
      ['create', 'b', 30, 2],
      ['destroy', 'a', 20, 3],
      ['create', 'c', 25, 4],
    ]);
    expect(l.eventsSince(l.events[1].seq).map((e) => e.label)).toEqual(['c']);
  });
});
