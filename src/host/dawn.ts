// WebGPU in plain Node: Dawn's bindings (the `webgpu` package) installed as the browser's globals
// (GPUDevice, GPUBuffer, ...), so the engine, the buffer tracker and onnxruntime-web run on them
// unchanged, and navigator.gpu for the libraries that look there.
import { icdFiles, ICD_DIRS } from './vulkan.js';

/**
 * Dawn quantizes timestamps (to 65,536 ns steps) unless told not to; per-dispatch times of
 * microseconds need the raw values, as the browser host gets with its developer flags.
 */
export const DAWN_FLAGS: readonly string[] = ['disable-dawn-features=timestamp_quantization'];

interface WebgpuModule {
  create(flags: string[]): GPU;
  globals: Record<string, unknown>;
}

export interface DawnGpu {
  gpu: GPU;
  /** Node's, the package's and the platform's versions: the host's userAgent. */
  userAgent: string;
}

export class DawnUnavailableError extends Error {
  override name = 'DawnUnavailableError';
}

async function loadWebgpu(): Promise<{ mod: WebgpuModule; version: string }> {
  try {
    const mod = (await import('webgpu')) as unknown as WebgpuModule;
    const pkg = (await import('webgpu/package.json', { with: { type: 'json' } })) as { default: { version: string } };
    return { mod, version: pkg.default.version };
  } catch (e) {
    throw new DawnUnavailableError(
      `the Node host needs the optional package 'webgpu' (Dawn's Node bindings), which did not load (${(e as Error).message}). ` +
        'Install it with `npm install` (without --omit=optional) or `npm install webgpu`.',
    );
  }
}

/**
 * onnxruntime-web's wasm memory is a SharedArrayBuffer in Node (browsers give pages without
 * cross-origin isolation a plain one), and Dawn's writeBuffer refuses shared memory: upload a copy.
 */
function acceptSharedUploads(queue: { prototype: GPUQueue }): void {
  const writeBuffer = queue.prototype.writeBuffer;
  queue.prototype.writeBuffer = function (this: GPUQueue, buffer: GPUBuffer, offset: number, data: BufferSource | SharedArrayBuffer, dataOffset?: number, size?: number): undefined {
    const shared = data instanceof SharedArrayBuffer ? data : ArrayBuffer.isView(data) && data.buffer instanceof SharedArrayBuffer ? data.buffer : null;
    if (!shared) return writeBuffer.call(this, buffer, offset, data as BufferSource, dataOffset, size);
    // Offsets and sizes count elements of a typed array, bytes of a buffer.
    const unit = ArrayBuffer.isView(data) ? ((data as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT ?? 1) : 1;
    const start = (ArrayBuffer.isView(data) ? data.byteOffset : 0) + (dataOffset ?? 0) * unit;
    const bytes = size === undefined ? (ArrayBuffer.isView(data) ? data.byteLength : shared.byteLength) - (dataOffset ?? 0) * unit : size * unit;
    return writeBuffer.call(this, buffer, offset, new Uint8Array(shared, start, bytes).slice(), 0, bytes);
  } as GPUQueue['writeBuffer'];
}

function exposeOnNavigator(gpu: GPU, userAgent: string): void {
  const g = globalThis as { navigator?: object };
  // Node 21+ has a navigator (with a userAgent of its own); Node 20 has none.
  if (!g.navigator) g.navigator = { userAgent };
  Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
}

let created: DawnGpu | undefined;

/** Once per process: Dawn's globals on globalThis, and its GPU (also as navigator.gpu). */
export async function createDawnGpu(): Promise<DawnGpu> {
  if (created) return created;
  const { mod, version } = await loadWebgpu();
  Object.assign(globalThis, mod.globals);
  acceptSharedUploads(mod.globals.GPUQueue as { prototype: GPUQueue });
  const gpu = mod.create([...DAWN_FLAGS]);
  const userAgent = `Node.js ${process.version}; webgpu ${version} (Dawn); ${process.platform}-${process.arch}`;
  exposeOnNavigator(gpu, userAgent);
  created = { gpu, userAgent };
  return created;
}

/** What to check when Dawn offers no adapter, with the driver manifests this machine has. */
export function noAdapterHelp(env: Record<string, string | undefined> = process.env): string {
  const named = env.VK_ICD_FILENAMES ?? env.VK_DRIVER_FILES;
  const found = icdFiles();
  const icds = named ? `VK_ICD_FILENAMES=${named}` : found.length ? `driver manifests ${found.join(', ')}` : `no driver manifest in ${ICD_DIRS.join(', ')}`;
  return (
    `Dawn found no Vulkan device (${icds}). Install the GPU's Vulkan driver, or point VK_ICD_FILENAMES at a driver's ICD JSON ` +
    "(SwiftShader's comes with Debian's chromium); the loader's own complaint, when it has one, is printed above."
  );
}
