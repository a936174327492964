import { describe, expect, it } from 'vitest';
import { quantile, summarize } from '../../src/profiler/stats.js';

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
  });

  it('refuses the quantile of an empty sample', () => {
    expect(() => quantile([], 0.5)).toThrow(/empty/);
  });
});
