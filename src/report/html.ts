// The standalone HTML report: inline CSS and inline SVG charts, no scripts, no external files.
// Charts need a DOM document, so this runs in the page (the CLI asks the page for it).
import { shapesLabel } from '../results/labels.js';
import type { ConfigResult, Results } from '../results/types.js';
import { layerTimeChart, memoryTimelineChart, predictedVsMeasuredChart, type ChartOptions } from './charts.js';
import { adapterText, configName, escapeHtml as esc, hostText, mb, ms, ratio } from './format.js';
import { referenceName } from './peers.js';
import { modelHtml, peersHtml } from './peers-text.js';
import { formsHtml } from './forms.js';
import { deviceLossHtml } from './device-loss.js';
import { incompleteText } from './incomplete.js';
import { verdict } from './summary.js';
import { bandwidthChart, layerFitChart, rooflineChart } from './roofline-charts.js';
import { ceilingsHtml, classFitTable, fitText, layerRooflineTable, nodeRooflineTable, whatIfHtml } from './roofline-tables.js';
import { layerTable, memoryTable, overheadText, seedReferenceTable, sweepTable, timestampDetails, topNodesTable, type CacheSource } from './tables.js';
import { timeCell, timingText } from './timing.js';
import { variantsHtml } from './variants.js';
import { soakHtml } from './soak.js';

