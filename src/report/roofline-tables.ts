// Roofline and what-if tables as rows of strings (shared by the HTML report and the terminal)
// and as escaped HTML.
import type { CeilingsResult, ConfigResult, Results, WhatIfClaimResult, WhatIfResult } from '../results/types.js';
import { escapeHtml as esc, mb, ms, percent, rate, signedPercent, size, times } from './format.js';
import { table } from './tables.js';

export function fitText(c: ConfigResult): string {
  const f = c.rooflineFit;
  if (!f) return 'roofline: no ceilings';
  if (f.fractionWithin === null) return 'roofline: no per-layer GPU times';
  const main = `${f.layersWithin}/${f.layersMeasured} layers (${percent(f.fractionWithin)}) predicted within ${f.tolerance}x; nodes ${f.nodesWithin}/${f.nodesMeasured}; predicted ${ms(f.predictedMs)} ms vs measured ${ms(f.measuredMs)} ms`;
  const roofs = f.nodesOnKernelRoof ? `${f.nodesOnKernelRoof} nodes on a measured kernel roof` : 'no node on a measured kernel roof';
  return `${main}; ${roofs}; ${firstPrinciplesText(f.firstPrinciples, f.tolerance)}`;
}

type FirstFit = NonNullable<ConfigResult['rooflineFit']>['firstPrinciples'];

const launchText = (f: NonNullable<FirstFit>) => (f.launchUs === null ? 'no launch cost measured' : `${f.launchUs.toFixed(1)} us per dispatch`);

/** The classes furthest from the device's ceilings, with how far. */
function furthestText(f: NonNullable<FirstFit>, tolerance: number, count = 3): string {
  const off = f.byClass.filter((k) => k.ratio !== null && (k.ratio > tolerance || k.ratio < 1 / tolerance)).slice(0, count);
  if (!off.length) return 'every kernel class within';
  return `furthest: ${off.map((k) => `${k.kernelClass} ${times(k.ratio)} (${k.nodes} nodes, ${k.bound})`).join(', ')}`;
}

/** The fit of the device's ceilings alone (no per-kernel calibration), beside the calibrated one. */
function firstPrinciplesText(f: FirstFit | undefined, tolerance: number): string {
  if (!f || f.fractionWithin === null) return 'first principles: not computed';
  const model = `bandwidth curve + FMA ${rate(f.peakGflops)} GFLOP/s + ${launchText(f)}, no kernel calibration`;
  return `first principles (${model}): ${f.layersWithin}/${f.layersMeasured} layers (${percent(f.fractionWithin)}), nodes ${f.nodesWithin}/${f.nodesMeasured}, predicted ${ms(f.predictedMs)} ms; ${furthestText(f, tolerance)}`;
}

export const CLASS_FIT_HEADERS = ['kernel class', 'nodes', 'bound (first principles)', 'measured ms', 'first-principles ms', 'measured / first principles', 'nodes within 1.5x'];

/** Per kernel class: how far its kernels run from the device's ceilings, worst first. */
export function classFitRows(c: ConfigResult): string[][] {
  const f = c.rooflineFit?.firstPrinciples;
  return (f?.byClass ?? []).map((k) => [k.kernelClass, String(k.nodes), k.bound, ms(k.measuredMs), ms(k.predictedMs), times(k.ratio), `${k.nodesWithin}/${k.nodesMeasured}`]);
}

export function classFitTable(c: ConfigResult): string {
  const rows = classFitRows(c);
  return rows.length ? table(CLASS_FIT_HEADERS, rows, 1) : '';
}

export function ceilingsSource(c: CeilingsResult): string {
  const s = c.source;
  const how = s.fromCache ? `read from the cache (measured ${s.measuredAt})` : 'measured in this run';
  return `Device ceilings ('${s.mode}', ${s.preset} preset, up to ${size(s.maxBytes)}, ${s.timing} timing): ${how}; the measurement took ${(s.measurementMs / 1000).toFixed(1)} s, this run's ceilings step ${(s.stepMs / 1000).toFixed(1)} s.`;
}

export const CEILING_HEADERS = ['ceiling', 'peak', 'at the largest size', 'spread (median over points)', 'spread (max)'];

