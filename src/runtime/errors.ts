// Errors the runtime raises instead of letting GPU validation or OOM errors pass silently.

export class GpuOutOfMemoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GpuOutOfMemoryError';
  }
}

/** A buffer larger than maxBufferSize: the device would refuse it, so it is not even asked. */
export class BufferLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BufferLimitError';
  }
}

export class GpuValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GpuValidationError';
  }
}

export class DeviceLostError extends Error {
  constructor(reason: string) {
    super(`the GPU device was lost (${reason}); results after this point would be empty. Reload the page or restart the run.`);
    this.name = 'DeviceLostError';
  }
}

/** Runs `fn` inside out-of-memory and validation error scopes and rethrows what they caught. */
export async function withErrorScopes<T>(device: GPUDevice, what: string, fn: () => T): Promise<Awaited<T>> {
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let value: Awaited<T>;
  try {
    value = await fn();
  } finally {
    const validation = await device.popErrorScope();
    const oom = await device.popErrorScope();
    if (oom) throw new GpuOutOfMemoryError(`out of GPU memory while ${what}: ${oom.message}`);
    if (validation) throw new GpuValidationError(`GPU validation error while ${what}: ${validation.message}`);
  }
  return value!;
}
