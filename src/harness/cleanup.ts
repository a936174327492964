// Last-resort cleanup so a crashed or interrupted run leaves no browser behind.
// Handlers here must be synchronous: on 'exit' the event loop is already gone.

type Cleanup = () => void;

const pending = new Set<Cleanup>();
let installed = false;

function runAll(): void {
  for (const fn of [...pending]) {
    pending.delete(fn);
    try {
      fn();
    } catch {
      // Best effort: one failing cleanup must not skip the others.
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  runAll();
  process.off(signal, onSignal);
  // Only re-raise when nobody else handles the signal, so the default
  // (terminate) still happens; otherwise the other handler decides.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', runAll);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
}

/** Registers a synchronous cleanup; call the returned function once cleaned up normally. */
export function onProcessExit(fn: Cleanup): () => void {
  install();
  pending.add(fn);
  return () => {
    pending.delete(fn);
  };
}

/**
 * Kills a detached child's whole process group (Chromium forks GPU/renderer helpers).
 * Targets only the group: a bare pid may already have been reused by an unrelated process.
 */
export function killProcessGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // No member of the group is left.
  }
}
