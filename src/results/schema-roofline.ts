// Validation of the roofline and what-if fields. They are optional at the document level
// (older documents of the same schemaVersion lack them) but complete wherever present.
import { arrayOf, nullable, num, obj, oneOf, stats, str, type Check } from './schema-checks.js';

const bool: Check = (v, p, out) => void (typeof v !== 'boolean' ? out.push(`${p}: expected a boolean`) : 0);

export const ceilings = obj(
  {
    bandwidth: arrayOf(obj({ bytes: num, gbps: num })),
    cliffs: arrayOf(obj({ bytes: num, evidence: str })),
    fmaGflops: num,
    spread: obj({ bandwidth: num, fmaGflops: num }),
  },
  // Measured since the first-principles roofline; older documents lack it.
  { launchUs: num },
);

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

const firstBound = oneOf('memory', 'compute', 'launch');

export const nodeFirstPrinciples = obj({
  predictedMs: num,
  memoryMs: num,
  computeMs: num,
  launchMs: num,
  dispatches: num,
  bound: firstBound,
  kernelClass: str,
  measuredMs: nullable(num),
  ratio: nullable(num),
  within: nullable(bool),
});

export const layerFirstPrinciples = obj({ predictedMs: num, measuredMs: nullable(num), ratio: nullable(num), within: nullable(bool) });

const classFit = obj({ kernelClass: str, nodes: num, nodesWithin: num, nodesMeasured: num, predictedMs: num, measuredMs: nullable(num), ratio: nullable(num), bound: firstBound });

const firstPrinciplesFit = obj({
  formula: str,
  peakGflops: num,
  launchUs: nullable(num),
  layersWithin: num,
  layersMeasured: num,
  fractionWithin: nullable(num),
  nodesWithin: num,
  nodesMeasured: num,
  predictedMs: num,
  measuredMs: nullable(num),
  byClass: arrayOf(classFit),
});

export const rooflineFit = obj({ tolerance: num, layersWithin: num, layersMeasured: num, fractionWithin: nullable(num) }, { firstPrinciples: nullable(firstPrinciplesFit) });

const delta = obj({ predictedPeakBytes: num, measuredPeakBytes: nullable(num), gpuTimeMs: nullable(num) });

export const whatif = obj({
  variant: str,
  status: oneOf('ok', 'oom', 'error', 'device-lost', 'not-measurable'),
  predictedPeakBytes: num,
  measuredPeakBytes: nullable(num),
  gpuTimeMs: stats,
  deltaVsBaseline: delta,
});

const claimCheck = obj({ baseline: num, variant: num, reduction: num, holds: bool });

export const whatifClaim = obj({ claim: str, text: str, predicted: claimCheck, measured: nullable(claimCheck) });
