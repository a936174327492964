// Placeholder bench page: the harness polls window.benchState to follow a run.
declare global {
  interface Window {
    benchState: { status: string };
  }
}

window.benchState = { status: 'idle' };

export {};
