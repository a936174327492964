import { describe, expect, it } from 'vitest';
import { chanceOfStepLog2, CONFIRM_BITS, quantizeStamps, QuantumDetector } from '../../src/profiler/quantum.js';
import { mulberry32 } from './synthetic.js';

/** Nanosecond stamps of consecutive passes starting near 2^50 ns (beyond 2^53 after a while is fine too). */
function stamps(n: number, rand: () => number, base = 2n ** 50n): BigInt64Array {
  const out = new BigInt64Array(n);
  let t = base + BigInt(Math.floor(rand() * 1e9));
  for (let i = 0; i < n; i++) out[i] = t += BigInt(1 + Math.floor(rand() * 300_000));
  return out;
}

describe('timestamp quantum detection', () => {
  it('finds no quantum in nanosecond stamps', () => {
    const d = new QuantumDetector();
    d.add(stamps(200, mulberry32(1)));
    const r = d.result();
    expect(r).toMatchObject({ quantumNs: 1, stamps: 200, commonStepNs: 1, confirmed: false });
  });

  it('finds Dawn mask steps (65,536 ns) and an emulated 1 ms quantum exactly', () => {
    for (const q of [65_536, 1_000_000, 100_000]) {
      const raw = stamps(40, mulberry32(q));
      quantizeStamps(raw, q);
      const d = new QuantumDetector();
      d.add(raw);
      const r = d.result();
      expect(r.quantumNs, `q=${q}`).toBe(q);
      expect(r.confirmed).toBe(true);
      expect(r.chanceLog2!).toBeLessThan(-CONFIRM_BITS);
    }
    const raw = stamps(40, mulberry32(3));
    quantizeStamps(raw, 65_536);
    const d = new QuantumDetector();
    d.add(raw);
    expect(d.result().powerOfTwoNs).toBeGreaterThanOrEqual(65_536);
  });

  it('sees a grid with an offset (the GCD of differences, not of the values)', () => {
    const raw = stamps(30, mulberry32(4));
    quantizeStamps(raw, 4096);
    for (let i = 0; i < raw.length; i++) raw[i] += 7n;
    const d = new QuantumDetector();
    d.add(raw);
    expect(d.result()).toMatchObject({ quantumNs: 4096, powerOfTwoNs: 1 });
  });

  it('does not confirm a small step that chance explains: 2 ns over a few stamps, any step from two stamps', () => {
    // Even nanosecond values: a step of 2 is certain, but only 8 differences are 2^-8-ish evidence.
    const raw = BigInt64Array.from([2n, 10n, 40n, 64n, 100n, 2006n, 3000n, 3002n, 9000n]);
    const d = new QuantumDetector();
    d.add(raw);
    expect(d.result()).toMatchObject({ quantumNs: 1, commonStepNs: 2, confirmed: false });
    const two = new QuantumDetector();
    two.add(BigInt64Array.from([1_000_000n, 5_000_000n]));
    expect(two.result()).toMatchObject({ quantumNs: 1, commonStepNs: 4_000_000, confirmed: false });
    expect(chanceOfStepLog2(4_000_000, 1)).toBe(0);
  });

  it('needs more stamps to confirm a smaller step, as the chance bound says', () => {
    // 2^-20: a 65,536 ns step from 4 stamps (3 differences; 2 leave about 2^-16); 2 ns needs 21 differences.
    expect(chanceOfStepLog2(65_536, 2)).toBeGreaterThan(-CONFIRM_BITS);
    expect(chanceOfStepLog2(65_536, 3)).toBeLessThan(-CONFIRM_BITS);
    expect(chanceOfStepLog2(2, 20)).toBeGreaterThan(-CONFIRM_BITS);
    expect(chanceOfStepLog2(2, 21)).toBeLessThan(-CONFIRM_BITS);
  });

  it('ignores unwritten (zero) stamps and reports nothing before the first stamp', () => {
    const d = new QuantumDetector();
    expect(d.result()).toMatchObject({ quantumNs: null, stamps: 0 });
    d.add(new BigInt64Array(8));
    expect(d.result().stamps).toBe(0);
  });

  it('quantizes by rounding down, leaving zeros alone, and refuses a nonsense quantum', () => {
    const raw = BigInt64Array.from([0n, 999_999n, 1_000_000n, 2_500_001n]);
    quantizeStamps(raw, 1_000_000);
    expect([...raw]).toEqual([0n, 0n, 1_000_000n, 2_000_000n]);
    expect(() => quantizeStamps(raw, 0)).toThrow(/positive integer/);
  });
});
