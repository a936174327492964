// Each what-if variant against the baseline: the deltas, and the seed's claims checked twice,
// against the predictions and against what this device measured (physical peak from the
// buffer tracker; logical bytes from the engine's events). The measured verdict is the one
// that answers "does it hold here".
import { checkClaim, SEED_WHATIF_CLAIMS, type ClaimCheck, type ClaimMetric, type SeedClaim } from '../analysis/whatif.js';
import type { ClaimCheckResult, WhatIfClaimResult, WhatIfDelta, WhatIfResult } from './roofline-types.js';

const fraction = (variant: number | null, base: number | null): number | null => (variant === null || base === null || base === 0 ? null : variant / base - 1);
const minus = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b);

export function deltaVsBaseline(w: WhatIfResult, base: WhatIfResult): WhatIfDelta {
  const gpu = w.gpuTimeMs?.median ?? null;
  const baseGpu = base.gpuTimeMs?.median ?? null;
  return {
    predictedPeakBytes: w.predictedPeakBytes - base.predictedPeakBytes,
    predictedPeakFraction: fraction(w.predictedPeakBytes, base.predictedPeakBytes) ?? 0,
    measuredPeakBytes: minus(w.measuredPeakBytes, base.measuredPeakBytes),
    measuredPeakFraction: fraction(w.measuredPeakBytes, base.measuredPeakBytes),
    gpuTimeMs: minus(gpu, baseGpu),
    gpuTimeFraction: fraction(gpu, baseGpu),
    predictedMs: minus(w.predictedMs, base.predictedMs),
    predictedMsFraction: fraction(w.predictedMs, base.predictedMs),
  };
}

type Values = (w: WhatIfResult, metric: ClaimMetric) => number | null;

const predicted: Values = (w, m) => (m === 'peakBytes' ? w.predictedPeakBytes : w.predictedEncoder1ActivationBytes);
const measured: Values = (w, m) => (m === 'peakBytes' ? w.measuredPeakBytes : w.measuredEncoder1ActivationBytes);
/** Logical bytes: live tensors + weights, the measured counterpart of the prediction without allocator slack. */
const measuredLogical: Values = (w, m) => (m === 'peakBytes' ? w.measuredLogicalPeakBytes : w.measuredEncoder1ActivationBytes);

const strip = ({ source, baseline, variant, reduction, holds, detail }: ClaimCheck): ClaimCheckResult => ({ source, baseline, variant, reduction, holds, detail });

function check(claim: SeedClaim, base: WhatIfResult, v: WhatIfResult, values: Values, source: ClaimCheck['source']): ClaimCheckResult | null {
  const a = values(base, claim.metric);
  const b = values(v, claim.metric);
  return a === null || b === null ? null : strip(checkClaim(claim, a, b, source));
}

export function whatIfClaims(rows: readonly WhatIfResult[]): WhatIfClaimResult[] {
  const base = rows.find((w) => w.variant === 'baseline');
  if (!base) return [];
  return SEED_WHATIF_CLAIMS.flatMap((claim) => {
    const v = rows.find((w) => w.variant === claim.variant);
    if (!v) return [];
    const p = check(claim, base, v, predicted, 'predicted')!;
    const m = check(claim, base, v, measured, 'measured');
    const note = m ? null : (v.note ?? base.note ?? `not measured (${v.status})`);
    return [{ claim: claim.id, text: claim.text, variant: claim.variant, metric: claim.metric, predicted: p, measured: m, measuredLogical: check(claim, base, v, measuredLogical, 'measured'), holds: (m ?? p).holds, basis: m ? 'measured' : 'predicted', note }];
  });
}
