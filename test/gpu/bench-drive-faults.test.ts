// The bench page failing under its driver, on the shared browser: a page that stops answering
// while asked to stop (its JavaScript paused in the debugger) ends the drive after the stop
// timeout, and a page whose renderer crashes (CDP Page.crash) ends it at once with an error
// naming the crash and the fix. Either way the configurations finished before were handed over.
import puppeteer, { type Browser, type CDPSession, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { driveBench } from '../../src/cli/bench-drive';
import type { ConfigResult, SweepOptions } from '../../src/results/types';
import '../setup/provided';

const SWEEP: Partial<SweepOptions> = { batches: [1, 2, 4], sizes: [64], modes: ['arena'], reps: 30, warmup: 1, overheadPairs: 0, ceilings: 'off', check: false };

let browser: Browser;
let page: Page;
let cdp: CDPSession;

beforeAll(async () => {
  const unavailable = inject('gpuUnavailable');
  if (unavailable) throw new Error(`GPU harness unavailable: ${unavailable}`);
  browser = await puppeteer.connect({ browserWSEndpoint: inject('browserWSEndpoint'), defaultViewport: null });
  page = await browser.newPage();
  cdp = await page.createCDPSession();
  await page.goto(new URL('/bench/index.html', inject('gpuBaseUrl')).href, { waitUntil: 'load' });
});

afterAll(async () => {
  await page?.close().catch(() => undefined);
  await browser?.disconnect();
});

/** Drives the sweep and, once the first configuration is in, does `fault`; resolves with the drive's error. */
async function driveUntil(fault: () => void, opts: { signal?: AbortSignal; stopTimeoutMs?: number } = {}): Promise<{ err: Error; rows: ConfigResult[]; afterFaultMs: number }> {
  const rows: ConfigResult[] = [];
  let faultAt = 0;
  const onRow = (row: ConfigResult): void => {
    rows.push(row);
    if (rows.length > 1) return;
    faultAt = performance.now();
    fault();
  };
  const err = await driveBench(page, SWEEP, () => undefined, { ...opts, onRow, intervalMs: 100 }).then(
    () => new Error('the drive finished'),
    (e: Error) => e,
  );
  return { err, rows, afterFaultMs: performance.now() - faultAt };
}

describe('driveBench when the bench page fails', () => {
  it('a page that does not answer the stop ends the drive after --stop-timeout, with the configurations it had handed over', async () => {
    const stopper = new AbortController();
    const { err, rows, afterFaultMs } = await driveUntil(
      () => {
        void cdp.send('Debugger.enable').then(() => cdp.send('Debugger.pause'));
        stopper.abort('interrupted by SIGINT');
      },
      { signal: stopper.signal, stopTimeoutMs: 1000 },
    );
    await cdp.send('Debugger.resume').catch(() => undefined);
    await cdp.send('Debugger.disable').catch(() => undefined);
    console.log(`paused page: ${err.name} ${(afterFaultMs / 1000).toFixed(1)} s after the stop, ${rows.length} configuration(s) handed over: ${err.message}`);
    expect(err.name).toBe('PageTimeout');
    expect(err.message).toMatch(/^the bench page did not stop within 1 s of being asked to \(--stop-timeout\); it had reported 1 finished configuration\(s\)$/);
    expect(afterFaultMs).toBeLessThan(10_000);
    expect(rows.map((r) => [r.batch, r.status])).toEqual([[1, 'ok']]);
  }, 120_000);

  it('a crashed renderer ends the drive at once, naming what happened and the fix', async () => {
    // The stopped run above may still be winding down in the page.
    await page.waitForFunction(`window.benchState.status !== 'running'`, { timeout: 60_000 });
    const { err, rows, afterFaultMs } = await driveUntil(() => void cdp.send('Page.crash').catch(() => undefined));
    console.log(`crashed page: ${err.name} ${(afterFaultMs / 1000).toFixed(1)} s after the crash: ${err.message}`);
    expect(err.name).toBe('PageCrashed');
    expect(err.message).toMatch(/^the page http:\/\/localhost:\d+\/bench\/index\.html crashed \(its renderer process died: killed, or out of memory\) while .*\. Run it again; if it crashes again at large inputs, the renderer probably ran out of memory: try a smaller batch or input size$/);
    expect(afterFaultMs).toBeLessThan(5_000);
    expect(rows.map((r) => [r.batch, r.status])).toEqual([[1, 'ok']]);
  }, 120_000);
});
