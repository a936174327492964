// The mean of quantized spans is unbiased only when a span's start falls at a uniformly random
// phase of the quantum. Back-to-back runs can lock to the host's timer ticks (each run starts when
// a readback callback fires), so a short node can land on the same side of a tick in every run.
// A random busy-wait of up to one quantum before each submit spreads the phases again.

/** The longest wait: a coarse quantum (e.g. 100 us in stock browsers, 1 ms emulated) costs at most this per run. */
const MAX_DITHER_MS = 2;

/** Waits a uniformly random time in [0, quantum) before a submit; nothing when stamps are not quantized. */
export function ditherPhase(quantumNs: number | null | undefined, random: () => number = Math.random): void {
  if (!quantumNs || quantumNs <= 1) return;
  const waitMs = Math.min(MAX_DITHER_MS, quantumNs / 1e6) * random();
  const end = performance.now() + waitMs;
  while (performance.now() < end) {
    // A busy-wait: timers are themselves quantized to about a millisecond.
  }
}
