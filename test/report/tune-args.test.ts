// --tune, --tune-budget and --kernel-variant on the command line, and the results fields they fill.
import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../src/cli/bench-args.js';
import { resolveOptions } from '../../src/sweep/options.js';
import { validateResults } from '../../src/results/schema.js';
import { variantRows, tuningText } from '../../src/report/variants.js';
import { results as sampleResults } from './fixture.js';

describe('tuning flags', () => {
  it('parse the mode, the budget in seconds and repeated pins', () => {
    const a = parseBenchArgs(['--tune', 'full', '--tune-budget', '2.5', '--kernel-variant', 'pwconv=co4px1', '--kernel-variant', 'dwconv=r4c2']);
    expect(a.sweep).toMatchObject({ tune: 'full', tuneBudgetMs: 2500, kernelVariants: { pwconv: 'co4px1', dwconv: 'r4c2' } });
    expect(parseBenchArgs([]).sweep.tune).toBeUndefined(); // the command fills in 'cached'; the sweep's own default is off
    expect(resolveOptions({}).tune).toBe('off');
    expect(resolveOptions({ kernelVariants: { pwconv: 'co8px2' } }).kernelVariants).toEqual({ pwconv: 'co8px2' });
  });

  it('reject malformed values, naming the flag and the form', () => {
    expect(() => parseBenchArgs(['--tune', 'fast'])).toThrow(/tune: expected one of off, cached, full/);
    expect(() => parseBenchArgs(['--kernel-variant', 'pwconv'])).toThrow(/--kernel-variant: expected KERNEL=NAME/);
    expect(() => parseBenchArgs(['--kernel-variant', 'pw conv=x'])).toThrow(/expected KERNEL=NAME/);
    expect(() => parseBenchArgs(['--kernel-variant', 'pwconv=a', '--kernel-variant', 'pwconv=b'])).toThrow(/pinned twice \(a and b\)/);
    expect(() => parseBenchArgs(['--tune-budget=-1'])).toThrow(/--tune-budget: expected seconds >= 0/);
  });
});

describe('variant results', () => {
  it('validate, and reject a bad source or mode', () => {
    const r = sampleResults();
    const n = r.configs[0].nodes[0];
    n.variant = { kernel: 'pwconv', chosen: 'co4px1', source: 'tuned', candidates: [{ name: 'co8px2', ms: 2, runs: 3 }, { name: 'co4px1', ms: 1, runs: 3 }, { name: 'co8px4', ms: null, runs: 0, error: 'compile' }], percentOfFmaRoof: 12.5, percentOfBandwidth: 40 };
    r.tuning = { mode: 'full', budgetMs: 20000, spentMs: 1234, tuned: 1, shared: 0, cacheHits: 0, pinned: 0, failedCandidates: 1, overBudget: 0, runsPerCandidate: 3, pins: {} };
    expect(validateResults(JSON.parse(JSON.stringify(r)))).toEqual([]);
    const rows = variantRows(r.configs[0]);
    expect(rows[0]).toEqual([n.name, 'pwconv', 'co4px1', 'tuned', 'co8px2 2.00, co4px1* 1.00, co8px4 failed (compile)', expect.any(String), '13%', '40%']);
    expect(tuningText(r.tuning)).toMatch(/^tuning full: 1\.2 s of 20 s; 1 tuned \(3 runs per candidate\), 0 shared, 0 cache hits; 1 candidates failed$/);
    (n.variant as { source: string }).source = 'guessed';
    (r.tuning as { mode: string }).mode = 'fast';
    const problems = validateResults(JSON.parse(JSON.stringify(r)));
    expect(problems.some((p) => p.includes('variant.source'))).toBe(true);
    expect(problems.some((p) => p.includes('tuning.mode'))).toBe(true);
  });
});
