import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGpuPage, type GpuPage } from '../setup/gpu';

const SMOKE = '/test/gpu/cases/smoke.ts';

describe('GPU harness smoke', () => {
  let gp: GpuPage;

  beforeAll(async () => {
    gp = await openGpuPage();
  });

  afterAll(async () => {
    await gp?.close();
  });

  it('reports the adapter and the features the profiler relies on', () => {
    const info = gp.gpu.adapterInfo;
    expect(typeof info.vendor).toBe('string');
    expect(typeof info.architecture).toBe('string');
    expect(typeof info.isFallbackAdapter).toBe('boolean');
    expect(info.vendor.length + info.architecture.length + info.description.length).toBeGreaterThan(0);
    expect(gp.gpu.features).toContain('timestamp-query');
    expect(gp.gpu.limits.maxStorageBufferBindingSize).toBeGreaterThanOrEqual(128 * 1024 * 1024);
  });

  it('doubles a buffer on the GPU exactly', async () => {
    const n = 1000; // not a multiple of the workgroup size, so the bounds check matters
    const input = await gp.run<Float32Array>(SMOKE, 'smokeInput', n);
    const out = await gp.run<Float32Array>(SMOKE, 'doubleBuffer', n);
    expect(out).toBeInstanceOf(Float32Array);
    expect(Array.from(out)).toEqual(Array.from(input, (v) => v * 2));
    expect(gp.log.errors).toEqual([]);
  });

  it('rethrows page exceptions with the page message and stack', async () => {
    const err = await gp.run(SMOKE, 'failWith', 'deliberate failure').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    const { message, stack } = err as Error;
    expect(message).toContain('RangeError: deliberate failure');
    expect(stack).toContain('cases/smoke.ts');
  });

  it('names a missing export instead of failing obscurely', async () => {
    await expect(gp.run(SMOKE, 'noSuchExport')).rejects.toThrow(/no exported function "noSuchExport"/);
  });
});
