// Last-resort cleanup so a crashed or interrupted run leaves no browser behind.
// Handlers here must be synchronous: on 'exit' the event loop is already gone.

type Cleanup = () => void;

const pending = new Set<Cleanup>();
let installed = false;
/** Set by a command that stops gracefully on SIGINT/SIGTERM and ends its children itself. */
let owner: ((signal: NodeJS.Signals) => void) | null = null;

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
  if (owner && signal !== 'SIGHUP') {
    owner(signal);
    return;
  }
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
 * Hands SIGINT and SIGTERM to `handler` instead of ending the children at once, so a command can
 * stop its work first and end them itself (a hung-up terminal, SIGHUP, still ends them at once).
 * Returns the function that gives the signals back.
 */
export function ownInterrupts(handler: (signal: NodeJS.Signals) => void): () => void {
  install();
  owner = handler;
  return () => {
    if (owner === handler) owner = null;
  };
}

/** Runs every registered cleanup now (the children die), for an exit that cannot wait. */
export function cleanUpNow(): void {
  runAll();
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
