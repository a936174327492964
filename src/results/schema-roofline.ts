// Validation of the roofline and what-if fields. They are optional at the document level
// (older documents of the same schemaVersion lack them) but complete wherever present.
import { arrayOf, nullable, num, obj, oneOf, stats, str } from './schema-checks.js';

export const ceilings = obj({
  bandwidth: arrayOf(obj({ bytes: num, gbps: num })),
  cliffs: arrayOf(obj({ bytes: num, evidence: str })),
  fmaGflops: num,
  spread: obj({ bandwidth: num, fmaGflops: num }),
});

export const nodeRoofline = obj({
  flops: num,
  bytes: num,
  intensity: num,
  workingSetBytes: num,
  achievedGbps: nullable(num),
  achievedGflops: nullable(num),
  predictedMs: num,
  measuredMs: nullable(num),
  bound: oneOf('memory', 'compute'),
});

export const layerRoofline = obj({ predictedMs: num, measuredMs: nullable(num), ratio: nullable(num) });

export const rooflineFit = obj({ tolerance: num, layersWithin: num, layersMeasured: num, fractionWithin: nullable(num) });

const delta = obj({ predictedPeakBytes: num, measuredPeakBytes: nullable(num), gpuTimeMs: nullable(num) });

export const whatif = obj({
  variant: str,
  status: oneOf('ok', 'oom', 'error', 'not-measurable'),
  predictedPeakBytes: num,
  measuredPeakBytes: nullable(num),
  gpuTimeMs: stats,
  deltaVsBaseline: delta,
});

const claimCheck = obj({ baseline: num, variant: num, reduction: num, holds: (v, p, out) => void (typeof v !== 'boolean' ? out.push(`${p}: expected a boolean`) : 0) });

export const whatifClaim = obj({ claim: str, text: str, predicted: claimCheck, measured: nullable(claimCheck) });
