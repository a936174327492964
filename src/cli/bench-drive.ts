// Drives the bench page headlessly: starts a run, follows window.benchState by polling
// (a run lasts minutes, longer than one protocol call may), and collects the artifacts.
import type { Page } from 'puppeteer-core';
import type { Results, SweepOptions } from '../results/types.js';

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
}

export interface Driven {
  results: Results;
  files: { json: string; csv: string; trace: string; html: string };
}

// Strings, so no Node-side transform rewrites code that must run in the page.
const START = (opts: string) => `(() => { window.runBench(${opts}).catch(() => undefined); return true; })()`;
const POLL = `({ status: window.benchState.status, progress: window.benchState.progress, error: window.benchState.error })`;

export class BenchPageError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** The first load transforms every module; on a busy 2-core machine that can take a while. */
async function waitForPage(page: Page, timeoutMs = 180_000): Promise<void> {
  const errors: string[] = [];
  const onError = (e: unknown): void => void errors.push(e instanceof Error ? e.message : String(e));
  page.on('pageerror', onError);
  try {
    await page.waitForFunction(`typeof window.runBench === 'function'`, { timeout: timeoutMs });
  } catch {
    const seen = errors.length ? `; page errors: ${errors.join(' | ')}` : '; the page reported no error (is the machine overloaded?)';
    throw new BenchPageError('PageLoadError', `the bench page did not become ready within ${timeoutMs / 1000} s${seen}`);
  } finally {
    page.off('pageerror', onError);
  }
}

export async function driveBench(page: Page, opts: Partial<SweepOptions>, onProgress: (p: PageProgress) => void, intervalMs = 500): Promise<Driven> {
  await waitForPage(page);
  await page.evaluate(START(JSON.stringify(opts)));
  for (;;) {
    await new Promise((r) => setTimeout(r, intervalMs));
    const s = (await page.evaluate(POLL)) as Poll;
    if (s.progress) onProgress(s.progress);
    if (s.status === 'error') throw new BenchPageError(s.error?.name ?? 'Error', s.error?.message ?? 'the bench failed without a message');
    if (s.status === 'done') break;
  }
  const files = (await page.evaluate('window.benchArtifacts()')) as Driven['files'];
  return { results: JSON.parse(files.json) as Results, files };
}
