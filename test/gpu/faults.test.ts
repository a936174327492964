// Faults a sweep must survive, in the browser host: the bench page with the device destroyed in
// the middle of configuration 2's timed runs (--inject-device-loss 2) and a configuration whose
// readback buffer exceeds maxBufferSize though every tensor passes the planner; then a device lost
// between two configurations, with and without a new device to go on with. The Node host runs
// the same sweep in node-host.test.ts.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { driveBench, type Driven } from '../../src/cli/bench-drive';
import { runInPage } from '../../src/harness/browser';
import { summaryText, verdict } from '../../src/report/summary';
import { deviceLossText } from '../../src/report/device-loss';
import { validateResults } from '../../src/results/schema';
import type { DeviceLossRecord, Results, SweepOptions } from '../../src/results/types';
import { openGpuPage, type GpuPage } from '../setup/gpu';
import { fanOutModel, readbackOverflow, type DeviceLimits, type OverflowPlan } from './fault-model';
import { expectFaultSweep, faultSweepOptions } from './fault-checks';
import '../setup/provided';

const LIMITS = `navigator.gpu.requestAdapter().then((a) => ({ maxBufferSize: a.limits.maxBufferSize, maxStorageBufferBindingSize: a.limits.maxStorageBufferBindingSize }))`;

describe('bench page: a lost device and a refused buffer, and the sweep finishes', () => {
  let browser: Browser;
  let page: Page;
  let limits: DeviceLimits;
  let plan: OverflowPlan;
  let run: Driven;
  let again: Results;

  beforeAll(async () => {
    const unavailable = inject('gpuUnavailable');
    if (unavailable) throw new Error(`GPU harness unavailable: ${unavailable}`);
    browser = await puppeteer.connect({ browserWSEndpoint: inject('browserWSEndpoint'), defaultViewport: null });
    page = await browser.newPage();
    await page.goto(new URL('/bench/index.html', inject('gpuBaseUrl')).href, { waitUntil: 'load' });
    limits = (await page.evaluate(LIMITS)) as DeviceLimits;
    plan = readbackOverflow(limits);
    await runInPage(page, '/bench/model-stage.ts', 'stageModel', { name: 'fanout.onnx', bytes: fanOutModel(plan.outputs) });
    run = await driveBench(page, faultSweepOptions(plan), () => undefined);
    // The same page, on the device that replaced the lost one.
    const small: Partial<SweepOptions> = { ...faultSweepOptions(plan), inputShapes: [{ x: plan.small }], modes: ['arena'], injectDeviceLoss: null };
    again = (await driveBench(page, small, () => undefined)).results;
  }, 120_000);
  afterAll(async () => {
    await page?.close().catch(() => undefined);
    await browser?.disconnect();
  });

  it('marks the injected row device-lost, the oversized ones oom, and runs every other row on a new device', () => {
    console.log(`browser limits: maxBufferSize ${limits.maxBufferSize}, maxStorageBufferBindingSize ${limits.maxStorageBufferBindingSize}; ${plan.outputs} outputs of ${plan.tensorBytes} bytes\n${summaryText(run.results)}\n${deviceLossText(run.results)}\noom: ${run.results.configs[2].error}`);
    expectFaultSweep(run.results, plan, limits);
  });

  it('fails the verdict on the lost row only, and shows the loss and its recovery in the report', () => {
    expect(verdict(run.results).failures).toEqual([`1x32x64 pool: ${run.results.configs[1].error}`]);
    expect(run.files.html).toContain('<h2>Device losses</h2>');
    expect(run.files.html).toContain('device lost in configuration 2/6 (1x32x64 pool), destroyed on purpose by --inject-device-loss 2; recovered');
    expect(run.files.html).toContain('1x32x64 pool: device-lost');
  });

  it('stays usable: the next run in the page works on the new device', () => {
    expect(again.configs.map((c) => [c.status, c.check.status])).toEqual([['ok', 'pass']]);
    expect(again.deviceLost).toBeNull();
  });
});

describe('a device lost between configurations', () => {
  let gp: GpuPage;
  beforeAll(async () => {
    gp = await openGpuPage();
  });
  afterAll(async () => gp?.close());

  const opts: Partial<SweepOptions> = { batches: [1, 2], sizes: [64], modes: ['arena'], reps: 2, check: false, overheadPairs: 0 };
  const losses = (r: Results) => r.deviceLost as DeviceLossRecord[];

  it('is noticed before the next one, which runs on a new device', async () => {
    const r = await gp.run<Results>('/test/gpu/cases/faults.ts', 'sweepLostBetween', opts, true);
    expect(r.configs.map((c) => c.status)).toEqual(['ok', 'ok']);
    expect(losses(r)).toEqual([expect.objectContaining({ config: null, during: 'before b2@64 arena', reason: 'destroyed', injected: false, recovered: true, recoveryError: null })]);
    expect(verdict(r).failures).toEqual([deviceLossText(r)]);
    expect(validateResults(r)).toEqual([]);
  });

  it('with no new device, leaves the rest not run, saying why', async () => {
    const r = await gp.run<Results>('/test/gpu/cases/faults.ts', 'sweepLostBetween', opts, false);
    expect(r.configs.map((c) => c.status)).toEqual(['ok', 'error']);
    expect(losses(r)[0]).toMatchObject({ config: null, recovered: false, recoveryError: 'requestAdapter() returned null (the test offers no new device)' });
    expect(r.configs[1].error).toMatch(/^not run: the device was lost earlier \(destroyed: .*; no new device could be acquired \(requestAdapter\(\) returned null/);
    expect(validateResults(r)).toEqual([]);
  });
});
