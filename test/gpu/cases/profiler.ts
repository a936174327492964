// Page side of the profiler tests: sweeps on the shared device (recording what each engine
// says it owns, to reconcile the tracker's physical bytes exactly), the wall-clock fallback,
// and a device lost in the middle of a sweep.
import { getDevice } from '../device';
import { installBufferTracker } from '../../../src/profiler/buffer-tracker';
import { acquireDevice } from '../../../src/runtime/device';
import { runSweep } from '../../../src/sweep/sweep';
import type { SweepProgress } from '../../../src/sweep/progress';
import type { Results, SweepOptions } from '../../../src/results/types';

const tracker = installBufferTracker();

export interface EngineFootprint {
  batch: number;
  size: number | null;
  mode: 'arena' | 'pool';
  /** Sum of the planned activation buffers (arena: all created up front). */
  plannedBytes: number;
  /** Every buffer the engine owns, by its own account, right after creation. */
  owned: { label: string; size: number }[];
  dispatches: number;
}

export interface SweepRun {
  results: Results;
  engines: EngineFootprint[];
  phases: string[];
}

export async function profilerSweep(opts: Partial<SweepOptions>, logProgress = false): Promise<SweepRun> {
  const handle = await getDevice();
  const engines: EngineFootprint[] = [];
  const phases: string[] = [];
  const t0 = performance.now();
  const results = await runSweep(opts, {
    handle,
    tracker,
    host: { host: 'browser', userAgent: navigator.userAgent },
    onProgress: (p: SweepProgress) => {
      phases.push(`${p.config}:${p.phase}`);
      if (logProgress) console.log(`${(performance.now() - t0).toFixed(0)} ms config ${p.config} ${p.phase}: ${p.message}`);
    },
    onEngine: (e, c) =>
      engines.push({ ...c, plannedBytes: e.plan.assignment.buffers.reduce((a, b) => a + b, 0), owned: e.ownedBuffers(), dispatches: e.dispatches.length }),
  });
  return { results, engines, phases };
}

/** A sweep on a fresh device that is destroyed during the first configuration's timed runs. */
export async function sweepWithLostDevice(opts: Partial<SweepOptions>): Promise<Results> {
  const handle = await acquireDevice();
  let destroyed = false;
  return runSweep(opts, {
    handle,
    tracker,
    host: { host: 'browser', userAgent: navigator.userAgent },
    onProgress: (p) => {
      if (!destroyed && p.phase === 'rep') {
        destroyed = true;
        handle.device.destroy();
      }
    },
  });
}

export interface StoppedSweep {
  results: Results;
  /** Live buffers and bytes the tracker saw before the sweep and after it returned. */
  before: { buffers: number; bytes: number };
  after: { buffers: number; bytes: number };
}

/** A sweep stopped during the second configuration's timed runs. */
export async function sweepStoppedMidway(opts: Partial<SweepOptions>): Promise<StoppedSweep> {
  const handle = await getDevice();
  const live = () => ({ buffers: tracker.live(handle.device).length, bytes: tracker.liveBytes(handle.device) });
  const before = live();
  const stop = new AbortController();
  const results = await runSweep(opts, {
    handle,
    tracker,
    host: { host: 'browser', userAgent: navigator.userAgent },
    signal: stop.signal,
    onProgress: (p) => {
      if (p.config === 1 && p.phase === 'rep') stop.abort('stopped by the test');
    },
  });
  return { results, before, after: live() };
}

/** The standalone report for a results document, rendered with the page's DOM. */
export async function renderReport(results: Results): Promise<string> {
  const { reportHtml } = await import('../../../src/report/html');
  return reportHtml(results);
}
