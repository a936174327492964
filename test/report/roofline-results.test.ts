import { describe, expect, it } from 'vitest';
import { graphCosts, placeNode, nodeCost } from '../../src/analysis/roofline/index.js';
import { ceilingsForRoofline } from '../../src/results/ceilings.js';
import { applyRoofline, rooflineContext, rooflineFit } from '../../src/results/roofline.js';
import { validateResults } from '../../src/results/schema.js';
import { deltaVsBaseline, whatIfClaims } from '../../src/results/whatif-compare.js';
import { ceilings, measuredRow, MiB, smallGraph, whatIfRows } from './fixture-roofline.js';
import { results } from './fixture.js';

const env = results().environment;

describe('ceilings in the results document', () => {
  it('has the required fields, with the cliff the curve shows and the caches it implies', () => {
    const c = ceilings();
    expect(c.bandwidth).toHaveLength(25);
    expect(Object.keys(c.bandwidth[0]).sort()).toEqual(['bytes', 'gbps']);
    expect(c.bandwidthCurve).toBe('copy');
    expect(c.cliffs).toHaveLength(1);
    expect(c.cliffs[0].bytes).toBeGreaterThanOrEqual(4 * MiB);
    expect(c.cliffs[0].bytes).toBeLessThanOrEqual(Math.round(4 * MiB * Math.SQRT2));
    expect(c.cliffs[0].evidence).toMatch(/^copy curve: bandwidth falls from 4\.00 GB\/s .* to 1\.00 GB\/s/);
    expect(c.fmaGflops).toBe(20);
    expect(c.spread).toMatchObject({ bandwidth: 0.05, fmaGflops: 0.02, dispatchOverhead: 0.1, curves: { read: 0.05, write: 0.05, copy: 0.05 } });
    expect(c.caches).toMatchObject({ source: 'detected', used: { l2: c.cliffs[0].bytes, l3: c.cliffs[0].bytes }, seed: { l2: MiB, l3: 8 * MiB } });
    expect(Object.keys(c.cliffsByCurve).sort()).toEqual(['copy', 'read', 'write']);
    expect(c.fmaF16Gflops).toBeNull();
    expect(c.source).toMatchObject({ mode: 'cached', preset: 'bench', fromCache: false, measurementMs: 3100, stepMs: 3200, maxBytes: 64 * MiB });
  });

  it('gives the roofline math separate read and write curves and the FMA peak', () => {
    const r = ceilingsForRoofline(ceilings());
    expect(r.peakGflops).toBe(20);
    expect(r.readBandwidth![0].gbps).toBe(4);
    expect(r.writeBandwidth![0].gbps).toBe(3);
    expect(r.dispatchOverheadMs).toBeCloseTo(0.01);
    expect(r.launchMs).toBeCloseTo(0.04, 12);
    // A document measured before the launch cost: no launch cost, none invented.
    const { launchUs: _l, ...older } = ceilings();
    expect(ceilingsForRoofline(older).launchMs).toBeUndefined();
    // A document trimmed to the required fields still predicts from its `bandwidth`.
    const trimmed = { ...ceilings(), curves: {} };
    expect(ceilingsForRoofline(trimmed).bandwidth).toEqual(ceilings().bandwidth);
  });
});

