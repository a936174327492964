// Headless Chromium driven by puppeteer-core, plus the Harness that pairs it with
// the Vite dev server. Pages run WebGPU; Node only orchestrates and collects.
import puppeteer, { type Browser, type ConsoleMessage, type Page } from 'puppeteer-core';
import { chromiumFlags, findChromium, makeUserDataDir, removeUserDataDir, type Env } from './chromium';
import { killProcessGroup, onProcessExit } from './cleanup';
import type { PageCallResult } from './page-call';
import { guardPage, within, withinPage } from './page-guard';
import { startServer, type DevServer, type ServerOptions } from './server';
import { decode, encode } from './wire';

export interface LaunchOptions {
  env?: Env;
  extraArgs?: string[];
  /** Pipe Chromium's own stdout/stderr (GPU process logs) to ours. */
  dumpio?: boolean;
  timeoutMs?: number;
}

export interface LaunchedBrowser {
  browser: Browser;
  pid: number | undefined;
  /** The launch's own profile folder, removed when the browser closes or this process exits. */
  userDataDir: string;
  wsEndpoint: string;
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 5_000;
const PAGE_CLOSE_GRACE_MS = 2_000;
const LAUNCH_TIMEOUT_MS = 60_000;
const NEW_PAGE_TIMEOUT_MS = 30_000;
/** The first load transforms every module the page imports; a busy 2-core machine takes a while. */
export const PAGE_LOAD_TIMEOUT_MS = 120_000;
/** Puppeteer's own limit on one protocol call (its protocolTimeout): a page call cannot outlast it anyway. */
export const PAGE_CALL_TIMEOUT_MS = 180_000;

/** No Chromium, or it did not start (broken, or too slow): the CLI reports it as "no browser". */
export class BrowserLaunchError extends Error {
  override name = 'BrowserLaunchError';
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function closeBrowser(browser: Browser, pid: number | undefined, dir: string): Promise<void> {
  // A wedged GPU process can make browser.close() hang forever, and helpers can
  // outlive the main process; the group kill guarantees none survives the run.
  await withTimeout(browser.close().catch(() => undefined), CLOSE_GRACE_MS);
  killProcessGroup(pid);
  removeUserDataDir(dir);
}

export async function launchBrowser(opts: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const env = opts.env ?? process.env;
  let executablePath: string;
  try {
    executablePath = findChromium({ env });
  } catch (err) {
    throw new BrowserLaunchError((err as Error).message);
  }
  const userDataDir = makeUserDataDir();
  const timeout = opts.timeoutMs ?? LAUNCH_TIMEOUT_MS;
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      userDataDir,
      headless: true,
      args: [...chromiumFlags(env), ...(opts.extraArgs ?? [])],
      dumpio: opts.dumpio ?? false,
      // Chromium's own scratch files then live in the profile and go away with it,
      // even after a SIGKILL that skips Chromium's cleanup.
      env: { ...process.env, TMPDIR: userDataDir },
      timeout,
      // Signals are handled by our own cleanup, which also removes the profile dir.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      defaultViewport: null,
    });
  } catch (err) {
    removeUserDataDir(userDataDir);
    throw new BrowserLaunchError(`Chromium (${executablePath}) did not start (waited up to ${timeout / 1000} s): ${(err as Error).message}`);
  }
  const pid = browser.process()?.pid;
  const unregister = onProcessExit(() => {
    killProcessGroup(pid);
    removeUserDataDir(userDataDir);
  });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= closeBrowser(browser, pid, userDataDir).finally(unregister);
    return closing;
  };
  return { browser, pid, userDataDir, wsEndpoint: browser.wsEndpoint(), close };
}

/** Console errors and uncaught exceptions of the pages a harness watches. */
export class PageLog {
  readonly errors: string[] = [];

  add(line: string): void {
    this.errors.push(line);
  }

  /** Errors since a mark; lets one test look only at what it caused. */
  since(mark: number): string[] {
    return this.errors.slice(mark);
  }

  get mark(): number {
    return this.errors.length;
  }
}

export interface WatchOptions {
  log?: PageLog;
  /** Echo every console message to stdout/stderr with this prefix; false to stay quiet. */
  echo?: string | false;
}

function consoleLine(msg: ConsoleMessage): string {
  const loc = msg.location();
  const where = loc.url ? ` (${loc.url}:${loc.lineNumber ?? 0})` : '';
  return `console.${msg.type()}: ${msg.text()}${where}`;
}

// Chromium requests /favicon.ico for every page without an icon; its 404 is not a test failure.
function isFaviconNoise(msg: ConsoleMessage): boolean {
  return msg.type() === 'error' && /\/favicon\.ico$/.test(msg.location().url ?? '');
}

