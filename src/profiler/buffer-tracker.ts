// Sees every GPUBuffer a page creates by wrapping GPUDevice.prototype.createBuffer and
// GPUBuffer.prototype.destroy. Installed before any library creates its device, it measures
// our engine and peers (e.g. onnxruntime-web) the same way, with no cooperation from them.
import { BufferLedger, type BufferRecord, type LedgerScope } from './buffer-ledger.js';

export interface BufferTracker {
  readonly ledger: BufferLedger;
  ownerOf(device: GPUDevice): number;
  liveBytes(device: GPUDevice): number;
  peakBytes(device: GPUDevice): number;
  peakBuffers(device: GPUDevice): BufferRecord[];
  live(device: GPUDevice): BufferRecord[];
  /** Counts only the buffers `device` creates from now on (one measurement step). */
  scope(device: GPUDevice): LedgerScope;
  /** Destroys the scope's buffers that are still alive (what a failed step left behind). */
  destroyLeftovers(scope: LedgerScope): number;
  uninstall(): void;
}

const KEY = Symbol.for('wgpu-working-set-profiler.buffer-tracker');
type Global = typeof globalThis & { [KEY]?: BufferTracker };

/** Idempotent: every caller in the page gets the same tracker, installed once. */
export function installBufferTracker(): BufferTracker {
  const g = globalThis as Global;
  if (g[KEY]) return g[KEY];
  if (typeof GPUDevice === 'undefined' || typeof GPUBuffer === 'undefined') {
    throw new Error('WebGPU is not available here (no GPUDevice / GPUBuffer): cannot track GPU buffers');
  }
  g[KEY] = createTracker();
  return g[KEY];
}

/** The installed tracker, or undefined when nobody installed one. */
export function bufferTracker(): BufferTracker | undefined {
  return (globalThis as Global)[KEY];
}

function createTracker(): BufferTracker {
  const ledger = new BufferLedger(() => performance.now());
  const owners = new WeakMap<GPUDevice, number>();
  const ids = new WeakMap<GPUBuffer, number>();
  const refs = new Map<number, WeakRef<GPUBuffer>>();
  let nextOwner = 0;

  const ownerOf = (device: GPUDevice): number => {
    let o = owners.get(device);
    if (o === undefined) {
      owners.set(device, (o = ++nextOwner));
      const owner = o;
      // A lost device frees everything it held without any destroy() call.
      device.lost.then(() => dropAll(owner)).catch(() => undefined);
    }
    return o;
  };
  const dropAll = (owner: number): void => {
    for (const r of ledger.live(owner)) {
      ledger.destroy(r.id);
      refs.delete(r.id);
    }
  };

  const createBuffer = GPUDevice.prototype.createBuffer;
  const destroyBuffer = GPUBuffer.prototype.destroy;
  const destroyDevice = GPUDevice.prototype.destroy;
  GPUDevice.prototype.createBuffer = function (this: GPUDevice, desc: GPUBufferDescriptor): GPUBuffer {
    const buffer = createBuffer.call(this, desc);
    const id = ledger.create(ownerOf(this), desc.label ?? '', desc.size);
    ids.set(buffer, id);
    refs.set(id, new WeakRef(buffer));
    return buffer;
  };
  GPUBuffer.prototype.destroy = function (this: GPUBuffer): undefined {
    const id = ids.get(this);
    if (id !== undefined) {
      ledger.destroy(id);
      refs.delete(id);
    }
    return destroyBuffer.call(this);
  };
  GPUDevice.prototype.destroy = function (this: GPUDevice): undefined {
    dropAll(ownerOf(this));
    return destroyDevice.call(this);
  };

  return {
    ledger,
    ownerOf,
    liveBytes: (d) => ledger.liveBytes(ownerOf(d)),
    peakBytes: (d) => ledger.peakBytes(ownerOf(d)),
    peakBuffers: (d) => ledger.peakBuffers(ownerOf(d)),
    live: (d) => ledger.live(ownerOf(d)),
    scope: (d) => ledger.openScope(ownerOf(d)),
    destroyLeftovers(scope) {
      const left = scope.live();
      for (const r of left) refs.get(r.id)?.deref()?.destroy();
      return left.length;
    },
    uninstall() {
      GPUDevice.prototype.createBuffer = createBuffer;
      GPUBuffer.prototype.destroy = destroyBuffer;
      GPUDevice.prototype.destroy = destroyDevice;
      delete (globalThis as Global)[KEY];
    },
  };
}