export function ceilingRows(c: CeilingsResult): string[][] {
  const curves = (['read', 'write', 'copy'] as const).filter((k) => c.curves[k]);
  const rows = curves.map((k) => {
    const cv = c.curves[k]!;
    const last = cv.points[cv.points.length - 1];
    const used = k === c.bandwidthCurve ? ' (predictions)' : '';
    return [`${k} bandwidth${used}`, `${rate(cv.peakGbps)} GB/s`, `${rate(last.gbps)} GB/s at ${size(last.bytes)}`, cv.spread.toFixed(3), cv.maxSpread.toFixed(3)];
  });
  rows.push(['FMA f32', `${rate(c.fmaGflops)} GFLOP/s`, '', c.spread.fmaGflops.toFixed(3), '']);
  for (const k of c.kernelRoofs ?? []) rows.push([`kernel roof ${k.kernelClass}`, `${rate(k.gflops)} GFLOP/s`, calibrationText(k.calibration), k.spread.toFixed(3), '']);
  rows.push(['FMA f16', c.fmaF16Gflops === null ? (c.fmaF16Note ?? 'not measured') : `${rate(c.fmaF16Gflops)} GFLOP/s`, '', '', '']);
  rows.push(['empty dispatch (one of many in a pass)', `${c.dispatchOverheadUs.toFixed(1)} us`, '', c.spread.dispatchOverhead.toFixed(3), '']);
  if (c.launchUs != null) rows.push(['launch (one dispatch timed alone in its pass)', `${c.launchUs.toFixed(1)} us`, '', c.spread.launch?.toFixed(3) ?? '', '']);
  return rows;
}

function calibrationText(c: CeilingsResult['kernelRoofs'][number]['calibration']): string {
  const k = c.kernelSize > 1 ? ` ${c.kernelSize}x${c.kernelSize}` : '';
  const g = c.group > 1 ? ` g${c.group}` : '';
  return `calibrated at ${c.cin}->${c.cout}${k}${g} on ${c.height}x${c.width}`;
}

export function cachesText(c: CeilingsResult): string {
  const k = c.caches;
  const used = k.source === 'detected' ? `L2 ${size(k.used.l2)}, L3 ${size(k.used.l3)} from the ${c.bandwidthCurve} curve's cliffs` : 'none detected';
  return `Cache capacities for the per-layer classification: ${used} (seed's fixed values: L2 ${size(k.seed.l2)}, L3 ${size(k.seed.l3)}). ${k.note}.`;
}

export function ceilingsHtml(r: Results): string {
  const c = r.ceilings;
  if (!c) return '<p class="muted">No device ceilings in this run (--ceilings off), so no roofline.</p>';
  const cliffs = Object.values(c.cliffsByCurve).flat();
  const list = cliffs.length ? `<ul>${cliffs.map((x) => `<li>${esc(`${size(x.bytes)}: ${x.evidence}`)}</li>`).join('')}</ul>` : '<p>No cliff in any curve.</p>';
  return [`<p>${esc(ceilingsSource(c))}</p>`, table(CEILING_HEADERS, ceilingRows(c)), `<p>${esc(cachesText(c))}</p>`, '<h3>Cliffs (every curve)</h3>', list].join('\n');
}

function missText(reasons: string[] | undefined, direction?: string): string {
  return reasons?.length ? `${direction}: ${reasons.join(', ')}` : '';
}

export function nodeRooflineTable(c: ConfigResult): string {
  const nodes = c.nodes.filter((n) => n.roofline);
  if (!nodes.length) return '';
  const rows = nodes.map((n) => {
    const f = n.roofline!;
    const d = n.rooflineDetail;
    const p = n.firstPrinciples;
    return [n.name, n.op, rate(f.flops / 1e6), mb(f.bytes, 3), rate(f.intensity), mb(f.workingSetBytes), rate(f.achievedGbps), rate(f.achievedGflops), d?.percentOfRoofline == null ? '-' : `${d.percentOfRoofline.toFixed(0)}%`, ms(f.predictedMs), ms(f.measuredMs), f.bound, d?.computeRoof ?? '-', missText(d?.miss?.reasons, d?.miss?.direction), ms(p?.predictedMs), p?.bound ?? '-', times(p?.ratio)];
  });
  const headers = ['node', 'op', 'MFLOP', 'min MB moved', 'flop/B', 'working set MB', 'GB/s', 'GFLOP/s', '% of roofline', 'predicted ms', 'measured ms', 'bound', 'compute roof', 'miss (>1.5x)', 'first-principles ms', 'first-principles bound', 'measured / first principles'];
  return table(headers, rows, 2);
}

