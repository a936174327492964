// The tuner's policy with made-up timings: the fastest wins, equal signatures share a tuning,
// the cache round-trips and misses when the adapter or a shape changes, pins win, budgets bound.
import { describe, expect, it } from 'vitest';
import { jeongwonnet } from '../../src/graph/jeongwonnet.js';
import { optimize } from '../../src/passes/index.js';
import type { KeyValueStore } from '../../src/profiler/ceilings/cache.js';
import { Tuner, pickFastest, stillRacing, tuningKey, type CandidateTimer, type TunerOptions } from '../../src/profiler/tuning/index.js';

const DEVICE = { limits: { maxComputeWorkgroupsPerDimension: 65535, maxComputeInvocationsPerWorkgroup: 256 }, features: new Set<string>() } as unknown as GPUDevice;
const ADAPTER = { vendor: 'google', architecture: 'swiftshader', device: 'd', description: 'SwiftShader' };

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

/** Fake times: each variant's rank in FAST is its speed; calls are counted. */
function fakeTimer(fast: Record<string, number>, calls: string[] = []): CandidateTimer {
  return async (_d, _g, node, candidates) => {
    calls.push(node.name);
    return candidates.map((name) => (fast[name] === undefined ? { name, ms: null, samplesMs: [], error: 'failed to compile' } : { name, ms: fast[name], samplesMs: [fast[name]] }));
  };
}

const opts = (o: Partial<TunerOptions>): TunerOptions => ({ mode: 'full', pins: {}, budgetMs: 60_000, runs: 3, timestamps: true, adapter: ADAPTER, store: null, ...o });
const graph = (size = 64) => optimize(jeongwonnet({ batch: 1, size }));

describe('pickFastest', () => {
  it('takes the lowest median, never a failed candidate, the earlier on ties', () => {
    const t = (name: string, ms: number | null, error?: string) => ({ name, ms, samplesMs: ms === null ? [] : [ms], ...(error ? { error } : {}) });
    expect(pickFastest([t('a', 3), t('b', 1), t('c', 2)])).toBe('b');
    expect(pickFastest([t('a', 3), t('b', null, 'compile'), t('c', 5)])).toBe('a');
    expect(pickFastest([t('a', 2), t('b', 2)])).toBe('a');
    expect(pickFastest([t('a', null, 'x')])).toBeNull();
  });
});

describe('stillRacing', () => {
  it('drops candidates more than 8x and 10 ms behind the fastest first run, never the default', () => {
    const first = new Map([['default', 30], ['fast', 2], ['close', 16], ['far', 17], ['hopeless', 300]]);
    expect([...stillRacing(first, 'default')].sort()).toEqual(['close', 'default', 'fast']);
    expect([...stillRacing(first)].sort()).toEqual(['close', 'fast']);
    expect([...stillRacing(new Map([['fast', 0.3], ['noisy', 8]]))].sort()).toEqual(['fast', 'noisy']);
    expect([...stillRacing(new Map([['fast', 3], ['slow', 30]]), undefined, 8, 0)].sort()).toEqual(['fast']);
    expect([...stillRacing(first, undefined, 100)].sort()).toEqual(['close', 'default', 'far', 'fast']);
  });
});

