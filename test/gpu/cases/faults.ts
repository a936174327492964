// Page side of the fault tests: a device lost between two configurations (seen only through its
// `lost` promise, as a real loss is), with and without a new device to go on with.
import { installBufferTracker } from '../../../src/profiler/buffer-tracker';
import { acquireDevice, type DeviceHandle } from '../../../src/runtime/device';
import { runSweep } from '../../../src/sweep/sweep';
import type { Results, SweepOptions } from '../../../src/results/types';

const tracker = installBufferTracker();

/** Destroys the device once the first row is done; `recover` says whether the host can give a new one. */
export async function sweepLostBetween(opts: Partial<SweepOptions>, recover: boolean): Promise<Results> {
  const first = await acquireDevice();
  const mine: DeviceHandle[] = [first];
  try {
    return await runSweep(opts, {
      handle: first,
      tracker,
      host: { host: 'browser', userAgent: navigator.userAgent },
      onConfig: () => {
        if (!first.lost) first.device.destroy();
      },
      reacquire: async () => {
        if (!recover) throw new Error('requestAdapter() returned null (the test offers no new device)');
        const next = await acquireDevice();
        mine.push(next);
        return next;
      },
    });
  } finally {
    for (const h of mine) h.device.destroy();
  }
}
