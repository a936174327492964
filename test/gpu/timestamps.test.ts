// Quantized timestamps on the GPU. The estimator's own error: the same real runs read as captured
// and as a browser with a 1 ms quantum would have handed them over, mean against mean, so the
// run-to-run noise cancels. Then sweeps with and without --emulate-timestamp-quantum.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verdict } from '../../src/report/summary';
import { validateResults } from '../../src/results/schema';
import type { ConfigResult, Results } from '../../src/results/types';
import { openGpuPage, type GpuPage } from '../setup/gpu';
import type { SameRuns } from './cases/timestamps';

const CASES = '/test/gpu/cases/timestamps.ts';
const Q_NS = 1_000_000;
const Q_MS = Q_NS / 1e6;
const RUNS = 150;
// A bound every one of 56 nodes must meet: 4 s.e. failed one node in one run of many (4.3 s.e.);
// over 56 nodes a family-wise error near 1e-4 needs about 5 (Bonferroni, normal errors). The
// tight check is the share within 2 s.e.; a biased estimator (the median) fails both.
const EVERY_NODE_SE = 5;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / (xs.length - 1));
/** Standard error of a mean quantization error, floored as the estimator floors it (one step in n + 1 runs). */
const quantSe = (diffs: number[]) => {
  const p = 1 / (diffs.length + 1);
  return Math.sqrt(Math.max(sd(diffs) ** 2, Q_MS * Q_MS * p * (1 - p)) / diffs.length);
};

describe('quantized timestamps, the same runs read twice', () => {
  let gp: GpuPage;
  let same: SameRuns;

  beforeAll(async () => {
    gp = await openGpuPage();
    same = await gp.run<SameRuns>(CASES, 'sameRunsQuantized', 64, RUNS, Q_NS);
  }, 300_000);
  afterAll(async () => gp?.close());

  it('finds nanosecond stamps as read, and exactly the quantum once quantized', () => {
    expect(same.runs).toBe(RUNS);
    expect(same.raw).toMatchObject({ quantumNs: 1, confirmed: false });
    expect(same.quantized).toMatchObject({ quantumNs: Q_NS, commonStepNs: Q_NS, confirmed: true });
    console.log(`stamps ${same.quantized.stamps}, chance of the 1 ms step by accident 2^${Math.round(same.quantized.chanceLog2!)}; raw common step ${same.raw.commonStepNs} ns`);
  });

  it('estimates every node within 5 standard errors of the same runs as read, most within 2', () => {
    let within2 = 0;
    const lines: string[] = [];
    for (const n of same.nodes) {
      const diffs = n.quantized.map((q, r) => q - n.asRead[r]);
      const se = quantSe(diffs);
      const err = mean(diffs);
      if (Math.abs(err) <= 2 * se) within2++;
      lines.push(`${n.name.padEnd(28)} as read ${mean(n.asRead).toFixed(3)} ms, quantized mean ${mean(n.quantized).toFixed(3)} ms, error ${err.toFixed(4)} ± ${se.toFixed(4)} ms`);
      expect(Math.abs(err), n.name).toBeLessThanOrEqual(EVERY_NODE_SE * se);
    }
    console.log(lines.join('\n'));
    console.log(`${within2}/${same.nodes.length} nodes within 2 s.e.`);
    expect(within2 / same.nodes.length).toBeGreaterThanOrEqual(0.85);
  });

  it('reports the mean of the quantized totals, with a standard error that covers its error against the runs as read', () => {
    let within2 = 0;
    same.quantizedAgg.nodes.forEach((n, i) => {
      const e = n.gpuTime!;
      expect(e.estimator).toBe('mean');
      expect(e.ms).toBeCloseTo(mean(same.nodes[i].quantized), 9);
      const err = Math.abs(e.ms - mean(same.nodes[i].asRead));
      if (err <= 2 * e.stdErrMs!) within2++;
      expect(err, n.name).toBeLessThanOrEqual(EVERY_NODE_SE * e.stdErrMs!);
    });
    expect(within2 / same.nodes.length).toBeGreaterThanOrEqual(0.85);
    expect(same.quantizedAgg.issues).toEqual({});
  });

  it('would be far off with the median of the quantized readings, for nodes well below the quantum', () => {
    const small = same.asRead.nodes.filter((n) => n.gpuTime!.ms < 0.3 * Q_MS);
    expect(small.length).toBeGreaterThan(10);
    const off = small.filter((n) => {
      const q = same.quantizedAgg.nodes.find((x) => x.name === n.name)!;
      return Math.abs((q.gpuTimeMs?.median ?? 0) - n.gpuTime!.ms) > 0.5 * n.gpuTime!.ms;
    });
    console.log(`${off.length}/${small.length} nodes below 0.3 ms read more than 50% off as a median of quantized spans`);
    expect(off.length).toBe(small.length);
  });

  it('sums the node estimates to the sum of dispatches, within the end-to-end time and its gaps', () => {
    const q = same.quantizedAgg;
    const nodes = q.nodes.reduce((a, n) => a + n.gpuTime!.ms, 0);
    const e2e = q.endToEndEstimate!.ms;
    console.log(`node sum ${nodes.toFixed(3)} ms, end to end ${e2e.toFixed(3)} ± ${q.endToEndEstimate!.stdErrMs!.toFixed(3)} ms`);
    expect(nodes / q.sumOfDispatchesEstimate!.ms).toBeCloseTo(1, 9);
    // Quantized gaps are >= 0 in every run, and only microseconds long here.
    expect(nodes).toBeLessThanOrEqual(e2e + 1e-9);
    expect(nodes / e2e).toBeGreaterThan(0.98);
  });
});

