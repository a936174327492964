// The profiler end to end in headless Chromium: a small sweep of the real network in both
// assignment modes, with an injected out-of-limits configuration, the wall-clock fallback and
// a device lost mid-sweep.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateResults } from '../../src/results/schema';
import type { ConfigResult } from '../../src/results/types';
import { openGpuPage, type GpuPage } from '../setup/gpu';
import type { EngineFootprint, StoppedSweep, SweepRun } from './cases/profiler';

const CASES = '/test/gpu/cases/profiler.ts';

describe('profiler sweep', () => {
  let gp: GpuPage;
  let run: SweepRun;
  let oomBatch: number;

  beforeAll(async () => {
    gp = await openGpuPage();
    // encoder1.pw holds batch x 24 x 64 x 64 floats: one more batch than the binding limit allows.
    oomBatch = Math.floor(gp.gpu.limits.maxStorageBufferBindingSize / (24 * 64 * 64 * 4)) + 1;
    run = await gp.run<SweepRun>(CASES, 'profilerSweep', { batches: [1, oomBatch, 2], sizes: [64, 128], reps: 2, warmup: 1, overheadPairs: 2 });
  });
  afterAll(async () => gp?.close());

  const ok = (): ConfigResult[] => run.results.configs.filter((c) => c.status === 'ok');
  const name = (c: ConfigResult) => `b${c.batch}@${c.size} ${c.mode}`;

  it('produces a valid results document with every configuration, in order', () => {
    expect(validateResults(run.results)).toEqual([]);
    expect(run.results.configs.map(name)).toEqual(
      [64, 128].flatMap((s) => [1, oomBatch, 2].flatMap((b) => ['arena', 'pool'].map((m) => `b${b}@${s} ${m}`))),
    );
    expect(ok()).toHaveLength(8);
    expect(gp.log.errors).toEqual([]);
  });

  it('turns the configuration beyond maxStorageBufferBindingSize into oom rows and goes on', () => {
    const oom = run.results.configs.filter((c) => c.batch === oomBatch);
    expect(oom.map((c) => c.status)).toEqual(['oom', 'oom', 'oom', 'oom']);
    for (const c of oom) {
      expect(c.error).toMatch(/maxStorageBufferBindingSize/);
      expect(c.peakBytes.predicted).toBeGreaterThan(0);
      expect(c.check.status).toBe('not-checked');
    }
    // The rows right after an oom row ran normally.
    const i = run.results.configs.findIndex((c) => c.status === 'oom');
    expect(run.results.configs[i + 2].status).toBe('ok');
  });

  it('gives positive per-node GPU times that add up to the end-to-end GPU time within 10%', () => {
    for (const c of ok()) {
      expect(c.timing, name(c)).toBe('timestamp-query');
      const sum = c.nodes.reduce((a, n) => a + n.gpuTimeMs!.median, 0);
      for (const n of c.nodes) expect(n.gpuTimeMs!.median, `${name(c)} ${n.name}`).toBeGreaterThan(0);
      expect(Math.abs(sum / c.gpuTimeMs!.median - 1), name(c)).toBeLessThanOrEqual(0.1);
      expect(c.wallTimeMs!.median).toBeGreaterThan(0);
    }
  });

  it('measures logical bytes equal to the liveness prediction, node by node and at the peak', () => {
    for (const c of ok()) {
      expect(c.peakBytes.measuredLogical, name(c)).toBe(c.peakBytes.predicted);
      expect(c.ratios.logicalEqualsPredicted, name(c)).toBe(true);
      for (const n of c.nodes) expect(n.measuredLiveBytes, `${name(c)} ${n.name}`).toBe(n.predictedLiveBytes);
      expect(c.memory!.anomalies).toEqual([]);
    }
  });

  it('finds the arena physical peak equal to its planned size plus weights, uniforms, readback and query buffers', () => {
    for (const c of ok().filter((x) => x.mode === 'arena')) {
      const e = run.engines.find((x) => x.batch === c.batch && x.size === c.size && x.mode === 'arena') as EngineFootprint;
      const owned = e.owned.reduce((a, b) => a + b.size, 0);
      const extras = e.owned.filter((b) => ['weights', 'uniforms', 'readback'].includes(b.label)).reduce((a, b) => a + b.size, 0);
      expect(owned, name(c)).toBe(e.plannedBytes + extras);
      const queryBuffers = 2 * (2 * e.dispatches * 8);
      expect(c.peakBytes.measuredPhysical, name(c)).toBe(e.plannedBytes + extras + queryBuffers);
      expect(c.memory!.physicalByCategory.query).toBe(queryBuffers);
      expect(Math.abs(c.ratios.physicalOverPredicted! - 1), name(c)).toBeLessThanOrEqual(0.05);
    }
  });

  it('shows pool buffers appearing while the first run is encoded, and more physical than logical bytes', () => {
    for (const c of ok().filter((x) => x.mode === 'pool')) {
      const first = c.dispatches[0].physicalBytes;
      const last = c.dispatches[c.dispatches.length - 1].physicalBytes;
      expect(last, name(c)).toBeGreaterThan(first);
      expect(c.peakBytes.measuredPhysical!).toBeGreaterThan(c.peakBytes.measuredLogical!);
      const parts = c.memory!.overhead.parts.reduce((a, p) => a + p.bytes, 0);
      expect(parts, name(c)).toBe(c.memory!.overhead.bytes);
    }
  });

  it('checks every item of every configuration against the CPU reference', () => {
    for (const c of ok()) {
      expect(c.check.status, name(c)).toBe('pass');
      expect(c.check.items).toEqual([...Array(c.batch).keys()]);
    }
  });

  it('measures the profiling overhead on the first configuration with interleaved pairs', () => {
    const o = run.results.profilingOverhead;
    expect(o).toMatchObject({ status: 'measured', batch: 1, size: 64, mode: 'arena', pairs: 2 });
    expect(o.ratio).toBeGreaterThan(0.5);
    expect(o.ratio).toBeLessThan(2);
  });

  it('renders a self-contained HTML report with inline SVG charts and no scripts', async () => {
    const html = await gp.run<string>(CASES, 'renderReport', run.results);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/<svg/g)!.length).toBeGreaterThanOrEqual(1 + 2 * ok().length);
    expect(html).not.toMatch(/<script|<link|src="http/i);
    expect(html).toContain('measured by PyTorch on CUDA (seed)');
    expect(html).toContain('oom');
  });

  it('falls back to wall-clock time per submit without timestamps, never reporting zeros', async () => {
    const r = await gp.run<SweepRun>(CASES, 'profilerSweep', { batches: [1], sizes: [64], modes: ['pool'], reps: 2, timestamps: false, check: false });
    const c = r.results.configs[0];
    expect(c.status).toBe('ok');
    expect(c.timing).toBe('wall-clock');
    expect(c.gpuTimeMs!.median).toBeGreaterThan(0);
    expect(c.nodes.every((n) => n.gpuTimeMs === null)).toBe(true);
    expect(r.results.profilingOverhead.status).toBe('unsupported');
    expect(r.results.environment.timestampQuery).toBe(false);
    expect(validateResults(r.results)).toEqual([]);
  });

  it('stops mid-sweep at the next step: the configurations done, marked incomplete, and no buffer left behind', async () => {
    const r = await gp.run<StoppedSweep>(CASES, 'sweepStoppedMidway', { batches: [1, 2, 4], sizes: [64], modes: ['arena'], reps: 3, check: false, overheadPairs: 0 });
    expect(r.results.configs.map((c) => [c.batch, c.status])).toEqual([[1, 'ok']]);
    expect(r.results.incomplete).toEqual({ reason: 'stopped by the test', configsDone: 1, configsPlanned: 3 });
    expect(r.after).toEqual(r.before);
    expect(validateResults(r.results)).toEqual([]);
  });

  it('reports a device lost mid-sweep as a device-lost row and, with no way to a new device, marks the rest as not run', async () => {
    const r = await gp.run<SweepRun['results']>(CASES, 'sweepWithLostDevice', { batches: [1, 2], sizes: [64], modes: ['arena'], reps: 2, check: false, overheadPairs: 0 });
    expect(r.configs.map((c) => c.status)).toEqual(['device-lost', 'error']);
    expect(r.deviceLost).toEqual([expect.objectContaining({ config: 1, during: 'b1@64 arena', reason: 'destroyed', injected: false, recovered: false, recoveryMs: null })]);
    expect((r.deviceLost as { recoveryError: string }[])[0].recoveryError).toMatch(/no way to acquire a new device/);
    expect(r.configs[0].error).toMatch(/lost during this configuration \(destroyed: .*\); no new device could be acquired/);
    expect(r.configs[1].error).toMatch(/not run: the device was lost earlier/);
    expect(validateResults(r)).toEqual([]);
  });
});
