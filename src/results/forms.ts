// A training-form model (RepConv branches exported before switch_to_deploy) runs twice through
// the same measurement: as exported, to measure what the branches cost, and reparameterized,
// as it would be deployed. This sets the two forms side by side against the seed's §4
// (which forms run is the sweep's choice: src/sweep/onnx-model.ts).
import { repconvMemory } from '../analysis/seed.js';
import type { FormComparison, FormComparisonRow, FormSide } from './form-types.js';
import { shapesKey } from './labels.js';
import { timeMs } from './time-of.js';
import type { ConfigResult } from './types.js';

export const FORMS_NOTE =
  "§4 counts only one RepConv block's branch maps (7 vs 2); the whole network also holds other activations and the weights, which both forms share, so its reduction is smaller.";

function side(c: ConfigResult): FormSide {
  const p = c.peakBytes;
  return { status: c.status, measuredPhysical: p.measuredPhysical, measuredLogical: p.measuredLogical, predicted: p.predicted, gpuTimeMs: timeMs(c), nodes: c.nodes.length };
}

const less = (deploy: number | null, training: number | null): number | null => (deploy === null || training === null || training <= 0 ? null : 1 - deploy / training);

/** Pairs each as-exported row with the reparameterized row of the same input shapes and mode. */
export function formComparison(configs: ConfigResult[]): FormComparison | null {
  const same = (a: ConfigResult, b: ConfigResult) => shapesKey(a.inputShapes) === shapesKey(b.inputShapes) && a.mode === b.mode;
  const rows = configs.flatMap((a): FormComparisonRow[] => {
    const b = a.form === 'as-exported' ? configs.find((c) => c.form === 'reparameterized' && same(a, c)) : undefined;
    if (!b) return [];
    const [x, y] = [side(a), side(b)];
    const reduction = { physical: less(y.measuredPhysical, x.measuredPhysical), logical: less(y.measuredLogical, x.measuredLogical), predicted: less(y.predicted, x.predicted) };
    const timeRatio = x.gpuTimeMs && y.gpuTimeMs !== null ? y.gpuTimeMs / x.gpuTimeMs : null;
    return [{ batch: a.batch, size: a.size, inputShapes: a.inputShapes, mode: a.mode, asExported: x, reparameterized: y, reduction, timeRatio }];
  });
  if (!rows.length) return null;
  return { seedBlockReduction: repconvMemory(1, 1).reductionPercent / 100, note: FORMS_NOTE, rows };
}
