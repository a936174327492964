// The phase dither before each quantized submit: up to one quantum (capped), none when unquantized.
import { describe, expect, it } from 'vitest';
import { ditherPhase } from '../../src/profiler/dither';

const waited = (quantumNs: number | null, r: number): number => {
  const t0 = performance.now();
  ditherPhase(quantumNs, () => r);
  return performance.now() - t0;
};

describe('ditherPhase', () => {
  it('waits the drawn fraction of the quantum', () => {
    expect(waited(1_000_000, 0.6)).toBeGreaterThanOrEqual(0.6);
  });
  it('caps the wait at 2 ms for coarse quanta', () => {
    const ms = waited(50_000_000, 0.99);
    expect(ms).toBeGreaterThanOrEqual(1.98);
    expect(ms).toBeLessThan(40);
  });
  it('does not wait when stamps are not quantized', () => {
    expect(waited(1, 0.99)).toBeLessThan(0.5);
    expect(waited(null, 0.99)).toBeLessThan(0.5);
  });
});