describe('roofline of a measured configuration', () => {
  const g = smallGraph();
  const ctx = rooflineContext(ceilings(), env)!;
  // Every node measured at 1.2x its prediction, except the encoder1 nodes at 4x.
  const predicted = new Map(graphCosts(g).map((c) => [c.node, placeNode(c, ctx.ceilings).roofline.predictedMs]));
  const factor = (name: string) => (name.startsWith('encoder1.') ? 4 : 1.2);
  const row = measuredRow(g, (n) => predicted.get(n)! * factor(n));
  applyRoofline(row, g, [], ctx);

  it('puts the required roofline record on every node, from its median GPU time', () => {
    for (const n of row.nodes) {
      expect(Object.keys(n.roofline!).sort(), n.name).toEqual(['achievedGbps', 'achievedGflops', 'bound', 'bytes', 'flops', 'intensity', 'measuredMs', 'predictedMs', 'workingSetBytes']);
      expect(n.roofline!.measuredMs).toBe(n.gpuTimeMs!.median);
      expect(n.rooflineDetail!.ratio).toBeCloseTo(factor(n.name), 9);
    }
    const pw = row.nodes.find((n) => n.name === 'encoder2.pw')!;
    const cost = nodeCost(g, g.nodes.find((n) => n.name === 'encoder2.pw')!);
    expect(pw.roofline!.flops).toBe(cost.flops);
    expect(pw.roofline!.achievedGflops).toBeCloseTo(cost.flops / (pw.gpuTimeMs!.median * 1e6), 9);
    expect(pw.rooflineDetail!.miss).toBeNull();
  });

  it('flags the layers beyond 1.5x with a reason and counts the fraction within', () => {
    const enc1 = row.layers.find((l) => l.layer === 'encoder1')!;
    expect(enc1.roofline).toMatchObject({ within: false, miss: { direction: 'slower' } });
    expect(enc1.roofline!.ratio).toBeCloseTo(4, 9);
    expect(enc1.roofline!.miss!.reasons.length).toBeGreaterThan(0);
    expect(row.layers.filter((l) => l.layer !== 'encoder1').every((l) => l.roofline!.within)).toBe(true);
    expect(row.rooflineFit).toMatchObject({ tolerance: 1.5, layersWithin: 11, layersMeasured: 12 });
    expect(row.rooflineFit!.fractionWithin).toBeCloseTo(11 / 12, 9);
    expect(rooflineFit({ layers: [], nodes: [] })).toBeNull();
  });

  it('classifies each layer with the measured cliff, keeping the seed classification beside it', () => {
    // encoder1's largest node at 64x64 touches under the 4 MiB cliff; the seed's formula says 2 MiB > its 1 MiB L2.
    for (const l of row.layers) {
      expect(l.cache!.level, l.layer).toBe(l.cache!.workingSetBytes > ctx.caches.l3 ? 'DRAM' : 'L2');
      expect(l.cache!.seedLevel).toBe(l.layer === 'final' ? null : 'L3');
    }
  });

  it('validates, and names missing roofline fields', () => {
    const doc = { ...results([row]), ceilings: ceilings() };
    expect(validateResults(doc)).toEqual([]);
    const bad = JSON.parse(JSON.stringify(doc));
    delete bad.ceilings.fmaGflops;
    delete bad.configs[0].nodes[0].roofline.bound;
    bad.whatif = [{ variant: 'baseline', status: 'ok', predictedPeakBytes: 1, measuredPeakBytes: null, gpuTimeMs: null }];
    expect(validateResults(bad)).toEqual([
      '$.configs[0].nodes[0].roofline.bound: missing',
      '$.ceilings.fmaGflops: missing',
      '$.whatif[0].deltaVsBaseline: missing',
    ]);
  });

  it('validates the first-principles records, and names what is wrong in them', () => {
    const doc = JSON.parse(JSON.stringify({ ...results([row]), ceilings: ceilings() }));
    expect(doc.configs[0].rooflineFit.firstPrinciples.byClass.length).toBeGreaterThan(0);
    delete doc.configs[0].nodes[0].firstPrinciples.launchMs;
    doc.configs[0].nodes[1].firstPrinciples.bound = 'cache';
    doc.configs[0].layers[0].firstPrinciples.within = 'yes';
    doc.configs[0].rooflineFit.firstPrinciples.byClass[0].ratio = 'x';
    doc.ceilings.launchUs = null;
    expect(validateResults(doc)).toEqual([
      '$.configs[0].nodes[0].firstPrinciples.launchMs: missing',
      '$.configs[0].nodes[1].firstPrinciples.bound: expected one of memory, compute, launch, got "cache"',
      '$.configs[0].layers[0].firstPrinciples.within: expected a boolean',
      '$.configs[0].rooflineFit.firstPrinciples.byClass[0].ratio: expected a finite number',
      '$.ceilings.launchUs: expected a finite number',
    ]);
    // Documents written before the first-principles fields validate as they did.
    const older = JSON.parse(JSON.stringify({ ...results([row]), ceilings: ceilings() }));
    delete older.ceilings.launchUs;
    for (const n of older.configs[0].nodes) delete n.firstPrinciples;
    for (const l of older.configs[0].layers) delete l.firstPrinciples;
    delete older.configs[0].rooflineFit.firstPrinciples;
    expect(validateResults(older)).toEqual([]);
  });
});

describe('what-if results', () => {
  const rows = whatIfRows();
  for (const w of rows) w.deltaVsBaseline = deltaVsBaseline(w, rows[0]);

  it('gives peak and time deltas against the baseline', () => {
    const stem = rows[1].deltaVsBaseline;
    expect(stem.predictedPeakBytes).toBe(-9 * MiB);
    expect(stem.predictedPeakFraction).toBeCloseTo(-0.75, 9);
    expect(stem.measuredPeakFraction).toBeCloseTo(4 / 12 - 1, 9);
    expect(stem.gpuTimeMs).toBe(-140);
    expect(rows[4].deltaVsBaseline).toMatchObject({ measuredPeakBytes: null, gpuTimeMs: null, predictedPeakFraction: -0.5 });
  });

  it('checks each seed claim on the measured numbers, predicted only where not measurable', () => {
    const claims = whatIfClaims(rows);
    expect(claims.map((c) => [c.claim, c.basis, c.holds])).toEqual([
      ['early-downsampling-75', 'measured', false],
      ['c0-16-early-memory', 'measured', true],
      ['kernel-size-little-effect', 'measured', true],
      ['fp16-halves', 'predicted', true],
    ]);
    expect(claims[0].predicted.holds).toBe(true);
    expect(claims[0].measured!.reduction).toBeCloseTo(2 / 3, 9);
    expect(claims[0].measuredLogical!.holds).toBe(true);
    expect(claims[3].note).toMatch(/not measurable on this adapter/);
    const doc = { ...results(), whatif: rows, whatifClaims: claims };
    expect(validateResults(doc)).toEqual([]);
  });
});
