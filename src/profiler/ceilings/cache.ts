// Per-adapter cache of ceiling measurements in localStorage, so a bench page run can skip
// the ~half-minute measurement. The key covers what changes the numbers: the adapter's
// identity, its limits and the measurement options.
import type { AdapterKey, CeilingOptions, DeviceCeilings } from './types.js';

/** The subset of Web Storage the cache uses; tests pass an in-memory one. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Keys of every version of the cache start with this; a cache file keeps them all. */
export const CEILINGS_CACHE_FAMILY = 'wgpu-ws-profiler:ceilings:';
/** Every entry this version reads and writes starts with this (the CLI mirrors such entries to disk). */
export const CEILINGS_CACHE_PREFIX = `${CEILINGS_CACHE_FAMILY}v3:`;
const PREFIX = CEILINGS_CACHE_PREFIX;

/** FNV-1a, 32-bit, hex: short stable keys for long JSON. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function ceilingsCacheKey(adapter: AdapterKey, limits: Record<string, number>, opts: CeilingOptions): string {
  const sortedLimits = Object.keys(limits)
    .sort()
    .map((k) => [k, limits[k]]);
  const identity = JSON.stringify({ a: [adapter.vendor, adapter.architecture, adapter.device, adapter.description], l: sortedLimits, o: opts });
  return `${PREFIX}${adapter.vendor}/${adapter.architecture}:${hash(identity)}`;
}

export function defaultStore(): KeyValueStore | null {
  try {
    return (globalThis as { localStorage?: KeyValueStore }).localStorage ?? null;
  } catch {
    // Storage access throws in some sandboxed or opaque-origin pages.
    return null;
  }
}

export function loadCeilings(store: KeyValueStore | null, key: string): DeviceCeilings | null {
  const text = store?.getItem(key);
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as DeviceCeilings;
    return parsed.version === 3 ? parsed : null;
  } catch {
    store!.removeItem(key);
    return null;
  }
}

export function saveCeilings(store: KeyValueStore | null, key: string, c: DeviceCeilings): void {
  try {
    store?.setItem(key, JSON.stringify(c));
  } catch {
    // A full or disabled storage only costs a re-measurement next time.
  }
}
