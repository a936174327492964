// Acquires one WebGPU device with the largest limits the adapter allows, so kernels
// for big activations are not capped by the spec's conservative defaults.

export interface AdapterInfoRecord {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
}

export interface DeviceHandle {
  device: GPUDevice;
  adapterInfo: AdapterInfoRecord;
  features: string[];
  limits: Record<string, number>;
  /** Set once the device is lost; a lost device silently produces no results. */
  lost: GPUDeviceLostInfo | null;
}

export interface AcquireOptions {
  powerPreference?: GPUPowerPreference;
  /** Optional features to request when the adapter has them. */
  wantFeatures?: GPUFeatureName[];
  /** The WebGPU entry point (default navigator.gpu); a host without navigator passes its own. */
  gpu?: GPU;
  /** Replaces the advice given when the entry point offers no adapter (it differs per host). */
  noAdapterHelp?: string;
}

const DEFAULT_FEATURES: GPUFeatureName[] = ['timestamp-query', 'subgroups' as GPUFeatureName];

// Raised to the adapter's maximum: activations of a 256x256 CNN exceed the 128 MiB /
// 16 KiB defaults on some layers, and bigger workgroups are worth trying per kernel.
const RAISED_LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
] as const;

export const CHROMIUM_WEBGPU_FLAGS =
  '--enable-unsafe-webgpu --enable-features=Vulkan --use-webgpu-adapter=swiftshader --disable-vulkan-surface';

function noGpuError(): Error {
  return new Error(
    'navigator.gpu is missing: WebGPU needs a secure context. Serve the page from ' +
      'http://localhost (not file:// or a LAN address) in a WebGPU-capable browser.',
  );
}

const CHROMIUM_ADAPTER_HELP =
  `Start Chromium with ${CHROMIUM_WEBGPU_FLAGS} (plus --headless --no-sandbox when headless); ` +
  'without --enable-unsafe-webgpu headless Chromium exposes no adapter.';

function noAdapterError(help: string): Error {
  return new Error(`requestAdapter() returned null: no WebGPU adapter. ${help}`);
}

export function readAdapterInfo(adapter: GPUAdapter): AdapterInfoRecord {
  const info = adapter.info;
  // isFallbackAdapter moved from GPUAdapter to GPUAdapterInfo; read either.
  const fallback =
    (info as { isFallbackAdapter?: boolean }).isFallbackAdapter ??
    (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter ??
    false;
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    isFallbackAdapter: fallback,
  };
}

function limitsRecord(limits: GPUSupportedLimits): Record<string, number> {
  const out: Record<string, number> = {};
  // Limits are prototype getters, so Object.keys would see nothing.
  for (const key in limits) {
    const value = (limits as unknown as Record<string, unknown>)[key];
    if (typeof value === 'number') out[key] = value;
  }
  return out;
}

function raisedLimits(adapter: GPUAdapter): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of RAISED_LIMITS) out[name] = adapter.limits[name];
  return out;
}

export async function acquireDevice(opts: AcquireOptions = {}): Promise<DeviceHandle> {
  const gpu = opts.gpu ?? (typeof navigator === 'undefined' ? undefined : navigator.gpu);
  if (!gpu) throw noGpuError();
  const adapter = await gpu.requestAdapter({
    powerPreference: opts.powerPreference ?? 'high-performance',
  });
  if (!adapter) throw noAdapterError(opts.noAdapterHelp ?? CHROMIUM_ADAPTER_HELP);
  const wanted = opts.wantFeatures ?? DEFAULT_FEATURES;
  const requiredFeatures = wanted.filter((f) => adapter.features.has(f));
  const device = await adapter.requestDevice({
    requiredFeatures,
    requiredLimits: raisedLimits(adapter),
  });
  const handle: DeviceHandle = {
    device,
    adapterInfo: readAdapterInfo(adapter),
    features: [...device.features].sort(),
    limits: limitsRecord(device.limits),
    lost: null,
  };
  void device.lost.then((info) => {
    handle.lost = info;
    // An explicit destroy() is not a failure worth reporting.
    if (info.reason !== 'destroyed') console.error(`WebGPU device lost (${info.reason}): ${info.message}`);
  });
  return handle;
}
