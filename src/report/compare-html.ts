// The comparison of two runs as a standalone page: inline CSS and SVG, no scripts. Per
// configuration, per-layer ratio bars (B/A; a whisker spans the ratios the two p10-p90
// intervals allow, so it crosses 1 exactly where the change is within noise), then the tables.
import * as Plot from '@observablehq/plot';
import type { Comparison, ConfigComparison, LayerComparison } from '../compare/types.js';
import type { ChartOptions } from './charts.js';
import { bytesVerdict, interval, memoryWord, ratioText, runLine, summaryLine, timeVerdict, TIME_WORD, unmatchedText } from './compare-text.js';
import { escapeHtml as esc, mb } from './format.js';
import { REPORT_CSS } from './html.js';
import { logAxis } from './log-axis.js';
import { table } from './tables.js';

const FONT = 'system-ui, sans-serif';
const RANGE = ['#e15759', '#59a14f', '#bab0ac'];
const TIME_COLORS = { domain: ['slower', 'faster', 'within-noise'], range: RANGE };
const BYTES_COLORS = { domain: ['larger', 'smaller', 'same'], range: RANGE };

interface Bar {
  layer: string;
  ratio: number;
  lo: number;
  hi: number;
  change: string;
}

/** A log domain around 1 holding every value, at least 0.8x-1.25x. */
function ratioDomain(values: number[]): [number, number] {
  const lo = Math.min(0.8, ...values) / 1.1;
  const hi = Math.max(1.25, ...values) * 1.1;
  return [lo, hi];
}

function ratioBars(bars: Bar[], label: string, colors: { domain: string[]; range: string[] }, o: ChartOptions): string {
  const domain = ratioDomain(bars.flatMap((b) => [b.lo, b.hi]));
  const el = Plot.plot({
    document: o.document,
    width: o.width ?? 640,
    height: 22 * bars.length + 60,
    marginLeft: 90,
    style: { fontFamily: FONT },
    x: { type: 'log', domain, axis: null },
    y: { label: null, domain: bars.map((b) => b.layer) },
    color: { ...colors, legend: true },
    marks: [
      ...logAxis('x', domain, label),
      Plot.barX(bars, { x1: () => 1, x2: 'ratio', y: 'layer', fill: 'change', title: (b: Bar) => `${b.layer}: ${ratioText(b.ratio)} (${b.change})` }),
      Plot.ruleY(
        bars.filter((b) => b.lo !== b.hi),
        { y: 'layer', x1: 'lo', x2: 'hi', stroke: '#222' },
      ),
      Plot.ruleX([1], { stroke: '#222' }),
    ],
  });
  return el.outerHTML;
}

/** B/A median GPU time per layer, movers first, whiskers from the p10-p90 intervals. */
export function layerTimeRatioChart(c: ConfigComparison, o: ChartOptions = {}): string {
  const bars = c.layers.flatMap((l) => (l.time.ratio === null ? [] : [{ layer: l.layer, ratio: l.time.ratio, lo: l.time.ratioRange![0], hi: l.time.ratioRange![1], change: l.time.change }]));
  if (!bars.length) return '<p class="muted">no per-layer GPU times on both sides</p>';
  return ratioBars(bars, 'B/A GPU time per layer (median; whisker: the ratios the two p10-p90 intervals allow)', TIME_COLORS, o);
}

/** B/A logical bytes per layer, where any layer's differ. */
export function layerBytesRatioChart(c: ConfigComparison, o: ChartOptions = {}): string {
  const rows = c.layers.filter((l) => l.logicalBytes.ratio !== null);
  if (!rows.length) return '<p class="muted">no per-layer bytes on both sides</p>';
  if (rows.every((l) => l.logicalBytes.change === 'same')) return '<p>Every matched layer holds the same logical bytes in both runs.</p>';
  const bars = rows.map((l) => ({ layer: l.layer, ratio: l.logicalBytes.ratio!, lo: l.logicalBytes.ratio!, hi: l.logicalBytes.ratio!, change: l.logicalBytes.change }));
  return ratioBars(bars, 'B/A logical bytes per layer (live tensors + weights)', BYTES_COLORS, o);
}

