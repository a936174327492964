// Matching and verdicts of the comparison on hand-made results documents: which items pair,
// which are listed as unmatched, which changes are beyond the p10-p90 spread, and the order.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesDelta, comparableTime, compareResults, timeDelta, type Comparison } from '../../src/compare/index.js';
import type { ConfigResult, LayerResult, NodeResult, Results } from '../../src/results/types.js';
import { validate } from '../analysis/json-schema.js';
import { okConfig, oomConfig, results } from '../report/fixture.js';

const s = (median: number, p10: number, p90: number) => ({ median, p10, p90 });
const MB = 2 ** 20;
const schema = JSON.parse(readFileSync(new URL('../../src/compare/compare.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;

function layer(name: string, ms: number, bytes = 8 * MB): LayerResult {
  return { layer: name, gpuTimeMs: s(ms, ms * 0.9, ms * 1.1), seedWorkingSetBytes: null, predictedLiveBytes: bytes, measuredLiveBytes: bytes, measuredPhysicalBytes: 10 * MB, roofline: null, cache: null };
}

function node(name: string, layerName: string, ms: number): NodeResult {
  return { name, op: 'conv2d', layer: layerName, gpuTimeMs: s(ms, ms * 0.9, ms * 1.1), predictedLiveBytes: 8 * MB, measuredLiveBytes: 8 * MB, roofline: null, rooflineDetail: null };
}

/** One b1@256 arena row with four layers of 1, 2, 3 and 4 ms, integer byte counts throughout. */
function config(over: Partial<ConfigResult> = {}): ConfigResult {
  const layers = ['encoder1', 'encoder2', 'decoder1', 'final'].map((n, i) => layer(n, i + 1));
  const nodes = layers.map((l) => node(`${l.layer}.conv`, l.layer, l.gpuTimeMs!.median));
  return { ...okConfig(), peakBytes: { measuredPhysical: 11 * MB, measuredLogical: 10 * MB, predicted: 10 * MB }, layers, nodes, ...over };
}

const doc = (configs: ConfigResult[], over: Partial<Results> = {}): Results => ({ ...results(configs), ...over });
const compare = (a: Results, b: Results): Comparison => compareResults(a, b, { a: 'a.json', b: 'b.json' }, new Date('2025-01-02T00:00:00Z'));

describe('the verdict on one pair', () => {
  it('flags a time only when the p10-p90 intervals do not overlap', () => {
    const a = s(10, 9, 11);
    expect(timeDelta(a, s(10.9, 10.5, 12)).change).toBe('within-noise');
    // B's median above A's p90, but the intervals still overlap.
    expect(timeDelta(a, s(11.5, 10.8, 13)).change).toBe('within-noise');
    expect(timeDelta(a, s(8.5, 7, 9.2)).change).toBe('within-noise');
    expect(timeDelta(a, s(20, 11.5, 25)).change).toBe('slower');
    expect(timeDelta(a, s(5, 4, 8.9)).change).toBe('faster');
    // A doubling whose intervals still touch is not beyond noise: the ratio alone says nothing.
    const wide = timeDelta(s(10, 5, 30), s(20, 15, 40));
    expect([wide.change, wide.ratio]).toEqual(['within-noise', 2]);
    expect(timeDelta(a, null).change).toBe('missing');
  });

  it('gives the ratio range the intervals allow, which holds 1 exactly when they overlap', () => {
    const d = timeDelta(s(10, 9, 11), s(12, 11.5, 13));
    expect(d.ratioRange).toEqual([11.5 / 11, 13 / 9]);
    expect(d.ratioRange![0] > 1).toBe(d.change === 'slower');
    const o = timeDelta(s(10, 9, 11), s(10, 10.5, 12));
    expect(o.ratioRange![0] <= 1 && o.ratioRange![1] >= 1).toBe(o.change === 'within-noise');
  });

  it('compares means of quantized timestamps on estimate +- 2 s.e., not on their quantized order statistics', () => {
    // 1 ms quantum: both runs' p10-p90 of the readings are [0, 1] ms, whatever the true time.
    const quantized = (ms: number, stdErrMs: number) => ({ gpuTimeMs: s(0, 0, 1), gpuTime: { ms, stdErrMs, runs: 200, estimator: 'mean' as const, resolved: true, runsToResolve: null } });
    expect(comparableTime(quantized(0.4, 0.03))).toEqual({ median: 0.4, p10: 0.4 - 0.06, p90: 0.4 + 0.06 });
    expect(timeDelta(comparableTime(quantized(0.4, 0.03)), comparableTime(quantized(0.6, 0.03))).change).toBe('slower');
    expect(timeDelta(comparableTime(quantized(0.4, 0.03)), comparableTime(quantized(0.45, 0.03))).change).toBe('within-noise');
    // Unquantized rows keep their p10-p90.
    const plain = { gpuTimeMs: s(10, 9, 11), gpuTime: { ms: 10, stdErrMs: 0.2, runs: 5, estimator: 'median' as const, resolved: true, runsToResolve: null } };
    expect(comparableTime(plain)).toEqual(s(10, 9, 11));
  });

  it('treats any byte difference as a change', () => {
    expect(bytesDelta(100, 100)).toEqual({ a: 100, b: 100, ratio: 1, change: 'same' });
    expect(bytesDelta(100, 101).change).toBe('larger');
    expect(bytesDelta(100, 58)).toEqual({ a: 100, b: 58, ratio: 0.58, change: 'smaller' });
    expect(bytesDelta(null, 5).change).toBe('missing');
    expect(bytesDelta(0, 5).ratio).toBeNull();
  });
});

describe('comparing two documents', () => {
  it('finds no change between a document and itself, and its output fits compare.schema.json', () => {
    const cmp = compare(doc([config()]), doc([config()]));
    expect(cmp.summary).toEqual({ configsCompared: 1, configsMoved: 0, layersCompared: 4, layersMoved: 0, nodesCompared: 4, nodesMoved: 0, noChangeBeyondNoise: true });
    expect(cmp.configs[0].layers.every((l) => l.time.ratio === 1 && l.logicalBytes.change === 'same')).toBe(true);
    expect(validate(JSON.parse(JSON.stringify(cmp)), schema)).toEqual([]);
  });

  it('flags a layer that moved beyond noise and puts the biggest movers first', () => {
    const b = config();
    b.layers[0] = layer('encoder1', 3); // 3x slower, intervals apart
    b.layers[2] = layer('decoder1', 1.5); // 2x faster, intervals apart
    b.layers[3] = layer('final', 4.3); // within noise: 3.96-4.73 overlaps 3.6-4.4
    b.layers[1] = layer('encoder2', 2, 6 * MB); // same time, fewer bytes
    const c = compare(doc([config()]), doc([b])).configs[0];
    expect(c.layers.map((l) => [l.layer, l.time.change, l.logicalBytes.change, l.moved])).toEqual([
      ['encoder1', 'slower', 'same', true],
      ['decoder1', 'faster', 'same', true],
      ['encoder2', 'within-noise', 'smaller', true],
      ['final', 'within-noise', 'same', false],
    ]);
    expect(c.layers[0].movement).toBeCloseTo(Math.log(3), 12);
    expect(c.layers[2].movement).toBeCloseTo(Math.log(8 / 6), 12);
    expect([c.movedLayers, c.moved]).toEqual([3, true]);
  });

  it('pairs configurations by input shapes, mode and form, and lists the rest', () => {
    const renamed = config({ inputShapes: { image: [1, 3, 256, 256] } });
    const pool = config({ mode: 'pool' });
    const other = config({ batch: 2, inputShapes: { input: [2, 3, 256, 256] } });
    const cmp = compare(doc([config(), pool]), doc([renamed, other]));
    // One input: its shape alone pairs, whatever the input is called (an export of the same network).
    expect(cmp.configs.map((c) => c.label)).toEqual(['b1@256 arena']);
    expect(cmp.unmatchedConfigs).toEqual({ a: ['b1@256 pool'], b: ['b2@256 arena'] });
    const formed = compare(doc([config({ form: 'reparameterized' })]), doc([config()]));
    expect(formed.unmatchedConfigs).toEqual({ a: ['b1@256 arena reparameterized'], b: ['b1@256 arena'] });
  });

  it('pairs layers and nodes by name and lists the ones one side lacks', () => {
    const b = config();
    b.layers = [layer('stem', 0.5), ...b.layers.filter((l) => l.layer !== 'decoder1')];
    b.nodes = [node('stem.conv', 'stem', 0.5), ...b.nodes.slice(0, 2)];
    const c = compare(doc([config()]), doc([b])).configs[0];
    expect(c.layers.map((l) => l.layer).sort()).toEqual(['encoder1', 'encoder2', 'final']);
    expect(c.unmatchedLayers).toEqual({ a: ['decoder1'], b: ['stem'] });
    expect(c.unmatchedNodes).toEqual({ a: ['decoder1.conv', 'final.conv'], b: ['stem.conv'] });
  });

  it('counts a node that moved without calling the run changed', () => {
    const b = config();
    b.nodes[1] = node('encoder2.conv', 'encoder2', 4);
    const cmp = compare(doc([config()]), doc([b]));
    expect([cmp.summary.nodesMoved, cmp.summary.layersMoved, cmp.summary.noChangeBeyondNoise]).toEqual([1, 0, true]);
    expect(cmp.configs[0].nodes[0]).toMatchObject({ node: 'encoder2.conv', moved: true, time: { change: 'slower', ratio: 2 } });
  });

  it('calls a configuration that ran in one run and not the other a change, and says so', () => {
    const oom = { ...oomConfig(), batch: 1, size: 256, inputShapes: { input: [1, 3, 256, 256] } };
    const cmp = compare(doc([config()]), doc([oom]));
    expect(cmp.configs[0]).toMatchObject({ status: { a: 'ok', b: 'oom' }, moved: true, gpuTime: { change: 'missing' } });
    expect(cmp.notes).toContain('b1@256 arena: ok in A, oom in B');
    expect(cmp.summary.noChangeBeyondNoise).toBe(false);
  });

  it('notes different models, adapters and too few repetitions', () => {
    const b = doc([config()], { model: { name: 'net.onnx', source: 'onnx', file: 'net.onnx' } });
    b.environment = { ...b.environment, adapter: { vendor: 'nvidia', architecture: 'ada', description: 'RTX' } };
    b.options = { ...b.options, reps: 1 };
    const notes = compare(doc([config()]), b).notes.join('\n');
    expect(notes).toMatch(/models differ: A JeongWonNet_DWBlock_Swap, B net.onnx/);
    expect(notes).toMatch(/adapters differ: A google \/ swiftshader, B nvidia \/ ada \/ RTX/);
    expect(notes).toMatch(/B ran 1 repetition\(s\).*--reps 5/);
  });
});
