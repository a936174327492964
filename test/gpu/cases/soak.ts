// Page side of the soak tests: short sweeps with --soak on the shared device (the tracker's
// live buffers before and after each sweep too), and a soak of a target that really leaks
// GPU buffers, seen through the same tracker.
import { getDevice } from '../device';
import { installBufferTracker } from '../../../src/profiler/buffer-tracker';
import { soakEngine, trackedLiveBuffers, type SoakMeasurement } from '../../../src/profiler/soak';
import { runBenchSweep } from '../../../src/sweep/bench-run';
import type { StagedModel } from '../../../src/sweep/onnx-model';
import type { Results, SweepOptions } from '../../../src/results/types';

const tracker = installBufferTracker();

export interface SoakSweep {
  results: Results;
  /** The device's live buffers before the sweep and after it returned. */
  before: { buffers: number; bytes: number };
  after: { buffers: number; bytes: number };
}

export async function soakSweep(opts: Partial<SweepOptions>, staged: StagedModel | null): Promise<SoakSweep> {
  const handle = await getDevice();
  const live = trackedLiveBuffers(tracker, handle.device);
  const before = { buffers: live.count(), bytes: live.bytes() };
  const results = await runBenchSweep(opts, { handle, tracker, staged, host: { host: 'browser', userAgent: navigator.userAgent }, ceilingsStore: null, tuningStore: null });
  return { results, before, after: { buffers: live.count(), bytes: live.bytes() } };
}

/** A soak whose every run creates, and keeps, one 256-byte buffer on the real device. */
export async function leakingSoak(runs: number): Promise<SoakMeasurement> {
  const { device } = await getDevice();
  const kept: GPUBuffer[] = [];
  const first = { y: new Float32Array([1, 2, 3, 4]) };
  const target = {
    pipelinesCreated: 0,
    bindGroupsCreated: 0,
    async run() {
      kept.push(device.createBuffer({ label: 'leak', size: 256, usage: GPUBufferUsage.STORAGE }));
      return { y: first.y.slice() };
    },
  };
  try {
    return await soakEngine(target, {}, { runs, first, live: trackedLiveBuffers(tracker, device) });
  } finally {
    for (const b of kept) b.destroy();
  }
}
