// The per-layer table as CSV: one row per (configuration, layer), bytes and milliseconds.
import { shapesKey } from '../results/labels.js';
import type { Results } from '../results/types.js';

const COLUMNS = [
  'batch',
  'size',
  'mode',
  'status',
  'layer',
  'gpu_ms_median',
  'gpu_ms_p10',
  'gpu_ms_p90',
  'seed_working_set_bytes',
  'predicted_live_bytes',
  'measured_live_bytes',
  'measured_physical_bytes',
  'roofline_predicted_ms',
  'roofline_measured_ms',
  'roofline_ratio',
  'roofline_within_tolerance',
  'roofline_miss_reasons',
  'working_set_bytes',
  'cache_level',
  'seed_cache_level',
  // Last, so readers that index columns keep working; empty unless a model ran in two forms.
  'form',
  // Every input's shape, NAME=NxCxHxW separated by ';' (size is empty where it does not apply).
  'input_shapes',
  // The timing method's estimate: the median, or under quantized timestamps the mean, and its standard error.
  'gpu_ms_estimate',
  'gpu_ms_stderr',
  'gpu_ms_estimator',
  'gpu_ms_resolved',
  'gpu_runs_to_resolve',
  // The first-principles roofline (device ceilings and launch cost only) beside the calibrated one.
  'first_principles_ms',
  'first_principles_ratio',
  'first_principles_within_tolerance',
] as const;

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function layersCsv(r: Results): string {
  const lines = [COLUMNS.join(',')];
  for (const c of r.configs) {
    for (const l of c.layers) {
      const r = l.roofline;
      const cells = [
        ...[c.batch, c.size, c.mode, c.status, l.layer, l.gpuTimeMs?.median, l.gpuTimeMs?.p10, l.gpuTimeMs?.p90],
        ...[l.seedWorkingSetBytes, l.predictedLiveBytes, l.measuredLiveBytes, l.measuredPhysicalBytes],
        ...[r?.predictedMs, r?.measuredMs, r?.ratio, r?.within, r?.miss?.reasons.join(' ')],
        ...[l.cache?.workingSetBytes, l.cache?.level, l.cache?.seedLevel, c.form, c.inputShapes ? shapesKey(c.inputShapes) : null],
        ...[l.gpuTime?.ms, l.gpuTime?.stdErrMs, l.gpuTime?.estimator, l.gpuTime?.resolved, l.gpuTime?.runsToResolve],
        ...[l.firstPrinciples?.predictedMs, l.firstPrinciples?.ratio, l.firstPrinciples?.within],
      ];
      lines.push(cells.map(csvCell).join(','));
    }
  }
  return lines.join('\n') + '\n';
}
