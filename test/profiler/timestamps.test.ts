import { describe, expect, it } from 'vitest';
import { relativeTimes } from '../../src/profiler/timestamps.js';

describe('timestamp pairs', () => {
  it('makes times relative to the earliest begin, exactly, beyond 2^53 ns', () => {
    const base = 2n ** 62n;
    const raw = BigInt64Array.from([base + 1000n, base + 3000n, base + 3500n, base + 9000n]);
    expect(relativeTimes(raw, 2)).toEqual({ beginNs: [0, 2500], endNs: [2000, 8000] });
  });

  it('keeps every written stamp as read, backwards pairs included, and nulls the unwritten ones', () => {
    const raw = BigInt64Array.from([100n, 200n, 300n, 300n, 0n, 500n, 600n, 550n]);
    expect(relativeTimes(raw, 4)).toEqual({ beginNs: [0, 200, null, 500], endNs: [100, 200, 400, 450] });
  });

  it('gives all nulls when nothing was written', () => {
    expect(relativeTimes(new BigInt64Array(4), 2)).toEqual({ beginNs: [null, null], endNs: [null, null] });
  });
});
