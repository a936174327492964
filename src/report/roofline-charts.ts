// Roofline charts (Observable Plot, SVG markup like the other charts): the measured bandwidth
// curves with their cliffs, every kernel placed under the measured ceilings, and per-layer
// predicted against measured time.
import * as Plot from '@observablehq/plot';
import type { CeilingsResult, ConfigResult } from '../results/types.js';
import type { ChartOptions } from './charts.js';
import { MiB, rate, shortNode, size } from './format.js';
import { placeLabels } from './label-layout.js';
import { logAxis } from './log-axis.js';

const FONT = 'system-ui, sans-serif';
const CURVE_COLORS = { read: '#4e79a7', write: '#f28e2b', copy: '#59a14f' };

/** Bandwidth plateaus of the chosen curve, fastest first: one roofline slope each. */
export function bandwidthLevels(c: CeilingsResult): { gbps: number; label: string }[] {
  const curve = c.bandwidthCurve;
  if (c.cliffs.length) {
    const sorted = [...c.cliffs].sort((a, b) => a.bytes - b.bytes);
    return [
      { gbps: sorted[0].beforeGbps, label: `${curve} below ${size(sorted[0].bytes)}` },
      ...sorted.map((x, i) => ({ gbps: x.afterGbps, label: `${curve} beyond ${size(x.bytes)}${i < sorted.length - 1 ? ` to ${size(sorted[i + 1].bytes)}` : ''}` })),
    ];
  }
  const peak = Math.max(...c.bandwidth.map((p) => p.gbps));
  const last = c.bandwidth[c.bandwidth.length - 1];
  const levels = [{ gbps: peak, label: `${curve} peak` }];
  if (last.gbps < 0.9 * peak) levels.push({ gbps: last.gbps, label: `${curve} at ${size(last.bytes)}` });
  return levels;
}

interface KernelPoint {
  node: string;
  label: string;
  op: string;
  intensity: number;
  gflops: number;
  bound: string;
  pct: number | null;
}

function kernelPoints(c: ConfigResult): KernelPoint[] {
  return c.nodes
    .filter((n) => n.roofline && n.roofline.achievedGflops !== null && n.roofline.achievedGflops > 0 && n.roofline.intensity > 0)
    .map((n) => ({
      node: n.name,
      label: shortNode(n.name),
      op: n.op,
      intensity: n.roofline!.intensity,
      gflops: n.roofline!.achievedGflops!,
      bound: n.roofline!.bound,
      pct: n.rooflineDetail?.percentOfRoofline ?? null,
    }));
}

interface Frame {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  x: [number, number];
  y: [number, number];
}

/** Data -> pixels for log-log axes laid out exactly as Plot does with these margins. */
function pixels(f: Frame): { px: (x: number) => number; py: (y: number) => number; dx: (px: number) => number; dy: (py: number) => number } {
  const [l, r] = [f.margin.left, f.width - f.margin.right];
  const [b, t] = [f.height - f.margin.bottom, f.margin.top];
  const lx = f.x.map(Math.log);
  const ly = f.y.map(Math.log);
  return {
    px: (x) => l + ((Math.log(x) - lx[0]) / (lx[1] - lx[0])) * (r - l),
    py: (y) => b - ((Math.log(y) - ly[0]) / (ly[1] - ly[0])) * (b - t),
    dx: (px) => Math.exp(lx[0] + ((px - l) / (r - l)) * (lx[1] - lx[0])),
    dy: (py) => Math.exp(ly[0] + ((b - py) / (b - t)) * (ly[1] - ly[0])),
  };
}

const LABEL_FONT = 9;
const CHAR_PX = 5.2;

