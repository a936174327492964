// Results of earlier runs in this browser, in IndexedDB: every finished run (stopped ones too) is
// kept, newest first, within a cap on the number of runs and on their bytes; the oldest go first.
// Run summaries and documents sit in two stores, so listing never reads the documents.
import type { Results } from '../src/results/types';

export const HISTORY_LIMITS = { runs: 20, bytes: 32 * 2 ** 20 };

export interface StoredRun {
  id: number;
  savedAt: string;
  model: string;
  adapter: string;
  createdAt: string;
  configs: number;
  /** Configurations planned, when the run was stopped before it finished. */
  planned: number | null;
  failed: number;
  /** Size of the stored JSON document. */
  bytes: number;
}

export interface SaveOutcome {
  saved: StoredRun | null;
  /** Runs dropped to stay within the limits. */
  evicted: number;
  /** Why the run was not kept, when it was not. */
  reason?: string;
}

const DB = 'wgpu-working-set-profiler';
const RUNS = 'runs';
const DOCS = 'docs';

/**
 * The runs to drop, oldest first, so that the newest ones fit both limits. `runs` is in the
 * order they were saved (oldest first), the one just saved last.
 */
export function planEviction(runs: readonly Pick<StoredRun, 'id' | 'bytes'>[], limits = HISTORY_LIMITS): number[] {
  let count = 0;
  let bytes = 0;
  let keepFrom = runs.length;
  for (let i = runs.length - 1; i >= 0; i--) {
    if (count + 1 > limits.runs || bytes + runs[i].bytes > limits.bytes) break;
    count++;
    bytes += runs[i].bytes;
    keepFrom = i;
  }
  return runs.slice(0, keepFrom).map((r) => r.id);
}

export function runSummaryOf(r: Results, bytes: number): Omit<StoredRun, 'id' | 'savedAt'> {
  const a = r.environment.adapter;
  return {
    model: r.model.name,
    adapter: [a.vendor, a.architecture].filter(Boolean).join(' ') || a.description || 'unknown adapter',
    createdAt: r.createdAt,
    configs: r.configs.length,
    planned: r.incomplete ? r.incomplete.configsPlanned : null,
    failed: r.configs.filter((c) => c.status !== 'ok').length,
    bytes,
  };
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

let opened: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new Error('this browser has no IndexedDB, so earlier runs are not kept'));
  opened ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(RUNS, { keyPath: 'id', autoIncrement: true });
      req.result.createObjectStore(DOCS);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
    req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab of this page; close it and reload'));
  });
  opened.catch(() => (opened = undefined));
  return opened;
}

async function transaction<T>(mode: IDBTransactionMode, body: (runs: IDBObjectStore, docs: IDBObjectStore) => Promise<T>): Promise<T> {
  const tx = (await open()).transaction([RUNS, DOCS], mode);
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted (storage full?)'));
  });
  const value = await body(tx.objectStore(RUNS), tx.objectStore(DOCS));
  await done;
  return value;
}

/** Oldest first. */
export function listRuns(): Promise<StoredRun[]> {
  return transaction('readonly', (runs) => request(runs.getAll() as IDBRequest<StoredRun[]>));
}

export async function saveRun(r: Results, json = JSON.stringify(r)): Promise<SaveOutcome> {
  const bytes = new Blob([json]).size;
  if (bytes > HISTORY_LIMITS.bytes) return { saved: null, evicted: 0, reason: `its results document (${(bytes / 2 ** 20).toFixed(1)} MB) is larger than the ${HISTORY_LIMITS.bytes / 2 ** 20} MB kept in this browser` };
  return transaction('readwrite', async (runs, docs) => {
    const entry = { ...runSummaryOf(r, bytes), savedAt: new Date().toISOString() };
    const id = (await request(runs.add(entry))) as number;
    docs.put(json, id);
    const all = (await request(runs.getAll())) as StoredRun[];
    const evict = planEviction(all);
    for (const old of evict) {
      runs.delete(old);
      docs.delete(old);
    }
    return { saved: { ...entry, id }, evicted: evict.length };
  });
}

export async function loadRun(id: number): Promise<Results> {
  const json = await transaction('readonly', (_runs, docs) => request(docs.get(id) as IDBRequest<string | undefined>));
  if (json === undefined) throw new Error(`run #${id} is no longer kept in this browser`);
  return JSON.parse(json) as Results;
}

export function deleteRun(id: number): Promise<void> {
  return transaction('readwrite', async (runs, docs) => {
    runs.delete(id);
    docs.delete(id);
  });
}

export function clearRuns(): Promise<void> {
  return transaction('readwrite', async (runs, docs) => {
    runs.clear();
    docs.clear();
  });
}
