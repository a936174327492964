// Test-file side of the GPU harness: a page on the shared browser with a device ready.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { inject } from 'vitest';
import { loadPage, PageLog, runInPage, watchPage } from '../../src/harness/browser';
import { guardPage, withinPage } from '../../src/harness/page-guard';
import type { GpuSummary } from '../gpu/device';
import './provided';

export interface GpuPage {
  page: Page;
  /** Adapter info, enabled features and limits of the page's device. */
  gpu: GpuSummary;
  /** Console errors and uncaught exceptions of this page. */
  log: PageLog;
  run<T = unknown>(modulePath: string, exportName: string, ...args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  path?: string;
  /** Echo the page's console with this prefix (GPU_ECHO=1 does it for every page). */
  echo?: string | false;
  timeoutMs?: number;
}

let connection: Promise<Browser> | undefined;
let openPages = 0;

function connect(): Promise<Browser> {
  const unavailable = inject('gpuUnavailable');
  if (unavailable) throw new Error(`GPU harness unavailable: ${unavailable}`);
  connection ??= puppeteer.connect({
    browserWSEndpoint: inject('browserWSEndpoint'),
    defaultViewport: null,
  });
  return connection;
}

type ReadyResult = { ok: true; value: GpuSummary } | { ok: false; message: string };

// A string so no Node-side transform rewrites it; errors come back as data because
// a rejection crossing the protocol loses its message details.
const AWAIT_READY = `window.gpuReady.then(
  (value) => ({ ok: true, value }),
  (e) => ({ ok: false, message: e && e.stack ? e.stack : String(e) }))`;

async function waitReady(page: Page, log: PageLog, timeoutMs: number): Promise<GpuSummary> {
  try {
    await page.waitForFunction('window.gpuReady !== undefined', { timeout: timeoutMs });
  } catch {
    const seen = log.errors.length ? `\n${log.errors.join('\n')}` : ' (no page errors)';
    throw new Error(`window.gpuReady was never set by ${page.url()}${seen}`);
  }
  const ready = (await withinPage(page, 'acquiring its WebGPU device (window.gpuReady)', timeoutMs, () => page.evaluate(AWAIT_READY))) as ReadyResult;
  if (!ready.ok) throw new Error(`WebGPU device acquisition failed in the page: ${ready.message}`);
  return ready.value;
}

async function disconnectIfIdle(): Promise<void> {
  if (openPages > 0 || !connection) return;
  const browser = await connection;
  connection = undefined;
  // disconnect() leaves the shared browser running for the next test file.
  await browser.disconnect();
}

export async function openGpuPage(opts: OpenOptions = {}): Promise<GpuPage> {
  const browser = await connect();
  const page = await browser.newPage();
  guardPage(page);
  openPages++;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    openPages--;
    await page.close().catch(() => undefined);
    await disconnectIfIdle();
  };
  try {
    const echo = opts.echo ?? (process.env.GPU_ECHO ? '[page]' : false);
    const log = watchPage(page, { echo });
    const url = new URL(opts.path ?? '/test/gpu/index.html', inject('gpuBaseUrl')).href;
    await loadPage(page, url);
    const gpu = await waitReady(page, log, opts.timeoutMs ?? 60_000);
    const run = <T>(m: string, f: string, ...a: unknown[]) => runInPage<T>(page, m, f, ...a);
    return { page, gpu, log, run, close };
  } catch (err) {
    await close();
    throw err;
  }
}
