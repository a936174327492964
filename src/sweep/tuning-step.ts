// The sweep's tuner: one per run, so nodes with equal signatures in different configurations
// (arena and pool, repeated shapes) share a tuning, and the budget bounds the whole run.
import { defaultStore, type KeyValueStore } from '../profiler/ceilings/cache.js';
import { Tuner } from '../profiler/tuning/index.js';
import type { DeviceHandle } from '../runtime/device.js';
import type { PipelineCache } from '../runtime/pipelines.js';
import type { SweepOptions, TuningResult } from '../results/types.js';
import { tuningResult } from '../results/variants.js';

/** Timed runs per candidate after its warm-up: the median of 3 resists one disturbed run. */
export const TUNE_RUNS = 3;

/** `store` undefined: the page's localStorage when there is one; null: no cache. */
export function createTuner(opts: SweepOptions, handle: DeviceHandle, pipelines: PipelineCache, store?: KeyValueStore | null, onProgress?: (message: string) => void): Tuner {
  const a = handle.adapterInfo;
  return new Tuner({
    mode: opts.tune,
    pins: opts.kernelVariants,
    budgetMs: opts.tuneBudgetMs,
    runs: TUNE_RUNS,
    timestamps: opts.timestamps && handle.features.includes('timestamp-query'),
    adapter: { vendor: a.vendor, architecture: a.architecture, device: a.device, description: a.description },
    store: store === undefined ? defaultStore() : store,
    pipelines,
    onProgress,
  });
}

export function tunerResult(t: Tuner, opts: SweepOptions): TuningResult {
  return tuningResult(t.stats, TUNE_RUNS, opts.kernelVariants);
}
