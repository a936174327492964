// Faults a sweep must survive, in the browser host: the bench page with the device destroyed in
// the middle of configuration 2's timed runs (--inject-device-loss 2) and a configuration whose
// readback buffer exceeds maxBufferSize though every tensor passes the planner; then devices lost
// without the sweep causing it (while idle, during a configuration), with and without a new device
// to go on with. The Node host runs the same fault sweep in node-host.test.ts.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { driveBench, type Driven } from '../../src/cli/bench-drive';
import { runInPage } from '../../src/harness/browser';
import { summaryText, verdict } from '../../src/report/summary';
import { deviceLossText } from '../../src/report/device-loss';
import { validateResults } from '../../src/results/schema';
import type { DeviceLossRecord, Results, SweepOptions } from '../../src/results/types';
import { fanOutModel, readbackOverflow, type DeviceLimits, type OverflowPlan } from './fault-model';
import { expectFaultSweep, faultSweepOptions } from './fault-checks';
import type { LossCase } from './cases/faults';
import '../setup/provided';

const LIMITS = `navigator.gpu.requestAdapter().then((a) => ({ maxBufferSize: a.limits.maxBufferSize, maxStorageBufferBindingSize: a.limits.maxStorageBufferBindingSize }))`;

// One bench page for every case: its first load transforms the page's modules, which costs more than the cases.
let browser: Browser;
let page: Page;
let loadMs: number;
beforeAll(async () => {
  const unavailable = inject('gpuUnavailable');
  if (unavailable) throw new Error(`GPU harness unavailable: ${unavailable}`);
  browser = await puppeteer.connect({ browserWSEndpoint: inject('browserWSEndpoint'), defaultViewport: null });
  page = await browser.newPage();
  const t0 = performance.now();
  await page.goto(new URL('/bench/index.html', inject('gpuBaseUrl')).href, { waitUntil: 'load' });
  loadMs = performance.now() - t0;
}, 120_000);
afterAll(async () => {
  await page?.close().catch(() => undefined);
  await browser?.disconnect();
});

describe('bench page: a lost device and a refused buffer, and the sweep finishes', () => {
  let limits: DeviceLimits;
  let plan: OverflowPlan;
  let run: Driven;
  let again: Results;

  beforeAll(async () => {
    const t0 = performance.now();
    limits = (await page.evaluate(LIMITS)) as DeviceLimits;
    plan = readbackOverflow(limits);
    await runInPage(page, '/bench/model-stage.ts', 'stageModel', { name: 'fanout.onnx', bytes: fanOutModel(plan.outputs) });
    const t1 = performance.now();
    run = await driveBench(page, faultSweepOptions(plan), () => undefined);
    const t2 = performance.now();
    // The same page, on the device that replaced the lost one.
    const small: Partial<SweepOptions> = { ...faultSweepOptions(plan), inputShapes: [{ x: plan.small }], modes: ['arena'], injectDeviceLoss: null };
    again = (await driveBench(page, small, () => undefined)).results;
    console.log(`bench page: load ${loadMs.toFixed(0)} ms, staging ${(t1 - t0).toFixed(0)}, sweep ${(t2 - t1).toFixed(0)}, again ${(performance.now() - t2).toFixed(0)} ms; sweep durationMs ${run.results.durationMs.toFixed(0)}`);
  }, 120_000);

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

describe('a device lost without the sweep causing it', () => {
  const shapes = [[1, 32, 64], [1, 32, 128], [1, 32, 64]].map((x) => ({ x }));
  const opts: Partial<SweepOptions> = { inputShapes: shapes, batches: [], sizes: [], modes: ['arena'], reps: 2, overheadPairs: 0, ceilings: 'off' };
  const lossCase = (when: LossCase['when'], recover: boolean) => runInPage<Results>(page, '/test/gpu/cases/faults.ts', 'sweepWithExternalLoss', { opts, model: fanOutModel(2), when, recover } satisfies LossCase);
  const losses = (r: Results) => r.deviceLost as DeviceLossRecord[];

  it('while idle, before the sweep: noticed before the first configuration, which runs on a new device', async () => {
    const r = await lossCase('idle', true);
    expect(r.configs.map((c) => [c.status, c.check.status])).toEqual([['ok', 'pass'], ['ok', 'pass'], ['ok', 'pass']]);
    expect(losses(r)).toEqual([expect.objectContaining({ config: null, during: 'before 1x32x64 arena', reason: 'destroyed', injected: false, recovered: true, recoveryError: null })]);
    expect(verdict(r).failures).toEqual([deviceLossText(r)]);
    expect(validateResults(r)).toEqual([]);
  });

  it('during configuration 2: that row device-lost, and with no new device the rest not run, saying why', async () => {
    const r = await lossCase(2, false);
    console.log(`${summaryText(r)}\n${deviceLossText(r)}\nrow 3: ${r.configs[2].error}`);
    expect(r.configs.map((c) => c.status)).toEqual(['ok', 'device-lost', 'error']);
    expect(losses(r)).toEqual([expect.objectContaining({ config: 2, during: '1x32x128 arena', reason: 'destroyed', injected: false, recovered: false, recoveryError: 'requestAdapter() returned null (the test offers no new device)' })]);
    expect(r.configs[1].error).toMatch(/^the GPU device was lost during this configuration \(destroyed: .*\); no new device could be acquired \(requestAdapter\(\) returned null/);
    expect(r.configs[2].error).toMatch(/^not run: the device was lost earlier \(destroyed: .*; no new device could be acquired \(requestAdapter\(\) returned null/);
    expect(validateResults(r)).toEqual([]);
  });

  it('during configuration 2, with a new device: the rest runs on it', async () => {
    const r = await lossCase(2, true);
    expect(r.configs.map((c) => c.status)).toEqual(['ok', 'device-lost', 'ok']);
    expect(losses(r)).toEqual([expect.objectContaining({ config: 2, injected: false, recovered: true })]);
  });
});
