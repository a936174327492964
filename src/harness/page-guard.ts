// Every wait on a page, bounded: a call that outlives its time, or a page whose renderer died
// (crashed, killed, out of memory) or that was closed, fails with an error naming what was
// awaited and what to do, instead of hanging on a page that will never answer.

/** The part of puppeteer's Page a guard needs (a test can give a stand-in). */
export interface GuardedPage {
  url(): string;
  on(event: 'error' | 'close', handler: (e?: unknown) => void): unknown;
}

export class PageCrashedError extends Error {
  override name = 'PageCrashed';
}

export class PageTimeoutError extends Error {
  override name = 'PageTimeout';
}

export const CRASH_FIX = 'Run it again; if it crashes again at large inputs, the renderer probably ran out of memory: try a smaller batch or input size';

// The protocol's words when the target is gone before the 'error' event has arrived.
const GONE = /Target crashed|Target closed|Session closed|detached Frame|Execution context was destroyed/i;

const CRASHED = 'crashed (its renderer process died: killed, or out of memory)';

class Guard {
  gone: Error | null = null;
  private readonly waiting = new Set<(e: Error) => void>();

  constructor(private readonly page: GuardedPage) {
    page.on('error', () => this.fail(CRASHED));
    page.on('close', () => this.fail('was closed'));
  }

  fail(what: string): void {
    if (this.gone) return;
    this.gone = new PageCrashedError(`the page ${this.page.url()} ${what}`);
    for (const reject of this.waiting) reject(this.gone);
    this.waiting.clear();
  }

  goneWhile(what: string): Error {
    return new PageCrashedError(`${this.gone!.message} while ${what}. ${CRASH_FIX}`);
  }

  within<T>(what: string, ms: number, work: () => Promise<T>): Promise<T> {
    if (this.gone) return Promise.reject(this.goneWhile(what));
    return new Promise<T>((resolve, reject) => {
      const onGone = (): void => settle(() => reject(this.goneWhile(what)));
      const timer = setTimeout(() => settle(() => reject(new PageTimeoutError(`the page ${this.page.url()} did not finish ${what} within ${ms / 1000} s (its renderer may be hung, or the machine overloaded)`))), ms);
      const settle = (fn: () => void): void => {
        clearTimeout(timer);
        this.waiting.delete(onGone);
        fn();
      };
      this.waiting.add(onGone);
      work().then(
        (v) => settle(() => resolve(v)),
        // The protocol can report a dead target before the page's 'error' event arrives.
        (e: unknown) =>
          settle(() => {
            if (!this.gone && GONE.test(String((e as Error)?.message))) this.fail(CRASHED);
            reject(this.gone ? this.goneWhile(what) : e);
          }),
      );
    });
  }
}

const guards = new WeakMap<GuardedPage, Guard>();

function guardOf(page: GuardedPage): Guard {
  let g = guards.get(page);
  if (!g) guards.set(page, (g = new Guard(page)));
  return g;
}

/** Starts watching a page for its end (call it as soon as the page exists, so no crash is missed). */
export function guardPage(page: GuardedPage): void {
  guardOf(page);
}

/**
 * `work()` on `page`, `what` naming it for messages ("loading the bench page"): its result, or
 * PageTimeoutError after `ms`, or PageCrashedError as soon as the page dies.
 */
export function withinPage<T>(page: GuardedPage, what: string, ms: number, work: () => Promise<T>): Promise<T> {
  return guardOf(page).within(what, ms, work);
}

/** Why the page can no longer answer (crashed or closed); null while it can. */
export function pageGone(page: GuardedPage): Error | null {
  return guardOf(page).gone;
}

/** `p`, or an error naming `what` after `ms`: a wait on something that is not a page. */
export function within<T>(what: string, ms: number, p: Promise<T>, make = (m: string) => new Error(m)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(make(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