/** Every kernel's label, moved off its neighbours; a leader line joins each moved one to its point. */
function kernelLabels(pts: KernelPoint[], f: Frame): { labels: { x: number; y: number; text: string }[]; leaders: { x1: number; y1: number; x2: number; y2: number }[] } {
  const m = pixels(f);
  const items = pts.map((p) => ({ px: m.px(p.intensity), py: m.py(p.gflops), w: p.label.length * CHAR_PX, h: LABEL_FONT + 2 }));
  const bounds = { x: f.margin.left, y: f.margin.top, w: f.width - f.margin.left - f.margin.right, h: f.height - f.margin.top - f.margin.bottom };
  const placed = placeLabels(items, bounds);
  const labels = placed.map((q, i) => ({ x: m.dx(q.x), y: m.dy(q.y), text: pts[i].label }));
  const leaders = placed
    .map((q, i) => ({ q, i, end: q.x < items[i].px ? q.x + items[i].w : q.x }))
    .filter(({ q, i }) => Math.abs(q.y - items[i].py) > 1)
    .map(({ q, i, end }) => ({ x1: pts[i].intensity, y1: pts[i].gflops, x2: m.dx(end), y2: m.dy(q.y) }));
  return { labels, leaders };
}

function rooflineFrame(pts: KernelPoint[], peak: number, levels: { gbps: number }[], o: ChartOptions): Frame {
  const slowest = levels[levels.length - 1].gbps;
  const x0 = Math.min(...pts.map((p) => p.intensity)) / 8;
  const x1 = Math.max(2 * Math.max(...pts.map((p) => p.intensity)), (4 * peak) / slowest);
  const y0 = Math.min(...pts.map((p) => p.gflops), x0 * slowest) / 1.5;
  return { width: o.width ?? 1000, height: 560, margin: { top: 30, right: 20, bottom: 40, left: 60 }, x: [x0, x1], y: [y0, peak * 2] };
}

