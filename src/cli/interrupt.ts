// Ctrl-C (SIGINT) and SIGTERM during a bench: the first stops the sweep at its next step, and
// the command writes the configurations done so far (marked incomplete), ends the processes it
// started and exits 128 + the signal's number; a second one exits at once, still ending them.
import { constants } from 'node:os';
import { cleanUpNow, ownInterrupts } from '../harness/cleanup.js';

export type InterruptSignal = 'SIGINT' | 'SIGTERM';

/**
 * Wrappers between the terminal and this process (npm, tsx) pass on a Ctrl-C that this process
 * also gets straight from the terminal: a repeat this soon after the first is the same Ctrl-C.
 */
export const SAME_INTERRUPT_MS = 500;


/** The conventional status of a process ended by `signal`: 130 for SIGINT, 143 for SIGTERM. */
export function signalExitCode(signal: InterruptSignal): number {
  return 128 + constants.signals[signal];
}

export interface Interrupts {
  /** Aborted by the first signal, its reason naming the signal. */
  readonly signal: AbortSignal;
  /** The signal that interrupted the run; null while none has. */
  readonly received: InterruptSignal | null;
  /** 130 or 143 once interrupted, else null. */
  exitCode(): number | null;
  /** Runs, synchronously, just before an exit at once (the second signal): saves what it can. */
  beforeForcedExit(fn: () => void): void;
  /** Gives the signals back to their default handling. */
  dispose(): void;
}

export interface InterruptOptions {
  /** Where the notices go (stderr, so stdout keeps what --json prints). */
  say?: (line: string) => void;
  exit?: (code: number) => void;
  now?: () => number;
}

const isInterrupt = (s: NodeJS.Signals): s is InterruptSignal => s === 'SIGINT' || s === 'SIGTERM';

export function watchInterrupts(o: InterruptOptions = {}): Interrupts {
  const say = o.say ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const exit = o.exit ?? ((code: number) => process.exit(code));
  const now = o.now ?? (() => performance.now());
  const controller = new AbortController();
  const savers: (() => void)[] = [];
  let received: InterruptSignal | null = null;
  let firstAt = 0;
  const forced = (signal: InterruptSignal): void => {
    say(`bench: ${signal} again: exiting at once`);
    for (const fn of savers.splice(0)) {
      try {
        fn();
      } catch (e) {
        say(`bench: could not save the partial results: ${(e as Error).message}`);
      }
    }
    cleanUpNow();
    exit(signalExitCode(received!));
  };
  const dispose = ownInterrupts((signal) => {
    if (!isInterrupt(signal)) return;
    if (received === null) {
      received = signal;
      firstAt = now();
      say(`bench: ${signal}: stopping after the current step and writing the configurations done so far (${signal === 'SIGINT' ? 'Ctrl-C' : 'the signal'} again exits at once)`);
      controller.abort(`interrupted by ${signal}`);
    } else if (now() - firstAt >= SAME_INTERRUPT_MS) forced(signal);
  });
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    exitCode: () => (received ? signalExitCode(received) : null),
    beforeForcedExit: (fn) => void savers.push(fn),
    dispose,
  };
}

/** How long an interrupted command may take to exit once its run has ended. */
const EXIT_GRACE_MS = 5_000;

/**
 * The command's exit status; after an interrupt, it also makes sure the process ends even if
 * something still holds the event loop open (the user asked it to stop).
 */
export function exitWith(code: number): void {
  process.exitCode = code;
  if (code === signalExitCode('SIGINT') || code === signalExitCode('SIGTERM')) setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
}
