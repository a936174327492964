import { describe, expect, it } from 'vitest';
import { median, medianIndex, quantile, stable, summarize, usableSamples } from '../../src/util/stats.js';

describe('summary statistics', () => {
  it('interpolates quantiles linearly between order statistics', () => {
    const s = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantile(s, 0.5)).toBeCloseTo(5.5, 12);
    expect(quantile(s, 0.1)).toBeCloseTo(1.9, 12);
    expect(quantile(s, 0.9)).toBeCloseTo(9.1, 12);
    expect(quantile([7], 0.9)).toBe(7);
  });

  it('sorts its input and gives median, p10 and p90', () => {
    expect(summarize([30, 10, 20])).toEqual({ median: 20, p10: 12, p90: 28 });
    expect(summarize([4, 2])).toEqual({ median: 3, p10: 2.2, p90: 3.8 });
  });

  it('drops zeros, negatives, NaN and nulls: they are broken timestamps, not times', () => {
    expect(summarize([0, -1, NaN, null, undefined, Infinity, 5])).toEqual({ median: 5, p10: 5, p90: 5 });
    expect(summarize([0, 0])).toBeNull();
    expect(summarize([])).toBeNull();
    expect(usableSamples([3, 0, null, -2, NaN, 1])).toEqual([3, 1]);
  });

  it('refuses the quantile of an empty sample', () => {
    expect(() => quantile([], 0.5)).toThrow(/empty/);
  });
});

describe('median and the median sample', () => {
  it('median is the summary median, NaN when nothing is usable', () => {
    expect(median([5, 1, 3, 2])).toBe(2.5);
    expect(median([0, null])).toBeNaN();
  });

  it('medianIndex names the lower middle sample, skipping unusable ones', () => {
    expect(medianIndex([30, 10, 20])).toBe(2);
    expect(medianIndex([4, 1, 3, 2])).toBe(3);
    expect(medianIndex([null, 0, 9])).toBe(2);
    expect(medianIndex([7, 7, 7, 7])).toBe(1);
    expect(medianIndex([null, -1])).toBe(-1);
  });
});

describe('stability of repeats', () => {
  it('gives the spread (p90 - p10) / median and the range of the usable samples', () => {
    const s = stable([10, 0, 12, 11], 'copy 1 MiB');
    expect(s).toMatchObject({ median: 11, min: 10, max: 12, count: 3 });
    expect(s.spread).toBeCloseTo((11.8 - 10.2) / 11, 12);
  });

  it('throws, naming the measurement, when no sample is usable', () => {
    expect(() => stable([0, -1], 'fma')).toThrow(/no usable samples for fma/);
  });
});
