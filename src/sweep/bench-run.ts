// One bench run as every host runs it, once it has a device and a buffer tracker: the device
// ceilings, the model and peers the options ask for, then the sweep. The page (bench/state.ts)
// and the Node host (src/host/) differ only in how they get the device and where they report.
import type { BufferTracker } from '../profiler/buffer-tracker.js';
import type { KeyValueStore } from '../profiler/ceilings/index.js';
import type { DeviceHandle } from '../runtime/device.js';
import type { ConfigResult, HostInfo, Results, SweepOptions } from '../results/types.js';
import { benchCeilings, progressMessage } from './ceilings-step.js';
import type { StagedModel } from './onnx-model.js';
import { resolveOptions } from './options.js';
import { progressFraction, type SweepProgress } from './progress.js';
import { sweepSetup } from './sweep-setup.js';
import { runSweep } from './sweep.js';

export interface BenchProgress extends SweepProgress {
  /** 0..1 over the whole sweep. */
  fraction: number;
  elapsedMs: number;
}

export interface BenchRunContext {
  handle: DeviceHandle;
  tracker: BufferTracker;
  host: HostInfo;
  /** An ONNX model to run instead of the built-in network. */
  staged?: StagedModel | null;
  /** Where cached ceilings live (default: localStorage when there is one). */
  ceilingsStore?: KeyValueStore | null;
  /** Where variant choices are cached (default: localStorage when there is one). */
  tuningStore?: KeyValueStore | null;
  onProgress?(p: BenchProgress): void;
  onConfig?(row: ConfigResult): void;
  /** Stops the sweep at its next step (see stop.ts). */
  signal?: AbortSignal;
  /** A new device after a loss (see SweepContext.reacquire). */
  reacquire?(): Promise<DeviceHandle>;
}

/** Progress of the ceilings step, shaped like the sweep's so one display serves both. */
function ceilingsProgress(opts: SweepOptions, message: string, t0: number): BenchProgress {
  const points = opts.inputShapes?.length ?? opts.batches.length * opts.sizes.length;
  const first = { batch: opts.batches[0] ?? 1, size: opts.sizes[0] ?? null, label: '', mode: opts.modes[0] };
  return { config: 0, configs: points * opts.modes.length, ...first, phase: 'ceilings', message, fraction: 0, elapsedMs: performance.now() - t0 };
}

export async function runBenchSweep(options: Partial<SweepOptions>, ctx: BenchRunContext): Promise<Results> {
  const t0 = performance.now();
  const report = (p: BenchProgress) => ctx.onProgress?.(p);
  const opts = resolveOptions(options);
  report(ceilingsProgress(opts, `device ceilings (${opts.ceilings})`, t0));
  const ceilings = await benchCeilings(ctx.handle, opts.ceilings, (p) => report(ceilingsProgress(opts, progressMessage(p), t0)), ctx.ceilingsStore);
  // The staged ONNX model (if any) and the onnxruntime-web peers (if compared).
  const { model, peers } = sweepSetup(opts, ctx.staged ?? null);
  return runSweep(opts, {
    handle: ctx.handle,
    tracker: ctx.tracker,
    host: ctx.host,
    ceilings,
    model,
    peers,
    onProgress: (p) => report({ ...p, fraction: progressFraction(p), elapsedMs: performance.now() - t0 }),
    onConfig: ctx.onConfig,
    tuningStore: ctx.tuningStore,
    signal: ctx.signal,
    reacquire: ctx.reacquire?.bind(ctx),
  });
}