export function watchPage(page: Page, opts: WatchOptions = {}): PageLog {
  const log = opts.log ?? new PageLog();
  const echo = opts.echo;
  page.on('console', (msg) => {
    if (isFaviconNoise(msg)) return;
    const isError = msg.type() === 'error' || msg.type() === 'assert';
    if (isError) log.add(consoleLine(msg));
    if (echo !== undefined && echo !== false) {
      (isError ? process.stderr : process.stdout).write(`${echo} ${consoleLine(msg)}\n`);
    }
  });
  page.on('pageerror', (err) => {
    const line = `pageerror: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
    log.add(line);
    if (echo !== undefined && echo !== false) process.stderr.write(`${echo} ${line}\n`);
  });
  return log;
}

/** A new tab, watched for a crash from its first moment. */
async function openTab(browser: Browser): Promise<Page> {
  const page = await within('opening a new browser tab', NEW_PAGE_TIMEOUT_MS, browser.newPage());
  guardPage(page);
  return page;
}

/** Navigates and waits for the load event, bounded by our timeout (with a message naming the page) instead of puppeteer's. */
export async function loadPage(page: Page, url: string, timeoutMs = PAGE_LOAD_TIMEOUT_MS): Promise<void> {
  await withinPage(page, `loading ${url}`, timeoutMs, () => page.goto(url, { waitUntil: 'load', timeout: 0 }));
}

export async function newPage(browser: Browser, url: string, opts: WatchOptions = {}): Promise<Page> {
  const page = await openTab(browser);
  watchPage(page, opts);
  await loadPage(page, url);
  return page;
}

/** An exception raised inside the page, rethrown in Node with the page's stack. */
export class PageError extends Error {
  readonly pageStack: string;

  constructor(name: string, message: string, pageStack: string, where: string) {
    super(`${name}: ${message} [in page, ${where}]`);
    this.name = 'PageError';
    this.pageStack = pageStack;
    const nodeStack = this.stack?.split('\n').slice(1).join('\n') ?? '';
    this.stack = `${this.name}: ${this.message}\n  page stack:\n${pageStack}\n  node stack:\n${nodeStack}`;
  }
}

// Built from a string so no Node-side transform (test runner, tsx) can rewrite the
// dynamic import() or inject helpers that do not exist in the page.
const PAGE_CALL = new Function(
  'entry',
  'modulePath',
  'exportName',
  'args',
  'return import(entry).then((m) => m.callExport(modulePath, exportName, args));',
) as (entry: string, modulePath: string, exportName: string, args: unknown[]) => Promise<PageCallResult>;

const PAGE_CALL_ENTRY = '/src/harness/page-call.ts';

/**
 * Calls `exportName` of the Vite-served module at `modulePath` (e.g.
 * '/test/gpu/cases/smoke.ts') inside the page. Arguments and the result must be
 * JSON-like; typed arrays and ArrayBuffers are transferred exactly at any depth.
 */
export async function runInPage<T = unknown>(
  page: Page,
  modulePath: string,
  exportName: string,
  ...args: unknown[]
): Promise<T> {
  const encoded = args.map(encode);
  const result = await withinPage(page, `running ${modulePath}#${exportName}`, PAGE_CALL_TIMEOUT_MS, () => page.evaluate(PAGE_CALL, PAGE_CALL_ENTRY, modulePath, exportName, encoded));
  if (!result.ok) {
    const { name, message, stack } = result.error;
    throw new PageError(name, message, stack, `${modulePath}#${exportName}`);
  }
  return decode(result.value) as T;
}

export interface HarnessOptions {
  env?: Env;
  server?: ServerOptions;
  launch?: LaunchOptions;
  /** Prefix for echoing page console output; false (default) keeps it in the log only. */
  echo?: string | false;
}

export interface HarnessTimings {
  serverMs: number;
  launchMs: number;
}

/** One dev server plus one browser; pages are cheap, launches are not. */
export class Harness {
  readonly log = new PageLog();
  private readonly pages = new Set<Page>();
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly server: DevServer,
    private readonly launched: LaunchedBrowser,
    private readonly echo: string | false,
    readonly timings: HarnessTimings,
  ) {}

  static async start(opts: HarnessOptions = {}): Promise<Harness> {
    const t0 = performance.now();
    const server = await startServer(opts.server);
    const t1 = performance.now();
    let launched: LaunchedBrowser;
    try {
      launched = await launchBrowser({ env: opts.env, ...opts.launch });
    } catch (err) {
      await server.close();
      throw err;
    }
    const timings = { serverMs: t1 - t0, launchMs: performance.now() - t1 };
    return new Harness(server, launched, opts.echo ?? false, timings);
  }

  get url(): string {
    return this.server.url;
  }

  get browser(): Browser {
    return this.launched.browser;
  }

  get wsEndpoint(): string {
    return this.launched.wsEndpoint;
  }

  /** Chromium's main process (its helpers are in its process group); undefined if unknown. */
  get browserPid(): number | undefined {
    return this.launched.pid;
  }

  get userDataDir(): string {
    return this.launched.userDataDir;
  }

  /** Opens `path` (e.g. '/test/gpu/index.html') on the dev server. */
  async open(path: string): Promise<Page> {
    const page = await openTab(this.browser);
    // Tracked before navigating so a failed load still gets closed with the harness.
    this.pages.add(page);
    page.once('close', () => this.pages.delete(page));
    watchPage(page, { log: this.log, echo: this.echo });
    await loadPage(page, new URL(path, this.url).href);
    return page;
  }

  run<T = unknown>(page: Page, modulePath: string, exportName: string, ...args: unknown[]): Promise<T> {
    return runInPage<T>(page, modulePath, exportName, ...args);
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    const pages = [...this.pages].map((p) => p.close().catch(() => undefined));
    // Short grace: browser.close() below closes whatever is left anyway.
    await withTimeout(Promise.all(pages), PAGE_CLOSE_GRACE_MS);
    await this.launched.close();
    await this.server.close();
  }
}
