// The one-line-per-configuration summary printed by the CLI and shown atop the report.
import { ARENA_PEAK_TOLERANCE, type ConfigResult, type Results } from '../results/types.js';
import { configName, mb, ms, ratio, yesNo } from './format.js';

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
  check: 'check',
};

function checkCell(c: ConfigResult): string {
  if (c.check.status === 'not-checked') return 'not checked';
  const e = c.check.relError;
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
    gpuMs: c.timing === 'wall-clock' ? `${ms(c.gpuTimeMs?.median)} (wall)` : ms(c.gpuTimeMs?.median),
    seedPyTorchMB: mb(c.seedPyTorchPeakBytes),
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
    if (c.check.status === 'fail') failures.push(`${name}: output differs from the CPU reference (${c.check.reason ?? `max rel error ${c.check.relError}`})`);
    if (c.status === 'error') failures.push(`${name}: ${c.error}`);
    if (c.ratios.logicalEqualsPredicted === false) warnings.push(`${name}: measured logical bytes differ from the liveness prediction at ${c.ratios.logicalMismatches} node(s)`);
    const rr = c.ratios.physicalOverPredicted;
    if (c.mode === 'arena' && rr !== null && Math.abs(rr - 1) > ARENA_PEAK_TOLERANCE) warnings.push(`${name}: arena physical peak is ${rr.toFixed(3)}x the prediction (beyond ${ARENA_PEAK_TOLERANCE * 100}%)`);
    if (c.memory?.anomalies.length) warnings.push(`${name}: ${c.memory.anomalies.join('; ')}`);
  }
  if (r.deviceLost) failures.push(`device lost: ${r.deviceLost}`);
  return { failures, warnings };
}