describe('sweeps with the quantum emulated, and without', () => {
  let gp: GpuPage;
  const base = { batches: [1], sizes: [64], modes: ['arena' as const], reps: 2, overheadPairs: 0, ceilings: 'off' as const };
  beforeAll(async () => {
    gp = await openGpuPage();
  });
  afterAll(async () => gp?.close());
  const row = (r: Results): ConfigResult => r.configs[0];

  it('detects the emulated quantum, runs quantizedReps, and estimates with the mean', async () => {
    const r = await gp.run<Results>(CASES, 'quantizedSweep', { ...base, emulateTimestampQuantumNs: Q_NS, quantizedReps: 60 });
    expect(validateResults(r)).toEqual([]);
    expect(r.timing).toMatchObject({ quantumNs: Q_NS, method: 'mean-of-quantized', emulatedQuantumNs: Q_NS, quantizedReps: 60, relativePrecision: 0.1 });
    expect(r.timing!.detection).toMatchObject({ commonStepNs: Q_NS, confirmed: true });
    const c = row(r);
    expect(c.status).toBe('ok');
    expect(c.timestamps).toMatchObject({ quantumNs: Q_NS, method: 'mean-of-quantized', runs: 60, issues: {} });
    for (const n of c.nodes) expect(n.gpuTime, n.name).toMatchObject({ estimator: 'mean', runs: 60 });
    expect(c.timestamps!.unresolvedNodes).toBe(c.nodes.filter((n) => !n.gpuTime!.resolved).length);
    for (const n of c.nodes.filter((x) => !x.gpuTime!.resolved && x.gpuTime!.ms > 0)) expect(n.gpuTime!.runsToResolve!, n.name).toBeGreaterThan(60);
    const nodes = c.nodes.reduce((a, n) => a + n.gpuTime!.ms, 0);
    expect(Math.abs(nodes / c.gpuTime!.ms - 1)).toBeLessThanOrEqual(0.02);
    expect(verdict(r).failures).toEqual([]);
  }, 300_000);

  it('finds no quantum in the device stamps and keeps the median and the requested runs', async () => {
    const r = await gp.run<Results>(CASES, 'quantizedSweep', { ...base, reps: 3 });
    expect(validateResults(r)).toEqual([]);
    expect(r.timing).toMatchObject({ quantumNs: 1, method: 'median', emulatedQuantumNs: null, issues: {}, unresolvedNodes: 0 });
    const c = row(r);
    expect(c.timestamps).toMatchObject({ quantumNs: 1, method: 'median', runs: 3, issues: {}, unresolvedNodes: 0 });
    for (const n of c.nodes) expect(n.gpuTime!.ms).toBe(n.gpuTimeMs!.median);
  }, 300_000);

  it('extends to quantizedReps once the quantum is confirmed, even mid-way for a single dispatch', async () => {
    // One pass: 2 stamps per run, so the 1 ms step is confirmed only after the first timed run.
    const m = await gp.run<{ runs: number; quantum: { quantumNs: number }; steps: string[] }>(CASES, 'oneDispatchQuantized', Q_NS, 3, 12);
    expect(m.quantum.quantumNs).toBe(Q_NS);
    expect(m.runs).toBe(12);
    expect(m.steps[1]).toBe('rep 1/3');
    expect(m.steps.at(-1)).toBe('rep 12/12');
  }, 120_000);

  it('records no quantum and the wall-clock method without timestamps', async () => {
    const r = await gp.run<Results>(CASES, 'quantizedSweep', { ...base, timestamps: false, check: false });
    expect(r.timing).toMatchObject({ quantumNs: null, method: 'wall-clock' });
    expect(row(r).timestamps).toBeNull();
    expect(validateResults(r)).toEqual([]);
  }, 120_000);
});
