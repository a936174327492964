// GPU allocations that fail loudly. WebGPU never throws from createBuffer: a buffer the device
// cannot grant comes back invalid, and the error goes to the innermost error scope or, without
// one, to the console. So every buffer and query set is created inside its own out-of-memory
// and validation scopes, and its size is checked against maxBufferSize first; settle() awaits
// all the scopes at once (one round trip, not one per buffer) and raises the first failure,
// naming what was asked for and how many bytes.
import { BufferLimitError, GpuOutOfMemoryError, GpuValidationError, withErrorScopes } from './errors.js';

const MiB = (b: number): string => `${(b / 2 ** 20).toFixed(1)} MiB`;

/** The usual way out: the activations shrink with the batch and the input size. */
export const SMALLER_RUN_HINT = 'use a smaller batch or input size';

/** What a buffer is for, in words the user can act on. */
export interface AllocationPurpose {
  /** e.g. "arena buffer #0 (first tensor 'input', 12 tensors)" or "readback of the outputs y1, y2". */
  what: string;
  /** How to make it smaller (default SMALLER_RUN_HINT). */
  hint?: string;
}

interface Pending {
  purpose: AllocationPurpose;
  bytes: number;
  errors: Promise<[GPUError | null, GPUError | null]>;
}

/** Throws BufferLimitError when `bytes` exceed the limit: the device would refuse the buffer anyway. */
export function checkBufferSize(purpose: AllocationPurpose, bytes: number, maxBufferSize: number): void {
  if (bytes <= maxBufferSize) return;
  throw new BufferLimitError(
    `${purpose.what} needs ${bytes} bytes (${MiB(bytes)}), more than this device's maxBufferSize of ${maxBufferSize} bytes (${MiB(maxBufferSize)}); ${purpose.hint ?? SMALLER_RUN_HINT}`,
  );
}

export class Allocations {
  private pending: Pending[] = [];
  private readonly made: { destroy(): void }[] = [];

  /** `maxBufferSize`: the device's, or a tighter one the caller emulates. */
  constructor(
    readonly device: GPUDevice,
    private readonly maxBufferSize = device.limits.maxBufferSize,
  ) {}

  buffer(desc: GPUBufferDescriptor, purpose: AllocationPurpose): GPUBuffer {
    checkBufferSize(purpose, desc.size, this.maxBufferSize);
    return this.scoped(purpose, desc.size, () => this.device.createBuffer(desc));
  }

  querySet(desc: GPUQuerySetDescriptor, purpose: AllocationPurpose): GPUQuerySet {
    return this.scoped(purpose, desc.count * 8, () => this.device.createQuerySet(desc));
  }

  /** Raises the first allocation the device refused since the last settle(). */
  async settle(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    const results = await Promise.all(pending.map((p) => p.errors));
    results.forEach(([validation, oom], i) => {
      const { purpose, bytes } = pending[i];
      const asked = `${purpose.what}: ${bytes} bytes (${MiB(bytes)}) asked for`;
      if (oom) throw new GpuOutOfMemoryError(`out of GPU memory creating ${asked}; the device refused it (${oom.message}); ${purpose.hint ?? SMALLER_RUN_HINT}`);
      if (validation) throw new GpuValidationError(`GPU validation error creating ${asked}: ${validation.message}`);
    });
  }

  /**
   * Runs `fn` (which may create more allocations) inside the usual error scopes; when anything
   * fails, a refused allocation is the error raised, since what fails after it is its consequence.
   */
  async run<T>(what: string, fn: () => T): Promise<Awaited<T>> {
    try {
      const value = await withErrorScopes(this.device, what, fn);
      await this.settle();
      return value;
    } catch (e) {
      await this.settle();
      throw e;
    }
  }

  /** Destroys everything created through this object (after a failure, before anyone owns it). */
  destroyAll(): void {
    for (const x of this.made.splice(0)) x.destroy();
    this.pending = [];
  }

  private scoped<T extends { destroy(): void }>(purpose: AllocationPurpose, bytes: number, create: () => T): T {
    this.device.pushErrorScope('out-of-memory');
    this.device.pushErrorScope('validation');
    let made: T;
    try {
      made = create();
    } finally {
      const validation = this.device.popErrorScope();
      const oom = this.device.popErrorScope();
      this.pending.push({ purpose, bytes, errors: Promise.all([validation, oom]) });
    }
    this.made.push(made);
    return made;
  }
}
