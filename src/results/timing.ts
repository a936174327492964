// The document's top-level timing record: the sweep's timestamp quantum, the estimator it
// called for, and what every configuration's timestamps had wrong with them.
import { RELATIVE_PRECISION } from '../profiler/estimate.js';
import { CONFIRM_BITS, type QuantumDetection } from '../profiler/quantum.js';
import type { ConfigResult, SweepOptions } from './types.js';
import type { TimestampIssueCounts, TimingMethod, TimingResult } from './timing-types.js';

function mergeIssues(rows: readonly ConfigResult[]): TimestampIssueCounts {
  const out: TimestampIssueCounts = {};
  for (const r of rows) for (const [k, v] of Object.entries(r.timestamps?.issues ?? {})) out[k as keyof TimestampIssueCounts] = (out[k as keyof TimestampIssueCounts] ?? 0) + (v ?? 0);
  return out;
}

/** timestamps: whether the run used timestamp queries at all (environment.timestampQuery). */
export function timingResult(opts: SweepOptions, timestamps: boolean, d: QuantumDetection, rows: readonly ConfigResult[]): TimingResult {
  const quantumNs = timestamps ? d.quantumNs : null;
  const method: TimingMethod = !timestamps ? 'wall-clock' : (quantumNs ?? 1) > 1 ? 'mean-of-quantized' : 'median';
  return {
    quantumNs,
    method,
    emulatedQuantumNs: opts.emulateTimestampQuantumNs,
    detection: { stamps: d.stamps, commonStepNs: d.commonStepNs, powerOfTwoNs: d.powerOfTwoNs, chanceLog2: d.chanceLog2, confirmed: d.confirmed, confirmBits: CONFIRM_BITS },
    quantizedReps: Math.max(opts.reps, opts.quantizedReps),
    relativePrecision: RELATIVE_PRECISION,
    issues: mergeIssues(rows),
    unresolvedNodes: rows.reduce((a, r) => a + (r.timestamps?.unresolvedNodes ?? 0), 0),
  };
}
