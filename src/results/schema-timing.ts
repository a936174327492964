// Validation of the timing records (timing-types.ts): optional in a document, since documents
// written before the quantum was recorded lack them, but complete wherever present.
import { isObj, nullable, num, obj, oneOf, record, type Check } from './schema-checks.js';

const bool: Check = (v, p, out) => void (typeof v !== 'boolean' ? out.push(`${p}: expected a boolean`) : 0);

export const timeEstimate: Check = nullable(obj({ ms: num, stdErrMs: nullable(num), runs: num, estimator: oneOf('median', 'mean'), resolved: bool, runsToResolve: nullable(num) }));

const issues = record(num);

export const configTimestamps: Check = obj({ quantumNs: num, method: oneOf('median', 'mean-of-quantized'), runs: num, issues, unresolvedNodes: num });

const detection = obj({ stamps: num, commonStepNs: nullable(num), powerOfTwoNs: nullable(num), chanceLog2: nullable(num), confirmed: bool, confirmBits: num });

const timingShape = obj({
  quantumNs: nullable(num),
  method: oneOf('median', 'mean-of-quantized', 'wall-clock'),
  emulatedQuantumNs: nullable(num),
  detection,
  quantizedReps: num,
  relativePrecision: num,
  issues,
  unresolvedNodes: num,
});

/** The shape, and that the method follows from the quantum. */
export const timing: Check = (v, p, out) => {
  timingShape(v, p, out);
  if (!isObj(v) || v.method === 'wall-clock') return;
  const quantized = typeof v.quantumNs === 'number' && v.quantumNs > 1;
  if (quantized !== (v.method === 'mean-of-quantized')) out.push(`${p}.method: ${JSON.stringify(v.method)} does not fit quantumNs ${JSON.stringify(v.quantumNs)} (mean-of-quantized exactly when quantumNs > 1)`);
};
