import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGpuPage, type GpuPage } from '../setup/gpu';
import { DEFAULT_KERNEL_CLASSES, type DeviceCeilings } from '../../src/profiler/ceilings/index';
import type { NodeRooflineEntry, LayerRoofline } from '../../src/analysis/roofline/index';

const CASES = '/test/gpu/cases/ceilings.ts';

describe('device ceilings', () => {
  let gp: GpuPage;
  let ceilings: DeviceCeilings;

  beforeAll(async () => {
    gp = await openGpuPage();
    ceilings = await gp.run<DeviceCeilings>(CASES, 'quickCeilings');
  });

  afterAll(async () => {
    await gp?.close();
  });

  it('measures a bandwidth curve for read, write and copy', () => {
    expect(ceilings.timing).toBe(gp.gpu.features.includes('timestamp-query') ? 'timestamp' : 'wallclock');
    for (const kind of ['read', 'write', 'copy'] as const) {
      const c = ceilings.bandwidth[kind]!;
      expect(c.points.length).toBeGreaterThanOrEqual(5);
      expect(c.points[0].bytes).toBe(16 * 1024);
      expect(c.points.map((p) => p.bytes)).toEqual([...c.points.map((p) => p.bytes)].sort((a, b) => a - b));
      for (const p of c.points) {
        expect(Number.isFinite(p.gbps)).toBe(true);
        expect(p.gbps).toBeGreaterThan(0);
        expect(p.minGbps).toBeLessThanOrEqual(p.gbps);
        expect(p.maxGbps).toBeGreaterThanOrEqual(p.gbps);
        expect(p.spread).toBeGreaterThanOrEqual(0);
      }
      expect(c.peakGbps).toBe(Math.max(...c.points.map((p) => p.gbps)));
    }
  });

  it('measures FMA throughput and the dispatch overhead', () => {
    expect(ceilings.fmaF32.gflops).toBeGreaterThan(0);
    expect(Number.isFinite(ceilings.fmaF32.gflops)).toBe(true);
    expect(ceilings.fmaF32.flopsPerDispatch).toBe(ceilings.fmaF32.invocations * ceilings.fmaF32.iterations * 256);
    expect(ceilings.dispatchOverhead.us).toBeGreaterThan(0);
    // The launch cost: one dispatch alone in each timed pass, as the engine times a node's dispatches.
    expect(Number.isFinite(ceilings.launch.us)).toBe(true);
    expect(ceilings.launch.us).toBeGreaterThan(0);
    expect(ceilings.launch.workgroups).toBe(1);
    expect(ceilings.launch.repeats).toBeGreaterThanOrEqual(16);
    if (gp.gpu.features.includes('shader-f16')) expect(ceilings.fmaF16!.gflops).toBeGreaterThan(0);
    else {
      expect(ceilings.fmaF16).toBeNull();
      expect(ceilings.fmaF16Note).toContain('shader-f16');
    }
    expect(gp.log.errors).toEqual([]);
  });

  it('measures a compute roof per kernel class on its calibration shape', () => {
    expect(ceilings.kernelRoofs.map((k) => k.kernelClass)).toEqual([...DEFAULT_KERNEL_CLASSES]);
    for (const k of ceilings.kernelRoofs) {
      expect(Number.isFinite(k.gflops), k.kernelClass).toBe(true);
      expect(k.gflops, k.kernelClass).toBeGreaterThan(0);
      expect(k.spread, k.kernelClass).toBeGreaterThanOrEqual(0);
      expect(k.calibration.flops, k.kernelClass).toBeGreaterThan(0);
      // The class's own program, or one of its named programs (conv2d_tiled for conv2d).
      expect(k.kernel.startsWith(k.kernelClass.split(':')[0]), k.kernelClass).toBe(true);
    }
  });

  it('caches per adapter and re-measures when forced', async () => {
    const r = await gp.run<{ first: boolean; second: boolean; forced: boolean; sameKey: boolean; keys: string[] }>(CASES, 'cacheRoundTrip');
    expect(r).toMatchObject({ first: false, second: true, forced: false, sameKey: true });
    expect(r.keys).toHaveLength(1);
    expect(r.keys[0]).toContain(gp.gpu.adapterInfo.vendor);
  });

  it('computes a roofline entry for every dispatch of a network run', async () => {
    const r = await gp.run<{ timed: number; dispatchNodes: string[]; entries: NodeRooflineEntry[]; layers: LayerRoofline[] }>(CASES, 'networkRoofline', ceilings);
    expect(r.timed).toBe(3);
    const byNode = new Map(r.entries.map((e) => [e.node, e]));
    for (const name of r.dispatchNodes) {
      const e = byNode.get(name);
      expect(e, name).toBeDefined();
      const f = e!.roofline;
      expect(Object.keys(f).sort()).toEqual(['achievedGbps', 'achievedGflops', 'bound', 'bytes', 'flops', 'intensity', 'measuredMs', 'predictedMs', 'workingSetBytes']);
      expect(f.bytes).toBeGreaterThan(0);
      expect(f.predictedMs).toBeGreaterThan(0);
      expect(f.measuredMs).toBeGreaterThan(0);
      expect(Number.isFinite(f.achievedGbps)).toBe(true);
      expect(['memory', 'compute']).toContain(f.bound);
    }
    expect(r.layers.map((l) => l.layer)).toContain('encoder1');
    expect(r.layers.every((l) => l.measuredMs! > 0 && l.predictedMs > 0)).toBe(true);
  });
});
