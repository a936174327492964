// The bench page's pure parts: the ETA on the progress line, the tab title, which runs the
// browser forgets first, and where a dropped file goes.
import { describe, expect, it } from 'vitest';
import { durationText, etaMs, progressText } from '../../bench/progress';
import { pageTitle, quantumWords } from '../../bench/heading';
import { HISTORY_LIMITS, planEviction } from '../../bench/history';
import type { BenchProgress } from '../../src/sweep/bench-run';
import type { Results } from '../../src/results/types';

const progress = (fraction: number, elapsedMs: number): BenchProgress => ({ config: 1, configs: 4, batch: 2, size: 64, label: 'b2@64', mode: 'pool', phase: 'rep', step: 1, steps: 3, message: '', fraction, elapsedMs });

describe('progress line', () => {
  it('extrapolates the time left from the elapsed time and the fraction done', () => {
    expect(etaMs({ fraction: 0.25, elapsedMs: 10_000 })).toBeCloseTo(30_000, 6);
    expect(etaMs({ fraction: 0.5, elapsedMs: 7_000 })).toBeCloseTo(7_000, 6);
    // Too early to say, and nothing left.
    expect(etaMs({ fraction: 0.01, elapsedMs: 1_000 })).toBeNull();
    expect(etaMs({ fraction: 1, elapsedMs: 1_000 })).toBeNull();
  });

  it('names the configuration, the phase and the time left', () => {
    expect(progressText(progress(0.25, 10_000))).toBe('config 2/4: b2@64 pool, rep 1/3 · 10 s elapsed, about 30 s left');
    expect(progressText(progress(0.02, 500))).toBe('config 2/4: b2@64 pool, rep 1/3 · 1 s elapsed, time left: estimated after the first steps');
    expect(durationText(185_000)).toBe('3 min 05 s');
  });
});

describe('tab title', () => {
  it('names the model, then the adapter, host and quantum once known', () => {
    expect(pageTitle({ model: 'm.onnx' })).toBe('WebGPU working-set profiler: m.onnx');
    expect(pageTitle({ model: 'm.onnx', adapter: 'google swiftshader', host: 'browser', quantum: 'timestamp quantum 65.5 us' })).toBe('WebGPU working-set profiler: m.onnx (google swiftshader, browser, timestamp quantum 65.5 us)');
  });

  it('says how the timestamps were', () => {
    const timing = (t: Partial<NonNullable<Results['timing']>>) => ({ timing: t }) as Results;
    expect(quantumWords(timing({ method: 'mean-of-quantized', quantumNs: 65536 }))).toBe('timestamp quantum 65.5 us');
    expect(quantumWords(timing({ method: 'median', quantumNs: 1 }))).toBe('ns timestamps');
    expect(quantumWords(timing({ method: 'wall-clock', quantumNs: null }))).toBe('no timestamps');
  });
});

describe('kept runs', () => {
  const runs = (bytes: number[]) => bytes.map((b, i) => ({ id: i + 1, bytes: b }));

  it('keeps the newest runs within the count and byte limits, dropping the oldest', () => {
    expect(planEviction(runs([10, 10, 10]), { runs: 2, bytes: 100 })).toEqual([1]);
    expect(planEviction(runs([60, 30, 30]), { runs: 5, bytes: 100 })).toEqual([1]);
    expect(planEviction(runs([10, 10]), { runs: 5, bytes: 100 })).toEqual([]);
    // An older small run is dropped too once a bigger newer one has filled the budget: the newest survive.
    expect(planEviction(runs([5, 90, 20]), { runs: 5, bytes: 100 })).toEqual([1, 2]);
  });

  it('has limits a page can live with', () => {
    expect(HISTORY_LIMITS.runs).toBeGreaterThanOrEqual(5);
    expect(HISTORY_LIMITS.bytes).toBeLessThanOrEqual(64 * 2 ** 20);
  });
});
