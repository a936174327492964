// Stopping a sweep between steps (the page's Stop button, an interrupt of the CLI): the sweep
// checks its signal at every progress step, drops the configuration in progress (its engine and
// buffers are released on the way out) and returns the configurations done so far, marked
// incomplete.

export class SweepStoppedError extends Error {
  constructor(reason: string) {
    super(`the sweep was stopped (${reason})`);
    this.name = 'SweepStoppedError';
  }
}

export function stopReason(signal: AbortSignal): string {
  const r: unknown = signal.reason;
  return r instanceof Error ? r.message : typeof r === 'string' ? r : 'stopped';
}

/** Throws SweepStoppedError once the signal has fired. */
export function throwIfStopped(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new SweepStoppedError(stopReason(signal));
}

export function isStopped(err: unknown): boolean {
  return err instanceof SweepStoppedError || (err instanceof Error && err.name === 'SweepStoppedError');
}
