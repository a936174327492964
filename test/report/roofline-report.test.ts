import { describe, expect, it } from 'vitest';
import { graphCosts, placeNode } from '../../src/analysis/roofline/index.js';
import { placeLabels } from '../../src/report/label-layout.js';
import { logTicks, tickText } from '../../src/report/log-axis.js';
import { layerFitChart, rooflineChart } from '../../src/report/roofline-charts.js';
import { ceilingRows, claimText, fitText, layerRooflineTable, whatIfHtml, whatIfRows as whatIfTableRows } from '../../src/report/roofline-tables.js';
import { ceilingsText, whatIfText } from '../../src/report/roofline-text.js';
import { summaryRow, verdict } from '../../src/report/summary.js';
import { layerTable } from '../../src/report/tables.js';
import { applyRoofline, rooflineContext } from '../../src/results/roofline.js';
import { deltaVsBaseline, whatIfClaims } from '../../src/results/whatif-compare.js';
import type { Results } from '../../src/results/types.js';
import { ceilings, measuredRow, smallGraph, whatIfRows } from './fixture-roofline.js';
import { okConfig, results } from './fixture.js';

function whatIfDoc(): Results {
  const rows = whatIfRows();
  for (const w of rows) w.deltaVsBaseline = deltaVsBaseline(w, rows[0]);
  return { ...results(), ceilings: ceilings(), whatif: rows, whatifClaims: whatIfClaims(rows) };
}

function measured() {
  const g = smallGraph();
  const ctx = rooflineContext(ceilings(), results().environment)!;
  const predicted = new Map(graphCosts(g).map((c) => [c.node, placeNode(c, ctx.ceilings).roofline.predictedMs]));
  const row = measuredRow(g, (n) => predicted.get(n)! * (n.startsWith('encoder1.') ? 4 : 1.2));
  applyRoofline(row, g, [], ctx);
  return row;
}

