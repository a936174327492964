// The bench in plain Node: Dawn's GPU instead of a page's, the same run steps (src/sweep/bench-run.ts)
// and the same results. The ceilings cache is the file the browser host copies into its pages.
import { useOrtImports } from '../peers/ort.js';
import { installBufferTracker } from '../profiler/buffer-tracker.js';
import type { ConfigResult, Results, SweepOptions } from '../results/types.js';
import { acquireDevice, readAdapterInfo, type AdapterInfoRecord } from '../runtime/device.js';
import { runBenchSweep, type BenchProgress } from '../sweep/bench-run.js';
import type { StagedModel } from '../sweep/onnx-model.js';
import { fileStore } from './ceilings-file.js';
import { TUNING_CACHE_PREFIX } from '../profiler/tuning/signature.js';
import { createDawnGpu, noAdapterHelp } from './dawn.js';

export interface NodeBenchOptions {
  sweep: Partial<SweepOptions>;
  staged: StagedModel | null;
  ceilingsFile: string;
  /** Where variant choices are cached; null: nowhere. */
  tuningFile: string | null;
  onProgress?(p: BenchProgress): void;
  onConfig?(row: ConfigResult): void;
  /** Stops the sweep at its next step; the results then hold the configurations done (incomplete). */
  signal?: AbortSignal;
}

export async function runNodeBench(o: NodeBenchOptions): Promise<Results> {
  const dawn = await createDawnGpu();
  useOrtImports({ jsep: () => import('onnxruntime-web/all') });
  // After Dawn's globals exist and before any device does, as in the page.
  const tracker = installBufferTracker();
  const acquire = () => acquireDevice({ gpu: dawn.gpu, noAdapterHelp: noAdapterHelp() });
  const handle = await acquire();
  // Devices acquired after a loss are this host's too, destroyed with the first.
  const handles = [handle];
  try {
    return await runBenchSweep(o.sweep, {
      handle,
      reacquire: async () => {
        const next = await acquire();
        handles.push(next);
        return next;
      },
      tracker,
      host: { host: 'node', userAgent: dawn.userAgent },
      staged: o.staged,
      ceilingsStore: fileStore(o.ceilingsFile),
      tuningStore: o.tuningFile ? fileStore(o.tuningFile, TUNING_CACHE_PREFIX) : null,
      onProgress: o.onProgress,
      onConfig: o.onConfig,
      signal: o.signal,
    });
  } finally {
    for (const h of handles) h.device.destroy();
  }
}

export interface SeenAdapter extends AdapterInfoRecord {
  /** The requests that returned it. */
  asked: string[];
}

const REQUESTS: [string, GPURequestAdapterOptions][] = [
  ['high-performance', { powerPreference: 'high-performance' }],
  ['low-power', { powerPreference: 'low-power' }],
  ['fallback', { forceFallbackAdapter: true }],
];

/** WebGPU has no enumeration: every adapter the usual requests return, once each. */
export async function listAdapters(): Promise<SeenAdapter[]> {
  const { gpu } = await createDawnGpu();
  const seen = new Map<string, SeenAdapter>();
  for (const [name, request] of REQUESTS) {
    const adapter = await gpu.requestAdapter(request);
    if (!adapter) continue;
    const info = readAdapterInfo(adapter);
    const key = JSON.stringify(info);
    const entry = seen.get(key) ?? { ...info, asked: [] };
    entry.asked.push(name);
    seen.set(key, entry);
  }
  return [...seen.values()];
}
