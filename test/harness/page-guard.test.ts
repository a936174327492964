// Bounded waits on a page, on a stand-in page: a call that does not answer fails naming what it
// waited for; a page that crashes fails every call at once, naming what was awaited and the fix.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CRASH_FIX, guardPage, pageGone, within, withinPage, type GuardedPage } from '../../src/harness/page-guard';

function fakePage(): GuardedPage & EventEmitter {
  return Object.assign(new EventEmitter(), { url: () => 'http://localhost:1234/bench/index.html' });
}

const never = () => new Promise<never>(() => undefined);

describe('withinPage', () => {
  it('passes results and errors through', async () => {
    const page = fakePage();
    await expect(withinPage(page, 'answering', 1000, async () => 42)).resolves.toBe(42);
    await expect(withinPage(page, 'answering', 1000, () => Promise.reject(new TypeError('bad')))).rejects.toThrow(TypeError);
  });

  it('fails a call that does not answer in time, naming the page and what it waited for', async () => {
    const err = await withinPage(fakePage(), 'answering a progress poll', 50, never).catch((e: Error) => e);
    expect(err).toMatchObject({ name: 'PageTimeout' });
    expect((err as Error).message).toBe('the page http://localhost:1234/bench/index.html did not finish answering a progress poll within 0.05 s (its renderer may be hung, or the machine overloaded)');
  });

  it('fails a pending call as soon as the page crashes, and every later call at once', async () => {
    const page = fakePage();
    const t0 = performance.now();
    const pending = withinPage(page, 'running the sweep', 60_000, never).catch((e: Error) => e);
    page.emit('error', new Error('Page crashed!'));
    const err = (await pending) as Error;
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(err.name).toBe('PageCrashed');
    expect(err.message).toBe(`the page http://localhost:1234/bench/index.html crashed (its renderer process died: killed, or out of memory) while running the sweep. ${CRASH_FIX}`);
    expect(pageGone(page)?.name).toBe('PageCrashed');
    await expect(withinPage(page, 'stopping', 60_000, async () => 1)).rejects.toThrow(/crashed .* while stopping/);
  });

  it("reads the protocol's 'Target crashed' as the crash it is, even before the page's event", async () => {
    const err = await withinPage(fakePage(), 'answering', 1000, () => Promise.reject(new Error('Protocol error (Runtime.evaluate): Target crashed'))).catch((e: Error) => e);
    expect(err).toMatchObject({ name: 'PageCrashed' });
  });

  it('says a closed page was closed', async () => {
    const page = fakePage();
    guardPage(page);
    page.emit('close');
    await expect(withinPage(page, 'answering', 1000, async () => 1)).rejects.toThrow('the page http://localhost:1234/bench/index.html was closed while answering');
  });
});

describe('within', () => {
  it('names what did not finish', async () => {
    await expect(within('starting the Vite dev server', 20, never())).rejects.toThrow('starting the Vite dev server did not finish within 0.02 s');
    await expect(within('x', 1000, Promise.resolve('ok'))).resolves.toBe('ok');
  });
});
