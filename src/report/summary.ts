// The one-line-per-configuration summary printed by the CLI and shown atop the report.
import { ARENA_PEAK_TOLERANCE, type ConfigResult, type Results } from '../results/types.js';
import { configName, mb, ms, percent, ratio, yesNo } from './format.js';
import { peerVerdict, referenceName } from './peers.js';
import { timeMs } from '../results/time-of.js';
import { issuesText } from './timing.js';
import { RELATIVE_PRECISION } from '../profiler/estimate.js';
import { soakProblems } from '../profiler/soak.js';
import { deviceLosses } from '../results/device-loss.js';
import { deviceLossLine } from './device-loss.js';

export interface SummaryRow {
  config: string;
  mode: string;
  status: string;
  physicalMB: string;
  predictedMB: string;
  ratio: string;
  logicalEqualsPredicted: string;
  gpuMs: string;
  seedPyTorchMB: string;
  rooflineFit: string;
  check: string;
}

export const SUMMARY_HEADERS: Record<keyof SummaryRow, string> = {
  config: 'config',
  mode: 'mode',
  status: 'status',
  physicalMB: 'physical peak MB',
  predictedMB: 'predicted peak MB',
  ratio: 'phys/pred',
  logicalEqualsPredicted: 'logical==pred',
  gpuMs: 'e2e GPU ms',
  seedPyTorchMB: 'PyTorch CUDA MB (seed)',
  rooflineFit: 'layers within 1.5x',
  check: 'check',
};

function fitCell(c: ConfigResult): string {
  const f = c.rooflineFit;
  if (f?.fractionWithin == null) return '-';
  // Beside it the first-principles fit: what the device's ceilings alone predict, no kernel calibrated.
  const p = f.firstPrinciples;
  const o = p?.fractionWithin == null ? '' : `, first principles ${p.layersWithin}/${p.layersMeasured}`;
  return `${f.layersWithin}/${f.layersMeasured} (${percent(f.fractionWithin)})${o}`;
}

function checkCell(c: ConfigResult): string {
  if (c.check.status === 'not-checked') return 'not checked';
  const e = c.check.maxRelError;
  return e === undefined ? c.check.status : `${c.check.status} ${e.toExponential(1)}`;
}

export function summaryRow(c: ConfigResult): SummaryRow {
  return {
    config: configName(c),
    mode: c.mode,
    status: c.status,
    physicalMB: mb(c.peakBytes.measuredPhysical),
    predictedMB: mb(c.peakBytes.predicted),
    ratio: ratio(c.ratios.physicalOverPredicted),
    logicalEqualsPredicted: yesNo(c.ratios.logicalEqualsPredicted),
    gpuMs: c.timing === 'wall-clock' ? `${ms(timeMs(c))} (wall)` : ms(timeMs(c)),
    seedPyTorchMB: mb(c.seedPyTorchPeakBytes),
    rooflineFit: fitCell(c),
    check: checkCell(c),
  };
}

/** Fixed-width text table (for terminals and logs). */
export function textTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function summaryText(r: Results): string {
  const keys = Object.keys(SUMMARY_HEADERS) as (keyof SummaryRow)[];
  const rows = r.configs.map((c) => {
    const row = summaryRow(c);
    return keys.map((k) => row[k]);
  });
  return textTable(keys.map((k) => SUMMARY_HEADERS[k]), rows);
}

/** Unresolved node times and implausible timestamp pairs: the per-node times are less sure than they look. */
function timestampWarnings(c: ConfigResult, name: string): string[] {
  const t = c.timestamps;
  if (!t) return [];
  const out: string[] = [];
  if (t.unresolvedNodes) out.push(`${name}: ${t.unresolvedNodes} node time(s) with a standard error above ${RELATIVE_PRECISION * 100}% after ${t.runs} runs, timestamps quantized to ${t.quantumNs} ns (the report lists how many runs would resolve each)`);
  const issues = issuesText(t.issues);
  if (issues) out.push(`${name}: implausible timestamp pairs: ${issues}`);
  return out;
}

/** The issue's goal for the roofline: at least this share of layers within the tolerance. */
export const ROOFLINE_GOAL = 0.8;

/** Problems worth a non-zero exit or a red line: failed checks, broken invariants. */
export interface Verdict {
  failures: string[];
  warnings: string[];
}

export function verdict(r: Results): Verdict {
  const failures: string[] = [];
  const warnings: string[] = [];
  for (const c of r.configs) {
    const name = `${configName(c)} ${c.mode}`;
    if (c.check.status === 'fail') failures.push(`${name}: output differs from ${referenceName(c.check.reference)} (${c.check.reason ?? `max rel error ${c.check.maxRelError}`})`);
    if (c.status === 'error' || c.status === 'device-lost') failures.push(`${name}: ${c.error}`);
    if (c.ratios.logicalEqualsPredicted === false) warnings.push(`${name}: measured logical bytes differ from the liveness prediction at ${c.ratios.logicalMismatches} node(s)`);
    const rr = c.ratios.physicalOverPredicted;
    if (c.mode === 'arena' && rr !== null && Math.abs(rr - 1) > ARENA_PEAK_TOLERANCE) warnings.push(`${name}: arena physical peak is ${rr.toFixed(3)}x the prediction (beyond ${ARENA_PEAK_TOLERANCE * 100}%)`);
    if (c.memory?.anomalies.length) warnings.push(`${name}: ${c.memory.anomalies.join('; ')}`);
    // A soak that leaks, grows the live buffers, re-creates pipelines or changes an output fails the run.
    if (c.soak) failures.push(...soakProblems(c.soak).map((p) => `${name}: ${p}`));
    warnings.push(...timestampWarnings(c, name));
    const peers = peerVerdict(c, name);
    failures.push(...peers.failures);
    warnings.push(...peers.warnings);
    const fit = c.rooflineFit;
    if (fit?.fractionWithin != null && fit.fractionWithin < ROOFLINE_GOAL)
      warnings.push(`${name}: the roofline predicts ${fit.layersWithin}/${fit.layersMeasured} layers within ${fit.tolerance}x (goal: ${ROOFLINE_GOAL * 100}%)`);
  }
  for (const w of r.whatif ?? []) {
    if (w.check.status === 'fail') failures.push(`what-if ${w.variant}: output differs from the CPU reference (${w.check.reason ?? `max rel error ${w.check.maxRelError}`})`);
    if (w.status === 'error' || w.status === 'device-lost') failures.push(`what-if ${w.variant}: ${w.error ?? w.note ?? 'error'}`);
  }
  // A loss inside a configuration is that row's failure already; one between them is not.
  for (const l of deviceLosses(r)) if (l.config === null) failures.push(deviceLossLine(l, r.configs.length));
  return { failures, warnings };
}
