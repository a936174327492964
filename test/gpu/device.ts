// The page's shared device: test modules call getDevice() instead of acquiring
// their own, because a second device would double GPU memory and hide leaks.
import { acquireDevice, type AdapterInfoRecord, type DeviceHandle } from '../../src/runtime/device';

export interface GpuSummary {
  adapterInfo: AdapterInfoRecord;
  features: string[];
  limits: Record<string, number>;
}

declare global {
  interface Window {
    gpuDevice?: Promise<DeviceHandle>;
    gpuReady?: Promise<GpuSummary>;
  }
}

export function getDevice(): Promise<DeviceHandle> {
  window.gpuDevice ??= acquireDevice();
  return window.gpuDevice;
}