function layerRow(l: LayerComparison): string[] {
  return [l.layer, TIME_WORD[l.time.change], memoryWord(l), interval(l.time, 'a'), interval(l.time, 'b'), ratioText(l.time.ratio), mb(l.logicalBytes.a), mb(l.logicalBytes.b), ratioText(l.logicalBytes.ratio), ratioText(l.physicalBytes.ratio)];
}

const LAYER_HEADERS = ['layer', 'time', 'memory', 'A ms (p10-p90)', 'B ms (p10-p90)', 'B/A time', 'A logical MB', 'B logical MB', 'B/A logical', 'B/A physical'];

function nodesHtml(c: ConfigComparison): string {
  const rows = c.nodes.map((n) => [n.node, n.layer, TIME_WORD[n.time.change], interval(n.time, 'a'), interval(n.time, 'b'), ratioText(n.time.ratio), ratioText(n.logicalBytes.ratio)]);
  const moved = c.nodes.filter((n) => n.moved).length;
  return `<details><summary>${esc(`nodes: ${c.nodes.length} matched by name, ${moved} changed beyond noise`)}</summary>${table(['node', 'layer', 'time', 'A ms (p10-p90)', 'B ms (p10-p90)', 'B/A time', 'B/A logical'], rows, 3)}</details>`;
}

function configHtml(c: ConfigComparison, o: ChartOptions): string {
  const title = `<summary>${esc(`${c.label}${c.moved ? ': changed' : ': no change beyond noise'}`)}</summary>`;
  if (c.status.a !== 'ok' || c.status.b !== 'ok') return `<details open>${title}<p class="warn">${esc(`${c.status.a} in A, ${c.status.b} in B; nothing measured to compare`)}</p></details>`;
  const p = c.peaks;
  const unmatched = [unmatchedText('layers', c.unmatchedLayers), unmatchedText('nodes', c.unmatchedNodes)].filter((x): x is string => x !== null);
  return [
    `<details open>${title}`,
    `<p>${esc(`End-to-end GPU ${timeVerdict(c.gpuTime)}; wall ${timeVerdict(c.wallTime)}.`)}<br>`,
    `${esc(`Peaks: physical ${bytesVerdict(p.physical)}, logical ${bytesVerdict(p.logical)}, predicted ${bytesVerdict(p.predicted)}.`)}</p>`,
    `<div class="charts"><div><h3>GPU time per layer, B/A</h3>${layerTimeRatioChart(c, o)}</div><div><h3>Memory per layer, B/A</h3>${layerBytesRatioChart(c, o)}</div></div>`,
    table(LAYER_HEADERS, c.layers.map(layerRow), 3),
    ...unmatched.map((u) => `<p class="muted">${esc(u)}</p>`),
    nodesHtml(c),
    '</details>',
  ].join('\n');
}

export function compareHtml(cmp: Comparison, o: ChartOptions = {}): string {
  const unmatched = unmatchedText('configurations', cmp.unmatchedConfigs, 50);
  const side = { ...o, width: o.width ?? 520 };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Comparison of two profiler runs</title><style>${REPORT_CSS}</style></head>
<body>
<h1>Comparison: B against A</h1>
<p>${esc(runLine('A', cmp.a))}<br>${esc(runLine('B', cmp.b))}</p>
<p><strong>${esc(summaryLine(cmp))}</strong></p>
<p class="muted">${esc(`Ratios are B/A. Time: ${cmp.rules.time}. Bytes: ${cmp.rules.bytes}. Rows and bars: ${cmp.rules.order}. MB = 2^20 bytes.`)}</p>
${cmp.notes.length ? `<ul>${cmp.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}
${unmatched ? `<p class="warn">${esc(unmatched)}</p>` : ''}
${cmp.configs.map((c) => configHtml(c, side)).join('\n')}
</body></html>
`;
}
