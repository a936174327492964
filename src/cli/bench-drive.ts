// Drives the bench page headlessly: starts a run, follows window.benchState by polling
// (a run lasts minutes, longer than one protocol call may), copies each finished configuration
// out as it comes, stops the run when asked (window.stopBench) and collects the artifacts. Every
// call to the page is bounded, and a page that crashes ends the drive at once with a clear error.
import type { Page } from 'puppeteer-core';
import { PAGE_CALL_TIMEOUT_MS, PAGE_LOAD_TIMEOUT_MS } from '../harness/browser.js';
import { withinPage } from '../harness/page-guard.js';
import type { ConfigResult, Results, SweepOptions } from '../results/types.js';

export interface PageProgress {
  config: number;
  configs: number;
  batch: number;
  size: number | null;
  /** b1@256, or the configuration's input shapes. */
  label: string;
  mode: string;
  form?: string;
  phase: string;
  step?: number;
  steps?: number;
  /** Set while a what-if variant runs. */
  variant?: string;
  message: string;
  elapsedMs: number;
}

interface Poll {
  status: 'idle' | 'running' | 'done' | 'error';
  progress: PageProgress | null;
  error?: { name: string; message: string };
  /** How many configurations the run has finished. */
  rows: number;
}

export interface DriveOptions {
  /** Stops the run: the page is asked to stop, and its results of the configurations done awaited. */
  signal?: AbortSignal;
  /** How long the page may take to stop and hand back those results, ms. */
  stopTimeoutMs?: number;
  /** Each configuration as the page finishes it, so a run whose page dies still has them. */
  onRow?(row: ConfigResult): void;
  intervalMs?: number;
}

export interface Driven {
  results: Results;
  files: { json: string; csv: string; trace: string; html: string };
}

// Strings, so no Node-side transform rewrites code that must run in the page.
const START = (opts: string) => `(() => { window.runBench(${opts}).catch(() => undefined); return true; })()`;
const POLL = `({ status: window.benchState.status, progress: window.benchState.progress, error: window.benchState.error, rows: window.benchState.rows.length })`;
const ROWS = (from: number) => `window.benchState.rows.slice(${from})`;
const STOP = (reason: string) => `window.stopBench(${JSON.stringify(reason)})`;
const DEFAULT_STOP_TIMEOUT_MS = 30_000;

export class BenchPageError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

const reasonOf = (signal: AbortSignal): string => String(signal.reason ?? 'stopped');
const NOT_STARTED = 'stopped before the sweep started';

/** `expr` evaluated in the page, bounded; `what` names it in the error of a page that does not answer. */
function call<T>(page: Page, what: string, expr: string, ms = PAGE_CALL_TIMEOUT_MS): Promise<T> {
  return withinPage(page, what, ms, () => page.evaluate(expr) as Promise<T>);
}

/** The first load transforms every module; on a busy 2-core machine that can take a while. */
async function waitForPage(page: Page, signal: AbortSignal | undefined, timeoutMs = PAGE_LOAD_TIMEOUT_MS): Promise<void> {
  const errors: string[] = [];
  const onError = (e: unknown): void => void errors.push(e instanceof Error ? e.message : String(e));
  page.on('pageerror', onError);
  try {
    await withinPage(page, 'loading the bench page (waiting for window.runBench)', timeoutMs, () => page.waitForFunction(`typeof window.runBench === 'function'`, { timeout: 0, signal }));
  } catch (e) {
    if (signal?.aborted) throw new BenchPageError('Interrupted', NOT_STARTED);
    if ((e as Error).name !== 'PageTimeout') throw e;
    const seen = errors.length ? `; page errors: ${errors.join(' | ')}` : '; the page reported no error (is the machine overloaded?)';
    throw new BenchPageError('PageLoadError', `the bench page did not become ready within ${timeoutMs / 1000} s${seen}`);
  } finally {
    page.off('pageerror', onError);
  }
}

/** Follows the run to its end, asking the page to stop once the signal fires. */
async function follow(page: Page, onProgress: (p: PageProgress) => void, o: DriveOptions): Promise<void> {
  const stopMs = o.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
  let seen = 0;
  let deadline: number | null = null;
  // While stopping, every call shares what is left of the stop's time.
  const limit = (): number => (deadline === null ? PAGE_CALL_TIMEOUT_MS : Math.max(1, deadline - performance.now()));
  const step = async (): Promise<boolean> => {
    if (o.signal?.aborted && deadline === null) {
      deadline = performance.now() + stopMs;
      await call(page, 'answering window.stopBench', STOP(reasonOf(o.signal)), limit());
    }
    const s = await call<Poll>(page, 'answering a progress poll', POLL, limit());
    if (s.rows > seen) {
      for (const row of await call<ConfigResult[]>(page, 'handing over its finished configurations', ROWS(seen), limit())) o.onRow?.(row);
      seen = s.rows;
    }
    if (s.progress) onProgress(s.progress);
    if (s.status === 'error') throw new BenchPageError(s.error?.name ?? 'Error', s.error?.message ?? 'the bench failed without a message');
    return s.status === 'done';
  };
  for (;;) {
    await new Promise((r) => setTimeout(r, o.intervalMs ?? 500));
    try {
      if (await step()) return;
    } catch (e) {
      if (deadline === null || (e as Error).name !== 'PageTimeout') throw e;
    }
    if (deadline !== null && performance.now() >= deadline) throw new BenchPageError('PageTimeout', `the bench page did not stop within ${stopMs / 1000} s of being asked to (--stop-timeout); it had reported ${seen} finished configuration(s)`);
  }
}

export async function driveBench(page: Page, opts: Partial<SweepOptions>, onProgress: (p: PageProgress) => void, o: DriveOptions = {}): Promise<Driven> {
  await waitForPage(page, o.signal);
  if (o.signal?.aborted) throw new BenchPageError('Interrupted', NOT_STARTED);
  await call(page, 'starting the run (window.runBench)', START(JSON.stringify(opts)));
  await follow(page, onProgress, o);
  const files = await call<Driven['files']>(page, 'making the result files (window.benchArtifacts)', 'window.benchArtifacts()');
  return { results: JSON.parse(files.json) as Results, files };
}
