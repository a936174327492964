// The sweep's device, kept alive across losses. When the device is lost (really, or destroyed by
// --inject-device-loss) the keeper records the loss, asks the host for a new device and rebuilds
// what holds GPU objects (the pipeline cache; the tuner is pointed at it), so the remaining
// configurations run. The tuner's choices and the timestamp-quantum detector hold no GPU objects
// and carry over (the new device comes from the same adapter). When no new device can be had, it
// says why, and the remaining rows are marked as not run.
import type { DeviceHandle } from '../runtime/device.js';
import { PipelineCache } from '../runtime/pipelines.js';
import type { DeviceLossRecord } from '../results/types.js';

/** How long to wait for a lost device's `lost` promise when the loss was seen first as an error. */
const LOST_INFO_WAIT_MS = 2000;

export class DeviceKeeper {
  readonly losses: DeviceLossRecord[] = [];
  /** Why the sweep has no device any more (the rows after it are not run); null while it has one. */
  dead: string | null = null;
  private destroyedByUs: GPUDevice | null = null;

  constructor(
    public handle: DeviceHandle,
    public pipelines: PipelineCache,
    private readonly reacquire: (() => Promise<DeviceHandle>) | undefined,
    private readonly onReplaced: (pipelines: PipelineCache) => void,
  ) {}

  /** Destroys the device, as a real loss would take it (--inject-device-loss). */
  inject(): void {
    this.destroyedByUs = this.handle.device;
    this.handle.device.destroy();
  }

  /** The device was lost since the last configuration: recover before running the next one. */
  lostBetween(): boolean {
    return !this.dead && this.handle.lost !== null;
  }

  /**
   * Records the loss of the current device and tries for a new one.
   * `config`: the 1-based configuration it was lost in, or null (between configurations).
   */
  async recover(config: number | null, during: string): Promise<DeviceLossRecord> {
    const info = await lostInfo(this.handle);
    const injected = this.destroyedByUs === this.handle.device;
    const t0 = performance.now();
    let recoveryError: string | null = null;
    try {
      if (!this.reacquire) throw new Error('this host gives the sweep no way to acquire a new device');
      const next = await this.reacquire();
      if (next.lost || next.device === this.handle.device) throw new Error('the host handed back a lost device');
      this.handle = next;
      this.pipelines = new PipelineCache(next.device);
      this.onReplaced(this.pipelines);
    } catch (e) {
      recoveryError = e instanceof Error ? e.message : String(e);
      this.dead = `${info.reason}: ${info.message}; no new device could be acquired (${recoveryError})`;
    }
    const record: DeviceLossRecord = {
      config,
      during,
      reason: info.reason,
      message: info.message,
      injected,
      recovered: recoveryError === null,
      recoveryMs: recoveryError === null ? performance.now() - t0 : null,
      recoveryError,
    };
    this.losses.push(record);
    return record;
  }
}

/** The loss as the device reports it; a loss seen first as an error gets a moment to be reported. */
async function lostInfo(handle: DeviceHandle): Promise<{ reason: string; message: string }> {
  const timeout = new Promise<null>((r) => setTimeout(() => r(null), LOST_INFO_WAIT_MS));
  const info = handle.lost ?? (await Promise.race([handle.device.lost, timeout]));
  if (!info) return { reason: 'unknown', message: 'the device stopped working without reporting a loss' };
  return { reason: info.reason, message: info.message };
}

/** What a device-lost row says about the loss and what followed. */
export function lossRowMessage(r: DeviceLossRecord): string {
  const cause = r.injected ? 'destroyed by --inject-device-loss' : `${r.reason}: ${r.message || 'no message'}`;
  const after = r.recovered
    ? `a new device was acquired in ${(r.recoveryMs ?? 0).toFixed(0)} ms and ran the remaining configurations`
    : `no new device could be acquired (${r.recoveryError}); the remaining configurations were not run`;
  return `the GPU device was lost during this configuration (${cause}); ${after}`;
}