describe('Tuner', () => {
  it('picks the fastest per node, records candidates and failures, and shares equal signatures', async () => {
    const calls: string[] = [];
    const tuner = new Tuner(opts({ timer: fakeTimer({ io16x2: 5, io8x4: 2, io8x2: 6, io4x4: 7, wg32x32k8: 12, wg64x64k8r8x8: 13, 'rows8x2-hw': 4, 'rows4x2-hw': 3, rows2x2: 8, 'rows16x2-hw': 9, 'rows8x4-hw': 10 }, calls) }));
    const g = graph();
    const choices = await tuner.plan(DEVICE, g);
    const pw = [...choices.values()].filter((c) => c.kernel === 'pwconv');
    const dw = [...choices.values()].filter((c) => c.kernel === 'dwconv');
    expect(pw.length).toBeGreaterThan(3);
    expect(pw.every((c) => c.variant === 'io8x4' && c.source === 'tuned')).toBe(true);
    expect(dw.every((c) => c.variant === 'rows4x2-hw')).toBe(true);
    expect(dw[0].candidates.find((c) => c.name === 'rows16x1-hw')).toMatchObject({ ms: null, error: 'failed to compile' });
    const distinct = tuner.stats.tuned;
    expect(calls.length).toBe(distinct);
    expect(distinct).toBeGreaterThan(0);
    expect(distinct).toBeLessThanOrEqual(pw.length + dw.length);
    expect(tuner.stats.failedCandidates).toBe(distinct); // co8px2 or rows16x1-hw, one per tuning
    // The same graph again (another mode of one point): every node reuses its tuning.
    const again = await tuner.plan(DEVICE, graph());
    expect(calls.length).toBe(distinct);
    expect(tuner.stats.shared).toBe(pw.length + dw.length);
    expect([...again.values()].filter((c) => c.kernel === 'pwconv').every((c) => c.variant === 'io8x4')).toBe(true);
    const other = [...choices.values()].filter((c) => c.kernel !== 'pwconv' && c.kernel !== 'dwconv');
    expect(other.every((c) => c.variant === null && c.source === 'default')).toBe(true);
  });

  it('round-trips the cache; another adapter or another shape misses; full ignores it', async () => {
    const store = memoryStore();
    await new Tuner(opts({ mode: 'cached', store, timer: fakeTimer({ io16x2: 5, io8x4: 2, 'rows8x2-hw': 1, 'rows4x2-hw': 3 }) })).plan(DEVICE, graph());
    expect(store.data.size).toBeGreaterThan(0);
    const calls: string[] = [];
    const again = new Tuner(opts({ mode: 'cached', store, timer: fakeTimer({ io16x2: 1 }, calls) }));
    const choices = await again.plan(DEVICE, graph());
    expect(calls).toEqual([]);
    expect(again.stats.cacheHits).toBe(store.data.size);
    expect([...choices.values()].filter((c) => c.kernel === 'pwconv').every((c) => c.variant === 'io8x4' && c.source !== 'tuned' && c.candidates[1].ms === 2)).toBe(true);

    const otherAdapter = new Tuner(opts({ mode: 'cached', store, adapter: { ...ADAPTER, description: 'another GPU' }, timer: fakeTimer({ io16x2: 1, 'rows8x2-hw': 1 }, calls) }));
    await otherAdapter.plan(DEVICE, graph());
    expect(otherAdapter.stats.cacheHits).toBe(0);
    expect(otherAdapter.stats.tuned).toBeGreaterThan(0);

    const bigger = new Tuner(opts({ mode: 'cached', store, timer: fakeTimer({ io16x2: 1, 'rows8x2-hw': 1 }) }));
    await bigger.plan(DEVICE, graph(96));
    expect(bigger.stats.cacheHits).toBe(0);

    const full = new Tuner(opts({ mode: 'full', store, timer: fakeTimer({ io16x2: 1, 'rows8x2-hw': 1 }) }));
    const f = await full.plan(DEVICE, graph());
    expect(full.stats.cacheHits).toBe(0);
    expect([...f.values()].filter((c) => c.kernel === 'pwconv').every((c) => c.variant === 'io16x2' && c.source === 'tuned')).toBe(true);
  });

  it('keys on the adapter, kernel, candidate list and signature', () => {
    const s = { adapter: ADAPTER, kernel: 'pwconv', candidates: ['a', 'b'], signature: 'x' };
    const k = tuningKey(s);
    expect(tuningKey({ ...s })).toBe(k);
    for (const other of [{ ...s, adapter: { ...ADAPTER, device: 'e' } }, { ...s, kernel: 'dwconv' }, { ...s, candidates: ['a', 'c'] }, { ...s, signature: 'y' }]) expect(tuningKey(other)).not.toBe(k);
  });

  it('off keeps defaults without timing; a pin wins over tuning; budget 0 times nothing', async () => {
    const calls: string[] = [];
    const off = await new Tuner(opts({ mode: 'off', timer: fakeTimer({}, calls) })).plan(DEVICE, graph());
    expect([...off.values()].filter((c) => c.kernel === 'pwconv').every((c) => c.variant === 'io16x2' && c.source === 'default')).toBe(true);
    const pinned = new Tuner(opts({ pins: { pwconv: 'co8px2' }, timer: fakeTimer({ io16x2: 9, io8x4: 1, co8px2: 5, 'rows8x2-hw': 1 }, calls) }));
    const p = await pinned.plan(DEVICE, graph());
    expect([...p.values()].filter((c) => c.kernel === 'pwconv').every((c) => c.variant === 'co8px2' && c.source === 'pinned')).toBe(true);
    expect(pinned.stats.pinned).toBeGreaterThan(0);
    expect(calls.length).toBe(pinned.stats.tuned);
    const broke = new Tuner(opts({ budgetMs: 0, timer: fakeTimer({ io8x4: 1 }, calls) }));
    const b = await broke.plan(DEVICE, graph());
    expect([...b.values()].filter((c) => c.kernel === 'pwconv').every((c) => c.variant === 'io16x2' && c.note?.includes('budget'))).toBe(true);
    expect(broke.stats.overBudget).toBeGreaterThan(0);
  });

  it('refuses unknown kernels and variants, listing what exists', async () => {
    expect(() => new Tuner(opts({ pins: { nosuch: 'x' } }))).toThrow(/no kernel named 'nosuch'; kernels with variants: .*pwconv/);
    await expect(new Tuner(opts({ pins: { pwconv: 'tile99' }, timer: fakeTimer({}) })).plan(DEVICE, graph())).rejects.toThrow(/pwconv has no variant 'tile99'.*offers io16x2, io8x4, io8x2, io4x4, co8px2/);
  });
});
