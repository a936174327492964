// The page's run state and entry point, on window so a headless runner can drive and follow
// it: runBench(options) resolves with the results; benchState mirrors progress and errors.
import { installBufferTracker } from '../src/profiler/buffer-tracker';
import { acquireDevice, type DeviceHandle } from '../src/runtime/device';
import { runBenchSweep, type BenchProgress } from '../src/sweep/bench-run';
import { resolveOptions } from '../src/sweep/options';
import type { ConfigResult, Results, SweepOptions } from '../src/results/types';
import { adapterText, hostText } from '../src/report/format';
import { stagedModel } from './model-stage';

// Before any device exists, so every buffer of every library in this page is seen. Without
// WebGPU there is nothing to track: the page still loads and says why a run cannot start.
let trackerError: Error | undefined;
const tracker = (() => {
  try {
    return installBufferTracker();
  } catch (e) {
    trackerError = e as Error;
    return undefined;
  }
})();

export interface BenchState {
  status: 'idle' | 'running' | 'done' | 'error';
  progress: BenchProgress | null;
  /** Rows finished so far in the current run. */
  rows: ConfigResult[];
  results?: Results;
  /** The host and adapter of the current device, once there is one. */
  device?: string;
  /** The adapter in a few words (vendor and architecture), for the tab title. */
  adapter?: string;
  error?: { name: string; message: string; stack?: string };
  /** GPU buffers still alive on the page's device once the last run ended (stopped or not). */
  liveAfter?: { buffers: number; bytes: number };
}

export interface BenchListener {
  onState?(s: BenchState): void;
  onRow?(row: ConfigResult): void;
}

declare global {
  interface Window {
    benchState: BenchState;
    runBench(options?: Partial<SweepOptions>): Promise<Results>;
    /** Stops the run in progress at its next step; runBench then resolves with the configurations done (results.incomplete). */
    stopBench(reason?: string): boolean;
  }
}

window.benchState = { status: 'idle', progress: null, rows: [] };
const listeners: BenchListener[] = [];
let device: Promise<DeviceHandle> | undefined;
let stopper: AbortController | undefined;

export function listen(l: BenchListener): void {
  listeners.push(l);
}

function update(patch: Partial<BenchState>): void {
  window.benchState = { ...window.benchState, ...patch };
  for (const l of listeners) l.onState?.(window.benchState);
}

/** One device per page, replaced when lost so the page stays usable after a device loss. */
async function getDevice(): Promise<DeviceHandle> {
  if (trackerError) throw trackerError;
  const current = device ? await device.catch(() => undefined) : undefined;
  if (!current || current.lost) device = acquireDevice();
  return device!;
}

/** The sweep's way to go on after a loss: the page's device is replaced, for this run and the next. */
function replaceDevice(): Promise<DeviceHandle> {
  device = acquireDevice();
  return device;
}

function deviceFacts(handle: DeviceHandle): Pick<BenchState, 'device' | 'adapter'> {
  const a = handle.adapterInfo;
  return {
    device: `Host: ${hostText({ host: 'browser' })}. Adapter: ${adapterText({ adapter: a })}.`,
    adapter: [a.vendor, a.architecture].filter(Boolean).join(' ') || a.description || 'unnamed adapter',
  };
}

/** The page's device before any run, so the header can name the adapter; its buffers are counted like a run's. */
export async function probeDevice(): Promise<DeviceHandle> {
  const handle = await getDevice();
  update(deviceFacts(handle));
  return handle;
}

function liveOn(handle: DeviceHandle | undefined): BenchState['liveAfter'] {
  if (!handle || !tracker) return undefined;
  const live = tracker.live(handle.device);
  return { buffers: live.length, bytes: live.reduce((sum, b) => sum + b.bytes, 0) };
}

export async function runBench(options: Partial<SweepOptions> = {}): Promise<Results> {
  if (window.benchState.status === 'running') throw new Error('a run is already in progress; wait for it to finish');
  update({ status: 'running', progress: null, rows: [], results: undefined, error: undefined, liveAfter: undefined });
  stopper = new AbortController();
  let handle: DeviceHandle | undefined;
  try {
    const opts = resolveOptions(options);
    handle = await getDevice();
    update(deviceFacts(handle));
    const results = await runBenchSweep(opts, {
      handle,
      tracker: tracker!,
      host: { host: 'browser', userAgent: navigator.userAgent },
      staged: stagedModel(),
      signal: stopper.signal,
      reacquire: replaceDevice,
      onProgress: (p) => update({ progress: p }),
      onConfig: (row) => {
        update({ rows: [...window.benchState.rows, row] });
        for (const l of listeners) l.onRow?.(row);
      },
    });
    update({ status: 'done', results, liveAfter: liveOn(handle) });
    return results;
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    update({ status: 'error', error: { name: e.name, message: e.message, stack: e.stack }, liveAfter: liveOn(handle) });
    throw e;
  } finally {
    stopper = undefined;
  }
}

/** Whether a run was in progress to stop. */
export function stopBench(reason = 'stopped from the page'): boolean {
  if (!stopper) return false;
  stopper.abort(reason);
  return true;
}

window.runBench = runBench;
window.stopBench = stopBench;