describe('what-if table', () => {
  it('formats peaks in MB with signed deltas, and marks fp16 not measurable here', () => {
    const rows = whatIfTableRows(whatIfDoc().whatif!);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual(['baseline', 'ok', '154753', '12.00', '+0.0%', '12.00', '+0.0%', '30.0', '200', '+0.0%', 'pass 3.0e-7']);
    expect(rows[1]).toEqual(['early downsampling (3x3 stride-2 stem)', 'ok', '154753', '3.00', '-75.0%', '4.00', '-66.7%', '30.0', '60.0', '-70.0%', 'pass 3.0e-7']);
    expect(rows[4]).toEqual(['fp16 activations and weights (predicted)', 'not measurable on this adapter', '154753', '6.00', '-50.0%', '-', '-', '30.0', '-', '-', 'not checked']);
  });

  it('states each claim with its verdict, basis and numbers', () => {
    const r = whatIfDoc();
    const [stem, , , fp16] = r.whatifClaims!.map((c) => claimText(c, r.whatif!));
    expect(stem).toMatch(/^"early downsampling: working set 75% smaller" does not hold on this device \(measured\): measured peakBytes: 12\.00 MiB -> 4\.00 MiB \(66\.7% smaller/);
    expect(stem).toContain('GPU time 200 -> 60.0 ms (-70.0%)');
    expect(fp16).toMatch(/holds by prediction only \(not measurable on this adapter/);
    const html = whatIfHtml(r);
    expect(html.match(/<tr>/g)).toHaveLength(6);
    expect(html).toContain('<li class="warn">&quot;early downsampling');
    expect(whatIfText(r)).toMatch(/^What-if at b1@256 arena/);
    expect(whatIfHtml(results())).toMatch(/not run/);
  });

  it('fails the verdict when a variant fails its check', () => {
    const r = whatIfDoc();
    r.whatif![2].check = { status: 'fail', reference: 'cpu', pass: false, tolerance: 1e-3, maxRelError: 0.2 };
    expect(verdict(r).failures).toEqual(['what-if c0-16: output differs from the CPU reference (max rel error 0.2)']);
  });
});

describe('roofline report pieces', () => {
  it('summarizes the ceilings, the cliff and the cache capacities', () => {
    const rows = ceilingRows(ceilings());
    expect(rows.map((r) => r[0])).toEqual(['read bandwidth', 'write bandwidth', 'copy bandwidth (predictions)', 'FMA f32', 'FMA f16', 'empty dispatch (one of many in a pass)', 'launch (one dispatch timed alone in its pass)']);
    expect(rows[rows.length - 1][1]).toBe('40.0 us');
    expect(rows[2].slice(1, 3)).toEqual(['4.00 GB/s', '1.00 GB/s at 64.00 MiB']);
    const text = ceilingsText({ ...results(), ceilings: ceilings() });
    expect(text).toMatch(/cliff at 5\.04 MiB: copy curve: bandwidth falls from 4\.00 GB\/s/);
    expect(text).toMatch(/seed's fixed values: L2 1\.00 MiB, L3 8\.00 MiB/);
    expect(ceilingsText(results())).toBe('Device ceilings: off (no roofline).');
  });

  it('shows per-layer predicted vs measured, the fraction within 1.5x, and the cache levels', () => {
    const row = measured();
    const html = layerRooflineTable(row);
    expect(html.match(/<tr>/g)).toHaveLength(13);
    expect(html).toMatch(/<td>encoder1<\/td>.*<td class="num">4\.00x<\/td><td class="num">no<\/td><td class="num">[0-9.]+<\/td><td class="num">[0-9.]+x<\/td><td class="num">(yes|no)<\/td><td class="num">slower: /);
    expect(html).toContain('<th>first-principles ms</th><th>measured / first principles</th>');
    expect(fitText(row)).toMatch(/^11\/12 layers \(92%\) predicted within 1\.5x; nodes 51\/56/);
    // The first-principles fit sits beside it: without kernel roofs in the fixture it differs by the launch cost alone.
    const p = row.rooflineFit!.firstPrinciples!;
    expect(summaryRow(row).rooflineFit).toBe(`11/12 (92%), first principles ${p.layersWithin}/12`);
    expect(p.predictedMs - row.rooflineFit!.predictedMs).toBeCloseTo(56 * 0.04, 9);
    const layers = layerTable(row, 'detected');
    expect(layers).toContain('cache level (measured cliffs)');
    expect(layers).toContain('seed level (formula, 1/8 MB)');
    expect(layerRooflineTable(okConfig())).toBe('');
  });

  it('warns when fewer than 80% of layers are within 1.5x', () => {
    const row = measured();
    row.rooflineFit = { ...row.rooflineFit!, layersWithin: 6, fractionWithin: 0.5 };
    expect(verdict(results([row])).warnings).toEqual(['b1@64 arena: the roofline predicts 6/12 layers within 1.5x (goal: 80%)']);
  });

  it('renders chart placeholders without a DOM when there is nothing to plot', () => {
    expect(rooflineChart(okConfig(), null)).toMatch(/no device ceilings/);
    expect(rooflineChart(okConfig(), ceilings())).toMatch(/no per-kernel GPU times/);
    expect(layerFitChart(okConfig())).toMatch(/no per-layer roofline/);
  });

  it('labels log axes with every 1-2-5 tick in plain decimals', () => {
    expect(logTicks(0.03, 70)).toEqual([0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50]);
    expect(logTicks(1e-3, 1e4)).toEqual([0.001, 0.01, 0.1, 1, 10, 100, 1000, 10000]);
    expect([0.005, 0.3, 2, 50].map(tickText)).toEqual(['0.005', '0.3', '2', '50']);
  });
});

describe('point label layout', () => {
  it('places a dense cluster of labels without overlaps, inside the plot', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ px: 100 + (i % 2), py: 100 + i, w: 40, h: 11 }));
    const bounds = { x: 0, y: 0, w: 300, h: 300 };
    const placed = placeLabels(items, bounds);
    expect(placed.every((p) => p.free)).toBe(true);
    const boxes = placed.map((p, i) => ({ x: p.x, y: p.y - items[i].h / 2, w: items[i].w, h: items[i].h }));
    for (const [i, a] of boxes.entries()) {
      expect(a.x >= 0 && a.y >= 0 && a.x + a.w <= 300 && a.y + a.h <= 300).toBe(true);
      for (const b of boxes.slice(i + 1)) expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).toBe(false);
    }
    // A lone point keeps its label right beside it.
    expect(placeLabels([{ px: 50, py: 50, w: 20, h: 10 }], bounds)[0]).toEqual({ x: 55, y: 50, free: true });
  });
});