export const REPORT_CSS = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1100px; padding: 0 16px; color: #222; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; } h3 { font-size: 15px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
th, td { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #777; } .bad { color: #b00020; } .warn { color: #9a6700; }
details { margin: 8px 0; } summary { cursor: pointer; font-weight: 600; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
`;

const HEADER_LIMITS: [string, (v: number) => string][] = [
  ['maxStorageBufferBindingSize', (v) => `${mb(v)} MB`],
  ['maxBufferSize', (v) => `${mb(v)} MB`],
  ['maxComputeWorkgroupsPerDimension', String],
  ['maxComputeInvocationsPerWorkgroup', String],
  ['maxComputeWorkgroupStorageSize', (v) => `${v} B`],
];

/** The limits kernels and plans depend on (those the device reported), and every feature it was created with. */
function limitsHtml(e: Results['environment']): string {
  const limits = HEADER_LIMITS.filter(([k]) => typeof e.limits[k] === 'number').map(([k, f]) => `${k} ${f(e.limits[k])}`);
  return `${esc(limits.join(', '))}.<br>\n<span class="muted">Features: ${esc(e.features.join(', ') || 'none')}.</span>`;
}

function environmentHtml(r: Results): string {
  const e = r.environment;
  const timing = e.timestampQuery ? 'timestamp-query (per dispatch)' : 'wall clock per submit (no timestamp-query feature: per-node GPU times are not available)';
  return `<p>Host: ${esc(hostText(e))}. Adapter: ${esc(adapterText(e))}.
GPU timing: ${esc(timing)}. ${esc(timingText(r))}<br>
${limitsHtml(e)}<br>
<span class="muted">${esc(e.userAgent)}</span><br>
Options: ${esc(pointsText(r))}; modes ${r.options.modes.join(', ')}; ${r.options.reps} repetitions${r.timing?.method === 'mean-of-quantized' ? ` (${r.timing.quantizedReps} once the timestamps were found quantized)` : ''} after ${r.options.warmup} warm-up; sweep took ${(r.durationMs / 1000).toFixed(1)} s.</p>`;
}

/** The configurations' inputs as the options gave them. */
function pointsText(r: Results): string {
  const o = r.options;
  if (o.inputShapes?.length) return `input shapes ${o.inputShapes.map(shapesLabel).join(', ')}`;
  return `batches ${o.batches.join(', ')}; sizes ${o.sizes.join(', ')}`;
}

function verdictHtml(r: Results): string {
  const v = verdict(r);
  const lines = [...v.failures.map((f) => `<li class="bad">${esc(f)}</li>`), ...v.warnings.map((w) => `<li class="warn">${esc(w)}</li>`)];
  return lines.length ? `<ul>${lines.join('')}</ul>` : '<p>All outputs checked match their reference; no invariant was broken.</p>';
}

function checkText(c: ConfigResult): string {
  const k = c.check;
  if (k.maxRelError !== undefined) return `${k.status} against ${referenceName(k.reference)} (max rel error ${k.maxRelError.toExponential(2)})`;
  return k.reason ? `${k.status} (${k.reason})` : k.status;
}

function headline(c: ConfigResult): string {
  const p = c.peakBytes;
  const sum = { gpuTimeMs: c.sumOfDispatchesMs, gpuTime: c.sumOfDispatchesTime };
  const runs = c.timestamps ? `, ${c.timestamps.runs} timed runs` : '';
  return [
    `End-to-end GPU ${timeCell(c)} ms, sum of dispatches ${timeCell(sum)} ms, wall ${ms(c.wallTimeMs?.median)} ms${runs};`,
    `peak physical ${mb(p.measuredPhysical)} MB, logical ${mb(p.measuredLogical)} MB, predicted ${mb(p.predicted)} MB (physical/predicted ${ratio(c.ratios.physicalOverPredicted)});`,
    `${c.pipelines} pipelines, ${c.dispatches.length} dispatches; check: ${checkText(c)};`,
    `${fitText(c)}.`,
  ].join(' ');
}

function firstPrinciplesSection(c: ConfigResult): string {
  const classes = classFitTable(c);
  if (!classes) return '';
  const f = c.rooflineFit!.firstPrinciples!;
  const launch = f.launchUs === null ? 'no launch cost (not in these ceilings)' : `${f.launchUs.toFixed(1)} us`;
  const intro = `<p>Per node ${esc(f.formula)}: the copy/read/write curves, FMA ${f.peakGflops.toFixed(2)} GFLOP/s and a launch cost of ${esc(launch)} per dispatch, all measured, nothing calibrated on a kernel. A ratio far above 1 is how far that class runs from this device's ceilings.</p>`;
  return `<h3>First-principles roofline per kernel class</h3>${intro}${classes}`;
}

function rooflineSection(c: ConfigResult, r: Results, o: ChartOptions): string {
  if (!r.ceilings) return '';
  const nodes = nodeRooflineTable(c);
  return [
    `<h3>Roofline: every kernel under the measured ceilings</h3>${rooflineChart(c, r.ceilings, o)}`,
    `<h3>Roofline prediction vs measured time, per layer</h3>${layerFitChart(c, o)}`,
    layerRooflineTable(c),
    firstPrinciplesSection(c),
    nodes ? `<details><summary>roofline per node (${c.nodes.length})</summary>${nodes}</details>` : '',
  ].join('\n');
}

function configSection(c: ConfigResult, r: Results, open: boolean, o: ChartOptions): string {
  const title = `<summary>${esc(`${configName(c)} ${c.mode}: ${c.status}`)}</summary>`;
  const caches: CacheSource = r.ceilings?.caches.source ?? 'seed';
  if (c.status !== 'ok') return `<details>${title}<p class="bad">${esc(c.error ?? '')}</p>${layerTable(c, caches)}</details>`;
  const side = { ...o, width: 500 };
  const charts = [
    `<div><h3>GPU time per layer</h3>${layerTimeChart(c, side)}</div>`,
    `<div><h3>Memory over the first run</h3>${memoryTimelineChart(c, side)}</div>`,
  ];
  return [
    `<details${open ? ' open' : ''}>${title}<p>${esc(headline(c))}</p>`,
    `<div class="charts">${charts.join('')}</div>`,
    rooflineSection(c, r, o),
    variantsHtml(c, r),
    layerTable(c, caches),
    `<h3>Slowest nodes</h3>${topNodesTable(c)}`,
    timestampDetails(c),
    `<h3>Memory</h3>${memoryTable(c)}</details>`,
  ].join('\n');
}

export function reportBody(r: Results, o: ChartOptions = {}): string {
  const firstOk = r.configs.findIndex((c) => c.status === 'ok');
  const stopped = incompleteText(r);
  return [
    ...(stopped ? [`<p class="warn" id="incomplete"><strong>${esc(stopped)}</strong></p>`] : []),
    modelHtml(r),
    environmentHtml(r),
    verdictHtml(r),
    deviceLossHtml(r),
    `<p>${esc(overheadText(r.profilingOverhead))}</p>`,
    '<h2>Sweep</h2>',
    `<p class="muted">Physical: GPU buffers that existed (buffer tracker). Logical: tensors live at a dispatch (engine events) plus resident weights. Predicted: liveness model, weights included. MB = 2<sup>20</sup> bytes.</p>`,
    sweepTable(r),
    soakHtml(r),
    formsHtml(r),
    peersHtml(r),
    '<h2>Device ceilings</h2>',
    ceilingsHtml(r),
    r.ceilings ? bandwidthChart(r.ceilings, o) : '',
    '<h2>Predicted vs measured</h2>',
    predictedVsMeasuredChart(r, o),
    '<h2>Configurations</h2>',
    ...r.configs.map((c, i) => configSection(c, r, i === firstOk, o)),
    '<h2>What-if (the seed\'s §6, predicted and measured)</h2>',
    whatIfHtml(r),
    '<h2>Seed reference</h2>',
    seedReferenceTable(r),
  ].join('\n');
}

/** The model that ran names the page: the ONNX file, or the built-in network. */
export function reportTitle(r: Results): string {
  return `WebGPU working-set profile: ${r.model.name}`;
}

export function reportHtml(r: Results, o: ChartOptions = {}): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(reportTitle(r))}</title><style>${REPORT_CSS}</style></head>
<body>
<h1>${esc(reportTitle(r))}, ${esc(new Date(r.createdAt).toLocaleString())}</h1>
${reportBody(r, o)}
</body></html>
`;
}
