// Page side of the fault tests: device losses the sweep did not cause, seen only as a real loss
// is (the device's `lost` promise and the errors that follow), on the small fan-out model.
import { installBufferTracker } from '../../../src/profiler/buffer-tracker';
import { acquireDevice, type DeviceHandle } from '../../../src/runtime/device';
import { runSweep } from '../../../src/sweep/sweep';
import { resolveOptions } from '../../../src/sweep/options';
import { sweepSetup } from '../../../src/sweep/sweep-setup';
import type { Results, SweepOptions } from '../../../src/results/types';

const tracker = installBufferTracker();

export interface LossCase {
  opts: Partial<SweepOptions>;
  model: Uint8Array;
  /** 'idle': the device is lost before the sweep starts; a number: during that configuration (1-based), at its build step. */
  when: 'idle' | number;
  /** Whether the host can give a new device. */
  recover: boolean;
}

export async function sweepWithExternalLoss(c: LossCase): Promise<Results> {
  const first = await acquireDevice();
  const mine: DeviceHandle[] = [first];
  const opts = resolveOptions(c.opts);
  if (c.when === 'idle') {
    first.device.destroy();
    await first.device.lost;
  }
  try {
    return await runSweep(opts, {
      handle: first,
      tracker,
      host: { host: 'browser', userAgent: navigator.userAgent },
      model: sweepSetup(opts, { name: 'fanout.onnx', bytes: c.model }).model,
      onProgress: (p) => {
        if (p.config + 1 === c.when && p.phase === 'build' && !first.lost) first.device.destroy();
      },
      reacquire: async () => {
        if (!c.recover) throw new Error('requestAdapter() returned null (the test offers no new device)');
        const next = await acquireDevice();
        mine.push(next);
        return next;
      },
    });
  } finally {
    for (const h of mine) h.device.destroy();
  }
}
