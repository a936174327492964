// Device ceilings outlive one `npm run bench`: each run's Chromium profile is temporary, so the
// page's cached measurements (localStorage) are copied into the page before the run and back to
// the cache file after it. The entries stay opaque here; the page decides which one fits its adapter.
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { withinPage } from '../harness/page-guard.js';
import { CEILINGS_CACHE_FAMILY } from '../profiler/ceilings/cache.js';
import { readCacheFile, writeCacheFile, type CacheEntries } from '../host/ceilings-file.js';

/** Beside other tools' caches in the repository's node_modules, whatever the working directory. */
export const CEILINGS_CACHE_FILE = fileURLToPath(new URL('../../node_modules/.cache/wgpu-ws-profiler/ceilings.json', import.meta.url));
/** The variant choices of --tune cached/full, per adapter, the same way. */
export const TUNING_CACHE_FILE = fileURLToPath(new URL('../../node_modules/.cache/wgpu-ws-profiler/tuning.json', import.meta.url));

type Entries = CacheEntries;

/** Copying a few localStorage entries: a page that takes longer is not answering. */
const CACHE_CALL_TIMEOUT_MS = 60_000;

// Strings, so no Node-side transform rewrites code that must run in the page.
const SEED = (entries: Entries) => `(() => { const e = ${JSON.stringify(entries)}; for (const k of Object.keys(e)) localStorage.setItem(k, e[k]); return true; })()`;
const COLLECT = (prefix: string) => `(() => { const out = {}; for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); if (k && k.startsWith(${JSON.stringify(prefix)})) out[k] = localStorage.getItem(k); } return out; })()`;

export async function seedPage(page: Page, path: string, prefix = CEILINGS_CACHE_FAMILY): Promise<void> {
  const entries = readCacheFile(path, prefix);
  if (Object.keys(entries).length) await withinPage(page, 'taking the cached measurements', CACHE_CALL_TIMEOUT_MS, () => page.evaluate(SEED(entries)));
}

export async function collectPage(page: Page, path: string, prefix = CEILINGS_CACHE_FAMILY): Promise<void> {
  const entries = (await withinPage(page, 'handing over its cached measurements', CACHE_CALL_TIMEOUT_MS, () => page.evaluate(COLLECT(prefix)))) as Entries;
  if (Object.keys(entries).length) writeCacheFile(path, { ...readCacheFile(path, prefix), ...entries });
}
