// The estimator under quantization, on synthetic passes whose true durations are known: the
// mean of quantized spans is unbiased, its standard error is honest, the median is not.
import { describe, expect, it } from 'vitest';
import { aggregateTimes } from '../../src/profiler/aggregate.js';
import { estimateTime, RELATIVE_PRECISION } from '../../src/profiler/estimate.js';
import { mulberry32, quantizedTimes, syntheticRuns } from './synthetic.js';

const DAWN_QUANTUM = 65_536;
// Real-GPU dispatch times, all but the last below the quantum.
const PASSES_NS = [5_000, 20_000, 40_000, 100_000, 2_000_000];
const dispatches = PASSES_NS.map((_, i) => ({ index: i, nodeIndex: i, node: { name: `n${i}`, op: 'conv2d', layer: i < 3 ? 'early' : 'late' } }));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('time estimates under quantized timestamps', () => {
  it('recovers each pass below the quantum within 3 standard errors, where the median is far off', () => {
    const s = syntheticRuns(PASSES_NS, 2000, mulberry32(11));
    const agg = aggregateTimes(dispatches, quantizedTimes(s, DAWN_QUANTUM), DAWN_QUANTUM);
    PASSES_NS.forEach((_, i) => {
      const truthMs = mean(s.truth.map((t) => t[i])) / 1e6;
      const e = agg.nodes[i].gpuTime!;
      expect(e.estimator).toBe('mean');
      const err = Math.abs(e.ms - truthMs);
      console.log(`pass ${i}: true ${(truthMs * 1e3).toFixed(2)} us, estimate ${(e.ms * 1e3).toFixed(2)} ± ${(e.stdErrMs! * 1e3).toFixed(2)} us, median of quantized ${(agg.nodes[i].gpuTimeMs!.median * 1e3).toFixed(1)} us`);
      expect(err, `pass ${i}`).toBeLessThanOrEqual(3 * e.stdErrMs!);
    });
    // The median of quantized readings: 0 for 5 and 20 us, one quantum for 40 us, two for 100 us.
    expect(agg.nodes.slice(0, 4).map((n) => Math.round(n.gpuTimeMs!.median * 1e6))).toEqual([0, 0, DAWN_QUANTUM, 2 * DAWN_QUANTUM]);
  });

  it('gives standard errors that cover the truth about 95% of the time at 2 s.e.', () => {
    let within = 0;
    let total = 0;
    for (let seed = 0; seed < 150; seed++) {
      const s = syntheticRuns(PASSES_NS, 200, mulberry32(1000 + seed));
      const agg = aggregateTimes(dispatches, quantizedTimes(s, DAWN_QUANTUM), DAWN_QUANTUM);
      PASSES_NS.forEach((_, i) => {
        const truthMs = mean(s.truth.map((t) => t[i])) / 1e6;
        const e = agg.nodes[i].gpuTime!;
        total++;
        if (Math.abs(e.ms - truthMs) <= 2 * e.stdErrMs!) within++;
      });
    }
    console.log(`coverage at 2 s.e.: ${within}/${total} = ${(within / total).toFixed(3)}`);
    expect(within / total).toBeGreaterThan(0.9);
    expect(within / total).toBeLessThan(0.995);
  });

  it('flags what the runs cannot resolve and says how many runs would', () => {
    const s = syntheticRuns(PASSES_NS, 300, mulberry32(5));
    const agg = aggregateTimes(dispatches, quantizedTimes(s, DAWN_QUANTUM), DAWN_QUANTUM);
    const [tiny, , , , big] = agg.nodes.map((n) => n.gpuTime!);
    expect(big).toMatchObject({ resolved: true, runs: 300 });
    expect(tiny.resolved).toBe(false);
    // A 5 us pass under 65.5 us steps: variance about q^2 f (1 - f), f = 0.076: some 1,200 runs.
    expect(tiny.runsToResolve!).toBeGreaterThan(300);
    expect(tiny.runsToResolve!).toBeLessThan(3000);
    // At the runs it asked for, the same pass resolves.
    const more = syntheticRuns(PASSES_NS, tiny.runsToResolve! * 2, mulberry32(6));
    const again = aggregateTimes(dispatches, quantizedTimes(more, DAWN_QUANTUM), DAWN_QUANTUM).nodes[0].gpuTime!;
    expect(again.stdErrMs!).toBeLessThanOrEqual(RELATIVE_PRECISION * again.ms);
  });

  it('keeps node and layer sums consistent with the end-to-end time', () => {
    const s = syntheticRuns(PASSES_NS, 1000, mulberry32(8));
    const agg = aggregateTimes(dispatches, quantizedTimes(s, DAWN_QUANTUM), DAWN_QUANTUM);
    const nodes = agg.nodes.reduce((a, n) => a + n.gpuTime!.ms, 0);
    const layers = agg.layers.reduce((a, l) => a + l.gpuTime!.ms, 0);
    // Gaps of 1 us between the 5 passes: 4 us of the end-to-end time is no node's.
    const e2e = agg.endToEndEstimate!.ms - 4e-3;
    console.log(`nodes ${nodes.toFixed(4)} ms, layers ${layers.toFixed(4)} ms, end-to-end minus gaps ${e2e.toFixed(4)} ms`);
    expect(Math.abs(nodes - layers)).toBeLessThan(1e-9);
    expect(Math.abs(nodes - e2e)).toBeLessThanOrEqual(3 * Math.hypot(agg.sumOfDispatchesEstimate!.stdErrMs!, agg.endToEndEstimate!.stdErrMs!));
  });

  it('uses the median, with zero spans dropped, when the stamps are not quantized', () => {
    const s = syntheticRuns(PASSES_NS, 50, mulberry32(9));
    const agg = aggregateTimes(dispatches, quantizedTimes(s, null), 1);
    for (const n of agg.nodes) expect(n.gpuTime).toMatchObject({ estimator: 'median', resolved: true, runsToResolve: null, runs: 50 });
    expect(agg.nodes[4].gpuTime!.ms).toBe(agg.nodes[4].gpuTimeMs!.median);
  });

  it('does not claim certainty when every reading was the same step', () => {
    // 40 runs of a pass that never crossed a 1 ms step: all zeros, error about q / n.
    const e = estimateTime(new Array(40).fill(0), 1)!;
    expect(e).toMatchObject({ ms: 0, resolved: false, runsToResolve: null, runs: 40 });
    expect(e.stdErrMs!).toBeCloseTo(Math.sqrt((1 / 41) * (40 / 41) / 40), 12);
    expect(estimateTime([], 1)).toBeNull();
    expect(estimateTime([null, undefined], null)).toBeNull();
  });
});