/** One labelled horizontal line per measured kernel-class roof, beside the FMA peak. */
function kernelRoofMarks(ceil: CeilingsResult, f: Frame) {
  const roofs = (ceil.kernelRoofs ?? []).filter((k) => k.gflops >= f.y[0]);
  if (!roofs.length) return [];
  const label = (k: (typeof roofs)[number]) => `${k.kernelClass} ${rate(k.gflops)} GFLOP/s`;
  return [
    Plot.ruleY(roofs, { y: 'gflops', stroke: '#e07000', strokeWidth: 1, strokeDasharray: '2,2' }),
    Plot.text(roofs, { x: f.x[0], y: 'gflops', text: label, textAnchor: 'start', dx: 4, dy: -5, fill: '#e07000', fontSize: 10, stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' }),
  ];
}

/** Log-log roofline: intensity vs achieved GFLOP/s, one labelled point per kernel under the measured roofs. */
export function rooflineChart(c: ConfigResult, ceil: CeilingsResult | null, o: ChartOptions = {}): string {
  if (!ceil) return '<p class="muted">no device ceilings in this run (--ceilings off)</p>';
  const pts = kernelPoints(c);
  if (!pts.length) return '<p class="muted">no per-kernel GPU times (no timestamp queries) to place on the roofline</p>';
  const peak = ceil.fmaGflops;
  const levels = bandwidthLevels(ceil);
  const f = rooflineFrame(pts, peak, levels, o);
  const [x0, x1] = f.x;
  const roofs = levels.flatMap((l) => [
    { x: x0, y: x0 * l.gbps, roof: l.label },
    { x: peak / l.gbps, y: peak, roof: l.label },
  ]);
  const slopeLabels = levels.map((l) => ({ x: x0 * 1.15, y: x0 * 1.15 * l.gbps, text: `${rate(l.gbps)} GB/s` }));
  const { labels, leaders } = kernelLabels(pts, f);
  const el = Plot.plot({
    document: o.document,
    width: f.width,
    height: f.height,
    marginTop: f.margin.top,
    marginRight: f.margin.right,
    marginBottom: f.margin.bottom,
    marginLeft: f.margin.left,
    style: { fontFamily: FONT },
    x: { type: 'log', domain: f.x },
    y: { type: 'log', domain: f.y },
    color: { legend: true, label: 'op' },
    marks: [
      ...logAxis('x', f.x, 'arithmetic intensity, flop/byte (minimum bytes moved)'),
      ...logAxis('y', f.y, 'achieved GFLOP/s'),
      Plot.line(roofs, { x: 'x', y: 'y', z: 'roof', stroke: '#555', strokeDasharray: '5,3' }),
      Plot.ruleY([peak], { x1: peak / levels[0].gbps, x2: x1, stroke: '#b00020', strokeWidth: 1.5 }),
      Plot.text([peak], { x: x1, y: peak, text: () => `FMA f32 ${rate(peak)} GFLOP/s`, textAnchor: 'end', dy: -7, fill: '#b00020' }),
      ...kernelRoofMarks(ceil, f),
      Plot.text(slopeLabels, { x: 'x', y: 'y', text: 'text', textAnchor: 'start', dy: -7, fill: '#555', fontSize: 10, stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' }),
      Plot.link(leaders, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: '#bbb', strokeWidth: 0.7 }),
      Plot.dot(pts, {
        x: 'intensity',
        y: 'gflops',
        fill: 'op',
        r: 3.5,
        title: (p: KernelPoint) => `${p.node} (${p.op}): ${rate(p.intensity)} flop/B, ${rate(p.gflops)} GFLOP/s, ${p.bound}-bound, ${p.pct === null ? '-' : p.pct.toFixed(0)}% of roofline`,
      }),
      Plot.text(labels, { x: 'x', y: 'y', text: 'text', textAnchor: 'start', fontSize: LABEL_FONT, fill: '#333' }),
    ],
  });
  const caption = `Dashed: bandwidth roofs of the ${ceil.bandwidthCurve} curve (${levels.map((l) => `${l.label} ${rate(l.gbps)} GB/s`).join('; ')}); red: FMA peak${ceil.kernelRoofs?.length ? '; orange: compute roofs measured per kernel class (the prediction of a node of that class uses its roof)' : ''}. Points: achieved rate from each node's median GPU time and minimum FLOPs / bytes.`;
  return `${el.outerHTML}<p class="muted">${caption}</p>`;
}

interface LayerTimes {
  layer: string;
  predicted: number;
  measured: number;
  fit: string;
  ratio: number;
  /** The first-principles prediction, when the row has one. */
  first: number | null;
}

/**
 * Per layer: the calibrated roofline's predicted time and the measured one on a log axis,
 * joined, misses in red; the first-principles prediction as a hollow square beside them.
 */
export function layerFitChart(c: ConfigResult, o: ChartOptions = {}): string {
  const rows: LayerTimes[] = c.layers
    .filter((l) => l.roofline?.measuredMs != null && l.roofline.predictedMs > 0)
    .map((l) => ({ layer: l.layer, predicted: l.roofline!.predictedMs, measured: l.roofline!.measuredMs!, ratio: l.roofline!.ratio!, fit: l.roofline!.within ? 'within 1.5x' : 'miss', first: l.firstPrinciples?.predictedMs ?? null }));
  if (!rows.length) return '<p class="muted">no per-layer roofline (no ceilings or no per-layer GPU times)</p>';
  const firsts = rows.filter((r) => r.first !== null && r.first > 0);
  const all = rows.flatMap((r) => [r.predicted, r.measured]).concat(firsts.map((r) => r.first!));
  const domain: [number, number] = [Math.min(...all) / 1.5, Math.max(...all) * 2.5];
  const el = Plot.plot({
    document: o.document,
    width: o.width ?? 640,
    height: 24 * rows.length + 70,
    marginLeft: 80,
    style: { fontFamily: FONT },
    x: { type: 'log', domain },
    y: { label: null, domain: rows.map((r) => r.layer) },
    color: { legend: true, domain: ['within 1.5x', 'miss'], range: ['#59a14f', '#e15759'] },
    marks: [
      ...logAxis('x', domain, `GPU time per layer, ms (hollow circle: calibrated roofline; ${firsts.length ? 'hollow square: first principles; ' : ''}filled: measured)`),
      Plot.link(rows, { x1: 'predicted', x2: 'measured', y1: 'layer', y2: 'layer', stroke: 'fit', strokeWidth: 2 }),
      Plot.dot(rows, { x: 'predicted', y: 'layer', stroke: '#333', fill: 'white', r: 4, title: (r: LayerTimes) => `${r.layer}: predicted ${rate(r.predicted)} ms` }),
      Plot.dot(firsts, { x: 'first', y: 'layer', symbol: 'square', stroke: '#4e79a7', fill: 'white', r: 4, title: (r: LayerTimes) => `${r.layer}: first principles ${rate(r.first)} ms (measured ${(r.measured / r.first!).toFixed(2)}x)` }),
      Plot.dot(rows, { x: 'measured', y: 'layer', fill: 'fit', r: 4, title: (r: LayerTimes) => `${r.layer}: measured ${rate(r.measured)} ms (${r.ratio.toFixed(2)}x)` }),
      Plot.text(rows, { x: domain[1], y: 'layer', text: (r: LayerTimes) => `${r.ratio.toFixed(2)}x`, textAnchor: 'end', fill: '#333' }),
    ],
  });
  return el.outerHTML;
}

/** Powers of four from 16 KiB: 16K, 64K, 256K, 1M, 4M ... */
function sizeTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let b = 16 * 1024; b <= hi * 1.001; b *= 4) if (b >= lo * 0.999) out.push(b);
  return out;
}

const sizeTick = (b: number): string => (b >= MiB ? `${b / MiB} MiB` : `${b / 1024} KiB`);

/** GB/s against working-set size per stream kind, with the cliffs and the seed's fixed caches marked. */
export function bandwidthChart(ceil: CeilingsResult, o: ChartOptions = {}): string {
  const kinds = Object.keys(ceil.curves) as (keyof typeof CURVE_COLORS)[];
  const rows = kinds.flatMap((k) => ceil.curves[k]!.points.map((p) => ({ kind: k, bytes: p.bytes, gbps: p.gbps, lo: p.minGbps, hi: p.maxGbps })));
  const cliffs = ceil.cliffs.map((x) => ({ bytes: x.bytes, text: `cliff ${size(x.bytes)}` }));
  const seed = [
    { bytes: ceil.caches.seed.l2, text: 'seed L2' },
    { bytes: ceil.caches.seed.l3, text: 'seed L3' },
  ];
  const all = rows.map((r) => r.bytes);
  const ticks = sizeTicks(Math.min(...all), Math.max(...all));
  const el = Plot.plot({
    document: o.document,
    width: o.width ?? 900,
    height: 340,
    style: { fontFamily: FONT },
    x: { type: 'log' },
    y: { label: 'sustained GB/s (median; whisker min-max over repeats)', grid: true, zero: true },
    color: { legend: true, domain: kinds, range: kinds.map((k) => CURVE_COLORS[k]) },
    marks: [
      // As marks, so every tick keeps its label (see logAxis).
      Plot.gridX(ticks),
      Plot.axisX(ticks, { text: sizeTick, label: 'working set' }),
      Plot.ruleX(seed, { x: 'bytes', stroke: '#aaa', strokeDasharray: '2,3' }),
      Plot.text(seed, { x: 'bytes', text: 'text', frameAnchor: 'top', dy: 4, dx: 3, textAnchor: 'start', fill: '#888', fontSize: 10 }),
      Plot.ruleX(cliffs, { x: 'bytes', stroke: '#b00020', strokeDasharray: '6,3' }),
      Plot.text(cliffs, { x: 'bytes', text: 'text', frameAnchor: 'top', dy: 18, dx: 3, textAnchor: 'start', fill: '#b00020', fontSize: 10 }),
      Plot.ruleX(rows, { x: 'bytes', y1: 'lo', y2: 'hi', stroke: 'kind', strokeOpacity: 0.4 }),
      Plot.line(rows, { x: 'bytes', y: 'gbps', stroke: 'kind', marker: 'circle' }),
    ],
  });
  return el.outerHTML;
}
