// Device ceilings for one bench run. 'cached' reads a full or bench-preset measurement made
// earlier on this adapter (the store: the page's localStorage, or a file the host keeps) and
// measures the short bench preset when there is none; 'quick' and 'full' measure now; 'off'
// skips the roofline.
import {
  BENCH_CEILING_OPTIONS,
  DEFAULT_CEILING_OPTIONS,
  QUICK_CEILING_OPTIONS,
  findCachedCeilings,
  getCeilings,
  type CeilingOptions,
  type KeyValueStore,
  type MeasureProgress,
} from '../profiler/ceilings/index.js';
import { ceilingsResult } from '../results/ceilings.js';
import type { DeviceHandle } from '../runtime/device.js';
import type { CeilingsMode, CeilingsPreset, CeilingsResult } from '../results/types.js';

const PRESETS: Record<CeilingsPreset, CeilingOptions> = { quick: QUICK_CEILING_OPTIONS, bench: BENCH_CEILING_OPTIONS, full: DEFAULT_CEILING_OPTIONS };

const KiB = 1024;

export function progressMessage(p: MeasureProgress): string {
  if (p.kernelClass) return `device ceilings: kernel roof ${p.kernelClass}`;
  if (!p.point) return `device ceilings: ${p.kind}`;
  const size = p.point.bytes >= KiB * KiB ? `${(p.point.bytes / KiB / KiB).toFixed(1)} MiB` : `${(p.point.bytes / KiB).toFixed(0)} KiB`;
  return `device ceilings: ${p.kind} ${size} ${p.point.gbps.toFixed(2)} GB/s`;
}

/** `store` undefined: the page's localStorage when there is one; null: no cache. */
export async function benchCeilings(handle: DeviceHandle, mode: CeilingsMode, onProgress?: (p: MeasureProgress) => void, store?: KeyValueStore | null): Promise<CeilingsResult | null> {
  if (mode === 'off') return null;
  const t0 = performance.now();
  if (mode === 'cached') {
    // A full measurement, when one was ever made here, beats the short preset.
    const hit = findCachedCeilings(handle, [PRESETS.full, PRESETS.bench], store);
    if (hit) return ceilingsResult(hit.ceilings, { mode, preset: hit.index === 0 ? 'full' : 'bench', fromCache: true, cacheKey: hit.key, stepMs: performance.now() - t0 });
  }
  const preset: CeilingsPreset = mode === 'cached' ? 'bench' : mode;
  const r = await getCeilings(handle, { ...PRESETS[preset], force: true, onProgress, store });
  return ceilingsResult(r.ceilings, { mode, preset, fromCache: false, cacheKey: r.key, stepMs: performance.now() - t0 });
}
