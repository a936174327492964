// Device ceilings (and variant choices, in their own file) outlive one run: a JSON file of the
// cache's entries (key -> measurement), the one file both hosts use. The browser host copies it in and out of the page's localStorage;
// the Node host reads and writes it through a store.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
// cache.js, not the ceilings index: the browser host's CLI must not load the WGSL microbenchmarks.
import { CEILINGS_CACHE_FAMILY, type KeyValueStore } from '../profiler/ceilings/cache.js';

export type CacheEntries = Record<string, string>;

/**
 * Entries whose keys start with `family` (the ceilings' by default; the tuner's have their own),
 * of every version: one file serves checkouts of several versions at once, so an entry this
 * version does not read (its key names another version) is kept, not dropped.
 */
export function readCacheFile(path: string, family = CEILINGS_CACHE_FAMILY): CacheEntries {
  if (!existsSync(path)) return {};
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).filter(([k, v]) => k.startsWith(family) && typeof v === 'string'));
  } catch {
    // A damaged cache only costs a measurement.
    return {};
  }
}

/** Written beside and renamed into place, so a run reading it while another writes never sees half a file. */
export function writeCacheFile(path: string, entries: CacheEntries): void {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify(entries));
  renameSync(partial, path);
}

/** The cache as a store: every write goes to the file at once, merged with what is there. */
export function fileStore(path: string, prefix = CEILINGS_CACHE_FAMILY): KeyValueStore {
  const read = () => readCacheFile(path, prefix);
  return {
    getItem: (key) => read()[key] ?? null,
    setItem(key, value) {
      try {
        writeCacheFile(path, { ...read(), [key]: value });
      } catch {
        // A read-only folder only costs a measurement next time.
      }
    },
    removeItem(key) {
      const { [key]: _gone, ...rest } = read();
      try {
        writeCacheFile(path, rest);
      } catch {
        // As above.
      }
    },
  };
}
