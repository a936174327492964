// analyze(): one typed, schema-conforming object for a configuration.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/model';
import { GraphBuilder } from '../../src/graph/builder';
import { validate } from './json-schema';

const schema = JSON.parse(readFileSync(new URL('../../src/analysis/analysis.schema.json', import.meta.url), 'utf8'));
const a = analyze();

describe('analyze() on the default network', () => {
  it('follows the JSON schema and survives a JSON round trip', () => {
    expect(validate(a, schema)).toEqual([]);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    // The checker itself must catch a broken object.
    expect(validate({ ...a, params: 1.5, extra: 1 }, schema)).toEqual(['$.params: expected integer, got 1.5', '$.extra: not in schema']);
  });

  it('counts the parameters PyTorch counts', () => {
    expect(a.params).toBe(154753);
  });

  it('runs liveness on the optimized graph', () => {
    expect(a.graph).toEqual({ source: 'jeongwonnet', optimized: true, nodes: 56, tensors: 114 });
    expect(a.liveness.peakBytes).toBe(13201924);
    expect(a.liveness.perNode).toHaveLength(56);
    expect(a.liveness.perNode[1]).toMatchObject({ node: 'encoder1.dw', liveBytes: 13201924 });
  });

  it('carries the seed tables', () => {
    expect(a.workingSet.map((w) => [w.layer, w.totalBytes, w.cacheLevel])).toEqual([
      ['encoder1', 19667648, 'DRAM'],
      ['encoder2', 11027744, 'DRAM'],
      ['encoder3', 3961888, 'L3'],
      ['encoder4', 1492512, 'L3'],
      ['encoder5', 575520, 'L2'],
      ['encoder6', 330784, 'L2'],
    ]);
    expect(a.workingSet[0].bytes).toEqual({
      input: 786432,
      pwWeights: 288,
      pwOutput: 6291456,
      fusedWeights: 4800,
      fusedOutput: 6291456,
      prcmParams: 1536,
      prcmIntermediate: 224,
      output: 6291456,
    });
    expect(a.arithmeticIntensity).toHaveLength(18);
    expect(a.arithmeticIntensity[1]).toMatchObject({ layer: 'encoder1', component: 'pw', flops: 9437184, bytes: 7078176, bound: 'memory' });
    expect(a.repconv[0]).toMatchObject({ channels: 24, resolution: 256, trainingBytes: 44040192, deployBytes: 12582912 });
  });

  it('compares every block with the liveness maximum', () => {
    const e1 = a.seedVsLiveness.find((c) => c.layer === 'encoder1')!;
    expect(e1.seedBytes - e1.liveness!.liveBytes).toBe(e1.differenceBytes);
    expect(e1.liveness!.blockMaps).toEqual(['encoder1.pw', 'encoder1.dw']);
    const e3 = a.seedVsLiveness.find((c) => c.layer === 'encoder3')!;
    // encoder3.dw: skips encoder1.pool + encoder2.pool (1,572,864 + 786,432), pw + dw (2 x 1,048,576), weights 619,012.
    expect(e3.liveness!.liveBytes).toBe(1572864 + 786432 + 2 * 1048576 + 619012);
    expect(e3.liveness!.skips).toEqual(['encoder1.pool', 'encoder2.pool']);
    expect(a.seedVsLiveness.filter((c) => !c.seedCovered).map((c) => c.layer)).toEqual(['decoder1', 'decoder2', 'decoder3', 'decoder4', 'decoder5']);
  });

  it('notes the seed discrepancies with their numbers', () => {
    const notes = Object.fromEntries(a.notes.map((n) => [n.id, n]));
    expect(Object.keys(notes)).toEqual(
      expect.arrayContaining(['four-maps-live', 'summary-cache-level', 'summary-sizes', 'training-vs-deploy', 'prcm-basis', 'feature-map-table', 'prcm-share', 'fit-boundary']),
    );
    expect(notes['four-maps-live'].values['encoder1.maxBlockMapsLive']).toBe(2);
    expect(notes['summary-cache-level'].values).toMatchObject({ 'encoder2.bytes': 11027744, 'encoder2.ruleLevel': 'DRAM', 'encoder2.summaryLevel': 'L3' });
    expect(notes['summary-sizes'].detail).toContain('encoder6');
    expect(notes['summary-sizes'].values['encoder6.bytes']).toBe(330784);
    expect(notes['training-vs-deploy'].values).toMatchObject({ 'encoder1.section4TrainingBytes': 44040192, 'encoder1.section2PlusTwoMapsBytes': 19667648 + 2 * 6291456 });
    expect(notes['measured-peak'].values['b1@256.predictedBytes']).toBe(13201924);
  });
});

describe('analyze() with other settings', () => {
  it('512: seed totals and the peak scale as computed by hand', () => {
    const r = analyze({ size: 512 });
    expect(r.workingSet[0].totalBytes).toBe(78650048);
    expect(r.liveness.peakBytes).toBe(50950660);
  });

  it('cache sizes change the levels', () => {
    const r = analyze({ caches: { l3: 16 * 2 ** 20 } });
    expect(r.workingSet[1].cacheLevel).toBe('L3');
    expect(r.config.l3Bytes).toBe(16 * 2 ** 20);
  });

  it('num_basis other than 8: the PRCM FLOPs note shows the gap', () => {
    const note = analyze({ numBasis: 16 }).notes.find((n) => n.id === 'prcm-basis')!;
    // 4 * out_ch * (16 - 8) more: 4 * 24 * 8 = 768 for encoder1.
    expect((note.values['encoder1.flops'] as number) - (note.values['encoder1.seedFlops'] as number)).toBe(768);
  });

  it('the unoptimized graph gives the same peak', () => {
    const r = analyze({ optimize: false });
    expect([r.graph.nodes, r.graph.optimized, r.liveness.peakBytes]).toEqual([60, false, 13201924]);
  });

  it('accepts any graph for the liveness part', () => {
    const b = new GraphBuilder();
    const x = b.input('x', [1, 2, 4, 4]);
    b.output(b.node('relu', 'y', [x], {}, 'only'));
    const r = analyze({ graph: b.build() });
    expect(r.graph.source).toBe('custom');
    expect(r.liveness.peakBytes).toBe(256);
    expect(r.seedVsLiveness[0].liveness).toBeNull();
    expect(validate(r, schema)).toEqual([]);
  });

  it('rejects configurations the network cannot take', () => {
    expect(() => analyze({ size: 100 })).toThrow(/multiple of 32/);
    expect(() => analyze({ kernelSize: 4 })).toThrow(/odd/);
    expect(() => analyze({ numBasis: 0 })).toThrow(/numBasis/);
  });
});
