// What the report says about quantized timestamps: the quantum in the header, means ± standard
// errors instead of medians, unresolved nodes with the runs that would resolve them, and
// implausible timestamp pairs per node.
import { describe, expect, it } from 'vitest';
import { layersCsv } from '../../src/report/csv.js';
import { summaryRow, verdict } from '../../src/report/summary.js';
import { layerTable, timestampDetails, topNodesTable } from '../../src/report/tables.js';
import { timingText } from '../../src/report/timing.js';
import { validateResults } from '../../src/results/schema.js';
import type { ConfigResult, Results, TimeEstimateResult } from '../../src/results/types.js';
import { okConfig, results } from './fixture.js';

const mean = (ms: number, stdErrMs: number, resolved = true, runsToResolve: number | null = 150): TimeEstimateResult => ({ ms, stdErrMs, runs: 200, estimator: 'mean', resolved, runsToResolve });

/** The fixture's measured row as a 1 ms-quantized run would record it: medians of readings are 0 or 1 ms. */
function quantizedConfig(): ConfigResult {
  const c = okConfig();
  c.reps = 3;
  c.gpuTime = mean(3.46, 0.02);
  c.sumOfDispatchesTime = mean(3.4, 0.02);
  c.timestamps = { quantumNs: 1_000_000, method: 'mean-of-quantized', runs: 200, issues: { 'overlaps-previous': 3 }, unresolvedNodes: 1 };
  c.nodes[0].gpuTimeMs = { median: 0, p10: 0, p90: 1 };
  c.nodes[0].gpuTime = mean(0.21, 0.03, false, 410);
  c.nodes[0].timestampIssues = { 'overlaps-previous': 3 };
  c.nodes[1].gpuTime = mean(2.41, 0.05);
  c.nodes[1].timestampIssues = {};
  c.layers[0].gpuTimeMs = { median: 0, p10: 0, p90: 1 };
  c.layers[0].gpuTime = mean(0.21, 0.03, false, 410);
  c.layers[1].gpuTime = mean(2.41, 0.05);
  return c;
}

function quantizedResults(): Results {
  const r = results([quantizedConfig()]);
  r.options.emulateTimestampQuantumNs = 1_000_000;
  r.timing = {
    quantumNs: 1_000_000,
    method: 'mean-of-quantized',
    emulatedQuantumNs: 1_000_000,
    detection: { stamps: 22_400, commonStepNs: 1_000_000, powerOfTwoNs: 64, chanceLog2: -446_460, confirmed: true, confirmBits: 20 },
    quantizedReps: 200,
    relativePrecision: 0.1,
    issues: { 'overlaps-previous': 3 },
    unresolvedNodes: 1,
  };
  return r;
}

describe('quantized timestamps in the report', () => {
  it('validates, and refuses a method that does not fit the quantum', () => {
    const r = quantizedResults();
    expect(validateResults(r)).toEqual([]);
    expect(validateResults(JSON.parse(JSON.stringify(r)))).toEqual([]);
    r.timing!.method = 'median';
    expect(validateResults(r)).toEqual(['$.timing.method: "median" does not fit quantumNs 1000000 (mean-of-quantized exactly when quantumNs > 1)']);
    delete (r.timing as Partial<Results['timing']>)!.detection;
    expect(validateResults(r)).toContain('$.timing.detection: missing');
  });

  it('states the quantum, how it was found and emulated, the estimator and what is unresolved', () => {
    const text = timingText(quantizedResults());
    expect(text).toContain('Timestamp quantum: 1 ms (1000000 ns), emulated: every raw stamp rounded down to a multiple of 1000000 ns');
    expect(text).toContain('22400 raw stamps all share this step (chance for nanosecond stamps 2^-446460)');
    expect(text).toContain('means of quantized spans over up to 200 runs');
    expect(text).toContain('1 node time(s) are not resolved to 10%');
    expect(text).toContain('Implausible timestamp pairs: 3 overlaps-previous');
  });

  it('says so when the stamps are not quantized, or absent', () => {
    const r = results();
    r.timing = { ...quantizedResults().timing!, quantumNs: 1, method: 'median', emulatedQuantumNs: null, issues: {}, unresolvedNodes: 0 };
    r.timing.detection = { ...r.timing.detection, commonStepNs: 1, confirmed: false, chanceLog2: 0 };
    expect(timingText(r)).toBe('Timestamp quantum: none (nanosecond stamps); 22400 raw stamps share no step. Times are medians of the runs. No implausible timestamp pairs.');
    r.timing.method = 'wall-clock';
    expect(timingText(r)).toMatch(/^Timestamps: none/);
    delete r.timing;
    expect(timingText(r)).toBe('');
  });

  it('shows means ± standard errors, not the medians of quantized readings', () => {
    const c = quantizedConfig();
    const layers = layerTable(c);
    expect(layers).toContain('GPU ms mean ± s.e. (quantized stamps)');
    expect(layers).toContain('<td class="num">0.210 ± 0.030 (unresolved)</td>');
    expect(layers).not.toContain('0.000 [0.000-1.00]');
    expect(topNodesTable(c)).toMatch(/final\.conv.*2\.41 ± 0\.050.*encoder1\.pw.*0\.210 ± 0\.030/s);
    expect(summaryRow(c).gpuMs).toBe('3.46');
  });

  it('lists the unresolved node with the runs that would resolve it, and its implausible pairs', () => {
    const details = timestampDetails(quantizedConfig());
    expect(details).toContain('timestamps: 1 node time(s) unresolved, 1 node(s) with implausible pairs');
    expect(details).toContain('<td>encoder1.pw</td><td>conv2d</td><td class="num">0.210 ± 0.030 (unresolved)</td><td class="num">200</td><td class="num">no: about 410 runs</td><td class="num">3 overlaps-previous</td>');
    expect(details).not.toContain('final.conv');
    expect(timestampDetails(okConfig())).toBe('');
  });

  it('warns about unresolved nodes and implausible pairs', () => {
    const w = verdict(quantizedResults()).warnings;
    expect(w).toContain('b1@256 arena: 1 node time(s) with a standard error above 10% after 200 runs, timestamps quantized to 1000000 ns (the report lists how many runs would resolve each)');
    expect(w).toContain('b1@256 arena: implausible timestamp pairs: 3 overlaps-previous');
  });

  it('writes the estimates and their standard errors into the CSV', () => {
    const lines = layersCsv(quantizedResults()).trimEnd().split('\n');
    expect(lines[1].endsWith(',0.21,0.03,mean,false,410,,,')).toBe(true);
    expect(lines[2].endsWith(',2.41,0.05,mean,true,150,,,')).toBe(true);
  });
});
