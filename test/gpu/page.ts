// Host page for GPU tests: acquires the one device every test module shares.
import type { GpuSummary } from './device';
import { getDevice } from './device';

const status = document.getElementById('status');

window.gpuReady = getDevice().then(
  (h): GpuSummary => {
    const summary = { adapterInfo: h.adapterInfo, features: h.features, limits: h.limits };
    if (status) status.textContent = JSON.stringify(summary, null, 2);
    return summary;
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    if (status) status.textContent = `WebGPU unavailable: ${message}`;
    throw err;
  },
);
// The harness reads gpuReady itself; this only stops a duplicate unhandled-rejection report.
window.gpuReady.catch(() => undefined);
