// The page's run state and entry point, on window so a headless runner can drive and follow
// it: runBench(options) resolves with the results; benchState mirrors progress and errors.
import { installBufferTracker } from '../src/profiler/buffer-tracker';
import { acquireDevice, type DeviceHandle } from '../src/runtime/device';
import { runSweep } from '../src/sweep/sweep';
import type { SweepProgress } from '../src/sweep/progress';
import { resolveOptions } from '../src/sweep/options';
import { sweepSetup } from '../src/sweep/sweep-setup';
import type { ConfigResult, Results, SweepOptions } from '../src/results/types';
import { benchCeilings, progressMessage } from './ceilings';
import { stagedModel } from './model-stage';

// Before any device exists, so every buffer of every library in this page is seen.
const tracker = installBufferTracker();

export interface BenchProgress extends SweepProgress {
  /** 0..1 over the whole sweep. */
  fraction: number;
  elapsedMs: number;
}

export interface BenchState {
  status: 'idle' | 'running' | 'done' | 'error';
  progress: BenchProgress | null;
  /** Rows finished so far in the current run. */
  rows: ConfigResult[];
  results?: Results;
  error?: { name: string; message: string; stack?: string };
}

export interface BenchListener {
  onState?(s: BenchState): void;
  onRow?(row: ConfigResult): void;
}

declare global {
  interface Window {
    benchState: BenchState;
    runBench(options?: Partial<SweepOptions>): Promise<Results>;
  }
}

window.benchState = { status: 'idle', progress: null, rows: [] };
const listeners: BenchListener[] = [];
let device: Promise<DeviceHandle> | undefined;

export function listen(l: BenchListener): void {
  listeners.push(l);
}

function update(patch: Partial<BenchState>): void {
  window.benchState = { ...window.benchState, ...patch };
  for (const l of listeners) l.onState?.(window.benchState);
}

/** One device per page, replaced when lost so the page stays usable after a device loss. */
async function getDevice(): Promise<DeviceHandle> {
  const current = device ? await device.catch(() => undefined) : undefined;
  if (!current || current.lost) device = acquireDevice();
  return device!;
}

function fraction(p: SweepProgress): number {
  const within = p.phase === 'done' ? 1 : p.steps ? (p.phase === 'rep' ? 0.3 + (0.6 * p.step!) / p.steps : 0.3) : 0.1;
  return (p.config + within) / p.configs;
}

/** Progress of the ceilings step, shaped like the sweep's so one display serves both. */
function ceilingsProgress(opts: SweepOptions, message: string, t0: number): BenchProgress {
  const points = opts.inputShapes?.length ?? opts.batches.length * opts.sizes.length;
  const first = { batch: opts.batches[0] ?? 1, size: opts.sizes[0] ?? null, label: '', mode: opts.modes[0] };
  return { config: 0, configs: points * opts.modes.length, ...first, phase: 'ceilings', message, fraction: 0, elapsedMs: performance.now() - t0 };
}

export async function runBench(options: Partial<SweepOptions> = {}): Promise<Results> {
  if (window.benchState.status === 'running') throw new Error('a run is already in progress; wait for it to finish');
  const t0 = performance.now();
  update({ status: 'running', progress: null, rows: [], results: undefined, error: undefined });
  try {
    const opts = resolveOptions(options);
    const handle = await getDevice();
    update({ progress: ceilingsProgress(opts, `device ceilings (${opts.ceilings})`, t0) });
    const ceilings = await benchCeilings(handle, opts.ceilings, (p) => update({ progress: ceilingsProgress(opts, progressMessage(p), t0) }));
    // The staged ONNX model (if any) and the onnxruntime-web peers (if compared).
    const { model, peers } = sweepSetup(opts, stagedModel());
    const results = await runSweep(opts, {
      handle,
      tracker,
      ceilings,
      model,
      peers,
      onProgress: (p) => update({ progress: { ...p, fraction: fraction(p), elapsedMs: performance.now() - t0 } }),
      onConfig: (row) => {
        update({ rows: [...window.benchState.rows, row] });
        for (const l of listeners) l.onRow?.(row);
      },
    });
    update({ status: 'done', results });
    return results;
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    update({ status: 'error', error: { name: e.name, message: e.message, stack: e.stack } });
    throw e;
  }
}

window.runBench = runBench;
