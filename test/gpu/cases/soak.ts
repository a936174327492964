// Page side of the soak tests: short sweeps with a soak on the shared device (the tracker's
// live buffers before and after each sweep too), and a soak of a target that really leaks
// GPU buffers, seen through the same tracker.
import { getDevice } from '../device';
import { installBufferTracker } from '../../../src/profiler/buffer-tracker';
import { soakEngine, trackedLiveBuffers, type SoakMeasurement } from '../../../src/profiler/soak';
import { PipelineCache } from '../../../src/runtime/pipelines';
import { resolveOptions } from '../../../src/sweep/options';
import { sweepSetup } from '../../../src/sweep/sweep-setup';
import { runSweep } from '../../../src/sweep/sweep';
import type { StagedModel } from '../../../src/sweep/onnx-model';
import type { Results, SweepOptions } from '../../../src/results/types';

const tracker = installBufferTracker();
// Both sweeps share their compiled pipelines: compiling is most of a short sweep's time here.
let pipelines: PipelineCache | undefined;

export interface SoakSweep {
  results: Results;
  /** The device's live buffers before the sweep and after it returned. */
  before: { buffers: number; bytes: number };
  after: { buffers: number; bytes: number };
}

export async function soakSweep(options: Partial<SweepOptions>, staged: StagedModel | null): Promise<SoakSweep> {
  const handle = await getDevice();
  pipelines ??= new PipelineCache(handle.device);
  const live = trackedLiveBuffers(tracker, handle.device);
  const before = { buffers: live.count(), bytes: live.bytes() };
  const opts = resolveOptions(options);
  const { model } = sweepSetup(opts, staged);
  const results = await runSweep(opts, { handle, tracker, model, pipelines, host: { host: 'browser', userAgent: navigator.userAgent } });
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
