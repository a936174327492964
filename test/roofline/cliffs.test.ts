import { describe, expect, it } from 'vitest';
import { cachesFromCliffs, detectCliffs } from '../../src/analysis/roofline/cliffs.js';
import { DEFAULT_CACHES } from '../../src/analysis/seed.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** 2 points per octave from 16 KiB to 256 MiB, as the ceiling run measures. */
const SIZES = Array.from({ length: 29 }, (_, i) => Math.round(16 * KiB * 2 ** (i / 2)));

/** Deterministic ±amp relative noise (a fixed LCG), so the test never flakes. */
function noisy(values: number[], amp: number, seed = 7): number[] {
  let s = seed;
  return values.map((v) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return v * (1 + amp * (2 * (s / 2 ** 31) - 1));
  });
}

function curve(level: (bytes: number) => number, amp = 0) {
  const v = noisy(SIZES.map(level), amp);
  return SIZES.map((bytes, i) => ({ bytes, gbps: v[i] }));
}

/** Bandwidth that rises while launch cost dominates, as small sizes do on SwiftShader. */
const rampUp = (b: number, top: number) => Math.min(top, (top * b) / (256 * KiB));

describe('cliff detection', () => {
  it('finds one cliff between its bounds', () => {
    const cliffs = detectCliffs(curve((b) => (b <= 2 * MiB ? 40 : 15)));
    expect(cliffs).toHaveLength(1);
    const [c] = cliffs;
    expect(c.lastHighBytes).toBe(2 * MiB);
    expect(c.firstLowBytes).toBe(Math.round(2 * MiB * Math.SQRT2));
    expect(c.bytes).toBeGreaterThanOrEqual(2 * MiB);
    expect(c.bytes).toBeLessThanOrEqual(c.firstLowBytes);
    expect(c.beforeGbps).toBe(40);
    expect(c.afterGbps).toBe(15);
    expect(c.evidence).toMatch(/40\.00 GB\/s .* 15\.00 GB\/s .* ratio 0\.375 < 0\.75/);
  });

  it('finds two cliffs behind a launch-bound ramp', () => {
    const level = (b: number) => (b <= 64 * KiB ? 80 : b <= 4 * MiB ? 40 : 12);
    const cliffs = detectCliffs(curve((b) => Math.min(level(b), rampUp(b, 200))));
    // The ramp hides the 64 KiB level (bandwidth is still rising there), so only the later
    // fall is a cliff; without the ramp both show.
    expect(cliffs.map((c) => c.lastHighBytes)).toEqual([4 * MiB]);
    const both = detectCliffs(curve(level));
    expect(both.map((c) => c.lastHighBytes)).toEqual([64 * KiB, 4 * MiB]);
    expect(both[0].bytes).toBeLessThan(both[1].bytes);
  });

  it('finds the cliff through ±10 % noise and a gradual transition', () => {
    const level = (b: number) => (b <= 1 * MiB ? 30 : b >= 4 * MiB ? 9 : 30 - (21 * Math.log2(b / MiB)) / 2);
    const cliffs = detectCliffs(curve(level, 0.1));
    expect(cliffs).toHaveLength(1);
    expect(cliffs[0].bytes).toBeGreaterThan(1 * MiB);
    expect(cliffs[0].bytes).toBeLessThan(4 * MiB);
    expect(cliffs[0].ratio).toBeGreaterThan(0.2);
    expect(cliffs[0].ratio).toBeLessThan(0.45);
  });

  it('finds none in a flat noisy curve, a ramp, or a shallow fall', () => {
    expect(detectCliffs(curve(() => 20, 0.1))).toEqual([]);
    expect(detectCliffs(curve((b) => rampUp(b, 20), 0.05))).toEqual([]);
    expect(detectCliffs(curve((b) => (b <= 2 * MiB ? 20 : 16)))).toEqual([]);
  });

  it('ignores a single-point dip', () => {
    expect(detectCliffs(curve((b) => (b === SIZES[14] ? 5 : 20)))).toEqual([]);
  });

  it('needs a plateau of minPlateauPoints after the fall', () => {
    const late = curve((b) => (b <= 128 * MiB ? 20 : 5));
    expect(detectCliffs(late)).toEqual([]);
    // A two-point plateau also needs a window narrow enough not to smooth it away.
    expect(detectCliffs(late, { minPlateauPoints: 2, smoothWindow: 3 })).toHaveLength(1);
  });
});

describe('cache sizes from cliffs', () => {
  const cliff = (bytes: number) => ({ bytes, beforeGbps: 2, afterGbps: 1, ratio: 0.5, lastHighBytes: bytes, firstLowBytes: bytes, evidence: '' });

  it('keeps the seed sizes without cliffs', () => {
    expect(cachesFromCliffs([])).toMatchObject({ caches: DEFAULT_CACHES, source: 'seed' });
  });

  it('uses the two largest cliffs as L2 and L3', () => {
    const d = cachesFromCliffs([cliff(48 * KiB), cliff(2 * MiB), cliff(32 * MiB)]);
    expect(d).toMatchObject({ caches: { l2: 2 * MiB, l3: 32 * MiB }, source: 'detected' });
  });

  it('uses one cliff for both levels', () => {
    expect(cachesFromCliffs([cliff(3 * MiB)]).caches).toEqual({ l2: 3 * MiB, l3: 3 * MiB });
  });
});