/** Per layer: measured against the roofline's prediction, and the likely reason of each miss. */
export function layerRooflineTable(c: ConfigResult): string {
  const layers = c.layers.filter((l) => l.roofline);
  if (!layers.length) return '';
  const rows = layers.map((l) => {
    const r = l.roofline!;
    const verdict = r.within === null ? '-' : r.within ? 'yes' : 'no';
    const p = l.firstPrinciples;
    const first = p?.within == null ? '-' : p.within ? 'yes' : 'no';
    return [l.layer, ms(r.measuredMs), ms(r.predictedMs), times(r.ratio), verdict, ms(p?.predictedMs), times(p?.ratio), first, missText(r.miss?.reasons, r.miss?.direction), r.miss?.detail ?? ''];
  });
  const headers = ['layer', 'measured ms', 'roofline ms (calibrated)', 'measured / roofline', 'within 1.5x', 'first-principles ms', 'measured / first principles', 'within 1.5x (first principles)', 'miss: likely reason', 'numbers'];
  return table(headers, rows, 1);
}

export const WHATIF_HEADERS = ['variant', 'status', 'params', 'pred. peak MB', 'Δ pred.', 'meas. peak MB', 'Δ meas.', 'roofline ms', 'GPU ms', 'Δ GPU', 'check'];

function statusCell(w: WhatIfResult): string {
  return w.status === 'not-measurable' ? 'not measurable on this adapter' : w.status;
}

function checkCell(w: WhatIfResult): string {
  if (w.check.status === 'not-checked') return 'not checked';
  return w.check.maxRelError === undefined ? w.check.status : `${w.check.status} ${w.check.maxRelError.toExponential(1)}`;
}

export function whatIfRows(ws: readonly WhatIfResult[]): string[][] {
  return ws.map((w) => {
    const d = w.deltaVsBaseline;
    return [w.label, statusCell(w), String(w.params), mb(w.predictedPeakBytes), signedPercent(d.predictedPeakFraction), mb(w.measuredPeakBytes), signedPercent(d.measuredPeakFraction), ms(w.predictedMs), ms(w.gpuTimeMs?.median), signedPercent(d.gpuTimeFraction), checkCell(w)];
  });
}

/** The variant's time beside a memory claim: the seed speaks of memory, this device also answers in time. */
function timeNote(c: WhatIfClaimResult, rows: readonly WhatIfResult[]): string | null {
  const v = rows.find((w) => w.variant === c.variant);
  const base = rows.find((w) => w.variant === 'baseline');
  if (!v?.gpuTimeMs || !base?.gpuTimeMs) return v?.predictedMs != null && base?.predictedMs != null ? `roofline time ${ms(base.predictedMs)} -> ${ms(v.predictedMs)} ms (${signedPercent(v.deltaVsBaseline.predictedMsFraction)})` : null;
  return `GPU time ${ms(base.gpuTimeMs.median)} -> ${ms(v.gpuTimeMs.median)} ms (${signedPercent(v.deltaVsBaseline.gpuTimeFraction)})`;
}

export function claimText(c: WhatIfClaimResult, rows: readonly WhatIfResult[] = []): string {
  const verdict = c.holds ? 'holds' : 'does not hold';
  const basis = c.basis === 'measured' ? 'on this device (measured)' : `by prediction only (${c.note ?? 'not measured'})`;
  const logical = c.measuredLogical && c.basis === 'measured' ? c.measuredLogical.detail.replace('measured', 'measured logical') : null;
  const numbers = [c.measured?.detail, logical, c.predicted.detail, timeNote(c, rows)].filter(Boolean).join('; ');
  return `"${c.text}" ${verdict} ${basis}: ${numbers}.`;
}

export function whatIfHtml(r: Results): string {
  if (!r.whatif) return '<p class="muted">What-if variants not run (npm run bench -- --whatif, or the page\'s "what-if variants" box).</p>';
  const cfg = r.whatif[0]?.config;
  const intro = cfg ? `<p>Each variant at b${cfg.batch}@${cfg.size} ${cfg.mode}, built by the same builder; measured like a sweep configuration (timestamps, buffer tracker, CPU check). Peaks: predicted = liveness (weights included, at the variant's bytes per element); measured = physical (tracked GPU buffers). Δ is against the baseline.</p>` : '';
  const claims = (r.whatifClaims ?? []).map((c) => `<li class="${c.holds ? '' : 'warn'}">${esc(claimText(c, r.whatif!))}</li>`).join('');
  return [intro, table(WHATIF_HEADERS, whatIfRows(r.whatif), 2), '<h3>The seed\'s claims on this device</h3>', `<ul>${claims}</ul>`].join('\n');
}
