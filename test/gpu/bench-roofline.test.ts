// The bench page end to end with the roofline and the what-if variants, driven as the CLI
// drives it: quick ceilings, one small configuration, the five variants, and the artifacts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { driveBench, type Driven } from '../../src/cli/bench-drive';
import { validateResults } from '../../src/results/schema';
import type { ConfigResult } from '../../src/results/types';
import { openGpuPage, type GpuPage } from '../setup/gpu';

const ROOFLINE_KEYS = ['achievedGbps', 'achievedGflops', 'bound', 'bytes', 'flops', 'intensity', 'measuredMs', 'predictedMs', 'workingSetBytes'];

describe('bench page: roofline and what-if', () => {
  let gp: GpuPage;
  let run: Driven;
  let seconds: number;

  beforeAll(async () => {
    gp = await openGpuPage();
    await gp.page.goto(new URL('/bench/index.html', inject('gpuBaseUrl')).href, { waitUntil: 'load' });
    const t0 = performance.now();
    run = await driveBench(gp.page, { batches: [1], sizes: [64], modes: ['arena'], reps: 2, warmup: 1, overheadPairs: 0, ceilings: 'quick', whatif: true }, () => undefined, { intervalMs: 100 });
    seconds = (performance.now() - t0) / 1000;
  });
  afterAll(async () => gp?.close());

  const ok = (): ConfigResult[] => run.results.configs.filter((c) => c.status === 'ok');

  it('produces a valid document with measured ceilings, in well under a minute', () => {
    expect(validateResults(run.results)).toEqual([]);
    expect(ok()).toHaveLength(1);
    const c = run.results.ceilings!;
    expect(c.bandwidth.length).toBeGreaterThanOrEqual(5);
    expect(c.bandwidth.every((p) => p.bytes > 0 && p.gbps > 0)).toBe(true);
    expect(Array.isArray(c.cliffs)).toBe(true);
    expect(c.fmaGflops).toBeGreaterThan(0);
    expect(c.spread.fmaGflops).toBeGreaterThanOrEqual(0);
    expect(c.source).toMatchObject({ mode: 'quick', preset: 'quick', fromCache: false });
    expect(run.results.options).toMatchObject({ ceilings: 'quick', whatif: true });
    expect(seconds).toBeLessThan(60);
    expect(gp.log.errors).toEqual([]);
  });

  it('names the built-in network in the page and in the report', async () => {
    // The tab title adds the adapter and host once the page has a device.
    expect(await gp.page.title()).toBe('WebGPU working-set profiler: JeongWonNet_DWBlock_Swap (google swiftshader, browser)');
    expect(run.files.html).toContain('<title>WebGPU working-set profile: JeongWonNet_DWBlock_Swap</title>');
  });

  it('puts a roofline entry on every node of every ok configuration, and one on every layer', () => {
    for (const c of ok()) {
      expect(c.nodes.length).toBe(56);
      for (const n of c.nodes) {
        expect(Object.keys(n.roofline!).sort(), n.name).toEqual(ROOFLINE_KEYS);
        expect(n.roofline!.measuredMs, n.name).toBe(n.gpuTimeMs!.median);
        expect(n.roofline!.predictedMs, n.name).toBeGreaterThan(0);
      }
      expect(c.layers.every((l) => l.roofline!.measuredMs! > 0 && l.cache !== null)).toBe(true);
      expect(c.rooflineFit!.layersMeasured).toBe(c.layers.length);
    }
  });

  it('puts the first-principles roofline beside the calibrated one: launch cost per dispatch, no kernel roof', () => {
    const launchUs = run.results.ceilings!.launchUs!;
    expect(launchUs).toBeGreaterThan(0);
    for (const c of ok()) {
      const ran = new Map<string, number>();
      for (const d of c.dispatches) ran.set(d.node, (ran.get(d.node) ?? 0) + 1);
      for (const n of c.nodes) {
        const p = n.firstPrinciples!;
        expect(p.dispatches, n.name).toBe(ran.get(n.name));
        expect(p.launchMs, n.name).toBeCloseTo((p.dispatches * launchUs) / 1e3, 9);
        expect(p.computeMs, n.name).toBeCloseTo(n.roofline!.flops / run.results.ceilings!.fmaGflops / 1e6, 9);
        expect(p.predictedMs, n.name).toBeCloseTo(Math.max(p.memoryMs, p.computeMs) + p.launchMs, 9);
        expect(p.measuredMs, n.name).toBe(n.roofline!.measuredMs);
      }
      expect(c.layers.every((l) => l.firstPrinciples!.measuredMs! > 0)).toBe(true);
      const f = c.rooflineFit!.firstPrinciples!;
      expect(f).toMatchObject({ layersMeasured: c.layers.length, nodesMeasured: c.nodes.length, launchUs });
      expect(f.byClass.reduce((a, k) => a + k.nodes, 0)).toBe(c.nodes.length);
      expect(f.byClass.map((k) => k.kernelClass)).toEqual(expect.arrayContaining(['dwconv:k7', 'pwconv']));
      expect(run.files.html).toContain('First-principles roofline per kernel class');
    }
  });

  it('runs the five what-if variants, measured and checked, with fp16 predicted only here', () => {
    const w = run.results.whatif!;
    expect(w.map((x) => x.variant)).toEqual(['baseline', 'early-downsampling', 'c0-16', 'kernel-5', 'fp16']);
    for (const x of w.slice(0, 4)) {
      expect(x.status, x.variant).toBe('ok');
      expect(x.check.status, x.variant).toBe('pass');
      expect(x.measuredPeakBytes!, x.variant).toBeGreaterThan(0);
      expect(x.gpuTimeMs!.median, x.variant).toBeGreaterThan(0);
      expect(x.config).toEqual({ batch: 1, size: 64, mode: 'arena' });
    }
    const fp16 = w[4];
    expect(fp16).toMatchObject({ status: 'not-measurable', measurable: false, measuredPeakBytes: null, gpuTimeMs: null });
    if (!gp.gpu.features.includes('shader-f16')) expect(fp16.note).toMatch(/not measurable on this adapter/);
    expect(fp16.predictedPeakBytes).toBeCloseTo(w[0].predictedPeakBytes / 2, -3);
    // Small at 64x64, where fixed buffers (uniforms, readback, queries) weigh more than at 256.
    expect(w[1].deltaVsBaseline.measuredPeakFraction!).toBeLessThan(-0.2);
    const claims = run.results.whatifClaims!;
    expect(claims.map((c) => c.basis)).toEqual(['measured', 'measured', 'measured', 'predicted']);
  });

  it('writes a report with the ceilings, the roofline charts and the what-if table', () => {
    const html = run.files.html;
    expect(html).toContain('<h2>Device ceilings</h2>');
    expect(html).toContain('Roofline: every kernel under the measured ceilings');
    expect(html).toMatch(/FMA f32 [\d.]+ GFLOP\/s/);
    expect(html).toContain('Roofline prediction vs measured time, per layer');
    expect(html).toContain('not measurable on this adapter');
    expect(html).not.toMatch(/<script/i);
    // One label per kernel in the roofline chart.
    const chart = html.slice(html.indexOf('Roofline: every kernel'), html.indexOf('Roofline prediction vs measured'));
    expect(chart).toContain('>e1.dw<');
    expect(chart).toContain('>out<');
    expect(run.files.csv.split('\n')[0]).toContain('roofline_predicted_ms');
    expect(run.files.csv.split('\n')[0]).toMatch(/,first_principles_ms,first_principles_ratio,first_principles_within_tolerance$/);
  });
});
