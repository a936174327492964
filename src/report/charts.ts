// SVG charts rendered with Observable Plot. They need a DOM document (the page has one);
// each returns markup so the same chart goes into the live page and the standalone report.
import * as Plot from '@observablehq/plot';
import type { ConfigResult, Results } from '../results/types.js';
import { MiB, configName } from './format.js';
import { isQuantizedEstimate } from '../results/time-of.js';
import { logAxis } from './log-axis.js';

export interface ChartOptions {
  document?: Document;
  width?: number;
}

const FONT = 'system-ui, sans-serif';

function markup(el: Element): string {
  return el.outerHTML;
}

/** A layer's bar and whisker: median and p10-p90, or under quantized stamps mean ± 2 standard errors. */
function layerBar(l: ConfigResult['layers'][number]): { layer: string; median: number; p10: number; p90: number } | null {
  const e = l.gpuTime;
  if (isQuantizedEstimate(l) && e) return { layer: l.layer, median: e.ms, p10: Math.max(0, e.ms - 2 * (e.stdErrMs ?? 0)), p90: e.ms + 2 * (e.stdErrMs ?? 0) };
  return l.gpuTimeMs ? { layer: l.layer, ...l.gpuTimeMs } : null;
}

/** GPU time per layer with its whisker, layers in execution order. */
export function layerTimeChart(c: ConfigResult, o: ChartOptions = {}): string {
  const data = c.layers.map(layerBar).filter((d) => d !== null);
  if (!data.length) return '<p class="muted">no per-layer GPU times (no timestamp queries on this device)</p>';
  const quantized = c.timestamps?.method === 'mean-of-quantized';
  const el = Plot.plot({
    document: o.document,
    width: o.width ?? 640,
    height: 24 * data.length + 50,
    marginLeft: 80,
    style: { fontFamily: FONT },
    x: { label: quantized ? 'GPU time per layer, ms (mean of quantized spans; whisker ± 2 s.e.)' : 'GPU time per layer, ms (median; whisker p10-p90)', grid: true },
    y: { label: null, domain: data.map((d) => d.layer) },
    marks: [
      Plot.barX(data, { x: 'median', y: 'layer', fill: '#4e79a7', title: (d: { layer: string; median: number }) => `${d.layer}: ${d.median.toFixed(3)} ms` }),
      Plot.ruleY(data, { y: 'layer', x1: 'p10', x2: 'p90', stroke: '#222' }),
      Plot.ruleX([0]),
    ],
  });
  return markup(el);
}

/** Live bytes before each dispatch of the first run, physical and logical, peaks marked. */
export function memoryTimelineChart(c: ConfigResult, o: ChartOptions = {}): string {
  if (!c.dispatches.length) return '<p class="muted">no memory timeline</p>';
  const rows = c.dispatches.flatMap((d) => [
    { dispatch: d.index, MB: d.physicalBytes / MiB, series: 'physical (tracked buffers)', node: d.node },
    { dispatch: d.index, MB: d.logicalBytes / MiB, series: 'logical (live tensors + weights)', node: d.node },
  ]);
  const peaks = ['physical (tracked buffers)', 'logical (live tensors + weights)'].map((s) => {
    const pts = rows.filter((r) => r.series === s);
    return pts.reduce((a, b) => (b.MB > a.MB ? b : a));
  });
  const predicted = c.peakBytes.predicted === null ? [] : [c.peakBytes.predicted / MiB];
  const el = Plot.plot({
    document: o.document,
    width: o.width ?? 640,
    height: 280,
    style: { fontFamily: FONT },
    color: { legend: true, domain: ['physical (tracked buffers)', 'logical (live tensors + weights)'], range: ['#e15759', '#4e79a7'] },
    x: { label: 'dispatch', grid: true },
    y: { label: 'MB live', grid: true, zero: true },
    marks: [
      Plot.ruleY(predicted, { stroke: '#59a14f', strokeDasharray: '6,3' }),
      Plot.text(predicted, { y: (d: number) => d, frameAnchor: 'right', dy: -6, text: () => 'predicted peak', fill: '#59a14f' }),
      Plot.line(rows, { x: 'dispatch', y: 'MB', stroke: 'series', curve: 'step-after' }),
      Plot.dot(peaks, { x: 'dispatch', y: 'MB', stroke: 'series', r: 4, title: (d: { node: string; MB: number }) => `peak ${d.MB.toFixed(2)} MB at ${d.node}` }),
    ],
  });
  return markup(el);
}

interface ScatterPoint {
  predictedMB: number;
  measuredMB: number;
  kind: string;
  label: string;
}

function scatterPoints(r: Results): ScatterPoint[] {
  const pts: ScatterPoint[] = [];
  for (const c of r.configs.filter((x) => x.status === 'ok')) {
    const name = `${configName(c)} ${c.mode}`;
    for (const l of c.layers) {
      if (l.predictedLiveBytes !== null && l.measuredLiveBytes !== null)
        pts.push({ predictedMB: l.predictedLiveBytes / MiB, measuredMB: l.measuredLiveBytes / MiB, kind: 'liveness vs logical (layer)', label: `${name} ${l.layer}` });
      if (l.seedWorkingSetBytes !== null && l.measuredLiveBytes !== null && c.mode === 'arena')
        pts.push({ predictedMB: l.seedWorkingSetBytes / MiB, measuredMB: l.measuredLiveBytes / MiB, kind: 'seed formula vs logical (layer)', label: `${name} ${l.layer}` });
    }
    const { predicted, measuredPhysical } = c.peakBytes;
    if (predicted !== null && measuredPhysical !== null)
      pts.push({ predictedMB: predicted / MiB, measuredMB: measuredPhysical / MiB, kind: `liveness peak vs physical peak (${c.mode})`, label: name });
  }
  return pts;
}

/** Predicted against measured bytes on log axes; points on the diagonal are exact predictions. */
export function predictedVsMeasuredChart(r: Results, o: ChartOptions = {}): string {
  const pts = scatterPoints(r);
  if (!pts.length) return '<p class="muted">no successful configuration to compare</p>';
  const all = pts.flatMap((p) => [p.predictedMB, p.measuredMB]).filter((v) => v > 0);
  const lo = Math.min(...all) / 1.2;
  const hi = Math.max(...all) * 1.2;
  const el = Plot.plot({
    document: o.document,
    width: o.width ?? 640,
    height: 460,
    style: { fontFamily: FONT },
    x: { type: 'log', domain: [lo, hi] },
    y: { type: 'log', domain: [lo, hi] },
    color: { legend: true },
    symbol: { legend: false },
    marks: [
      ...logAxis('x', [lo, hi], 'predicted MB'),
      ...logAxis('y', [lo, hi], 'measured MB'),
      Plot.line([[lo, lo], [hi, hi]], { stroke: '#999', strokeDasharray: '4,3' }),
      Plot.dot(pts, { x: 'predictedMB', y: 'measuredMB', stroke: 'kind', symbol: 'kind', r: 3.5, title: (p: ScatterPoint) => `${p.label} (${p.kind}): predicted ${p.predictedMB.toFixed(2)} MB, measured ${p.measuredMB.toFixed(2)} MB` }),
    ],
  });
  return markup(el);
}
