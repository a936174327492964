// Structural validation of a results document: the required fields, with their types. Returns
// a list of problems (empty when valid) so a caller can print them all at once.
import { arrayOf, bool, isObj, nullable, num, obj, oneOf, record, stats, str, type Check } from './schema-checks.js';
import { configTimestamps, timeEstimate, timing } from './schema-timing.js';
import { peers } from './schema-peers.js';
import { ceilings, layerFirstPrinciples, layerRoofline, nodeFirstPrinciples, nodeRoofline, rooflineFit, whatif, whatifClaim } from './schema-roofline.js';
import { CONFIG_STATUSES, HOST_KINDS, SCHEMA_VERSION, TUNE_MODES } from './types.js';

const bytes = nullable(num);

const environment = obj(
  {
    userAgent: str,
    adapter: obj({ vendor: str, architecture: str, description: str }),
    features: arrayOf(str),
    limits: record(num),
  },
  // Optional: documents written before hosts were recorded come from the browser.
  { host: oneOf(...HOST_KINDS) },
);

const candidate = obj({ name: str, ms: nullable(num), runs: num }, { error: str });
const variant = obj({
  kernel: str,
  chosen: nullable(str),
  source: oneOf('default', 'tuned', 'cached', 'pinned'),
  candidates: arrayOf(candidate),
  percentOfFmaRoof: nullable(num),
  percentOfBandwidth: nullable(num),
});
const node = obj({ name: str, op: str, layer: str, gpuTimeMs: stats }, { roofline: nullable(nodeRoofline), firstPrinciples: nullable(nodeFirstPrinciples), gpuTime: timeEstimate, variant: nullable(variant) });
const tuning = obj({
  mode: oneOf(...TUNE_MODES),
  budgetMs: num,
  spentMs: num,
  tuned: num,
  shared: num,
  cacheHits: num,
  pinned: num,
  failedCandidates: num,
  overBudget: num,
  runsPerCandidate: num,
  pins: record(str),
});
const layer = obj({ layer: str, gpuTimeMs: stats, seedWorkingSetBytes: bytes, predictedLiveBytes: bytes, measuredLiveBytes: bytes }, { roofline: nullable(layerRoofline), firstPrinciples: nullable(layerFirstPrinciples), gpuTime: timeEstimate });

const soak = obj({
  runs: num,
  leakedBytes: num,
  liveBuffersBefore: num,
  liveBuffersAfter: num,
  liveBytesBefore: num,
  liveBytesAfter: num,
  bitIdentical: bool,
  mismatchedRuns: num,
  firstMismatch: nullable(str),
  pipelinesCreated: num,
  bindGroupsCreated: num,
  wallMs: num,
});

const config = obj(
  {
    batch: num,
    size: nullable(num),
    inputShapes: record(arrayOf(num)),
    mode: oneOf('arena', 'pool'),
    status: oneOf(...CONFIG_STATUSES),
    gpuTimeMs: stats,
    wallTimeMs: stats,
    peakBytes: obj({ measuredPhysical: bytes, measuredLogical: bytes, predicted: bytes }),
    nodes: arrayOf(node),
    layers: arrayOf(layer),
    check: obj({ status: oneOf('pass', 'fail', 'not-checked') }),
  },
  { rooflineFit: nullable(rooflineFit), form: oneOf('as-exported', 'reparameterized'), peers: nullable(peers), gpuTime: timeEstimate, timestamps: nullable(configTimestamps), soak: nullable(soak), bindGroups: nullable(num) },
);

const formSide = obj({ status: oneOf(...CONFIG_STATUSES), measuredPhysical: bytes, measuredLogical: bytes, predicted: bytes, gpuTimeMs: nullable(num), nodes: num });
const forms = obj({
  seedBlockReduction: num,
  note: str,
  rows: arrayOf(obj({ batch: num, size: nullable(num), inputShapes: record(arrayOf(num)), mode: oneOf('arena', 'pool'), asExported: formSide, reparameterized: formSide, reduction: obj({ physical: bytes, logical: bytes, predicted: bytes }) })),
});

const deviceLoss = obj({ config: nullable(num), during: str, reason: str, message: str, injected: bool, recovered: bool, recoveryMs: nullable(num), recoveryError: nullable(str) });
/** A list of losses; a string (the reason) in documents from before the sweep recovered; null: none. */
const deviceLost: Check = (v, p, out) => (typeof v === 'string' ? undefined : nullable(arrayOf(deviceLoss))(v, p, out));

const overhead = obj({ status: oneOf('measured', 'unsupported', 'not-measured'), ratio: nullable(num), goal: num });

const results = obj(
  {
    schemaVersion: num,
    environment,
    profilingOverhead: overhead,
    configs: arrayOf(config),
  },
  { ceilings: nullable(ceilings), whatif: nullable(arrayOf(whatif)), whatifClaims: nullable(arrayOf(whatifClaim)), forms: nullable(forms), timing, tuning: nullable(tuning), incomplete: nullable(obj({ reason: str, configsDone: num, configsPlanned: num })), deviceLost },
);

/** Rules beyond shape: errors carry a message, and an ok row has measurements. */
function semantic(v: Record<string, unknown>, out: string[]): void {
  if (v.schemaVersion !== SCHEMA_VERSION) out.push(`schemaVersion: expected ${SCHEMA_VERSION}, got ${JSON.stringify(v.schemaVersion)}`);
  const configs = Array.isArray(v.configs) ? v.configs : [];
  configs.forEach((c: Record<string, unknown>, i) => {
    if (!isObj(c)) return;
    if (['oom', 'error', 'device-lost'].includes(c.status as string) && typeof c.error !== 'string') out.push(`configs[${i}].error: required when status is ${String(c.status)}`);
    if (c.status === 'ok' && (c.wallTimeMs === null || !isObj(c.peakBytes) || c.peakBytes.measuredPhysical === null))
      out.push(`configs[${i}]: an ok row needs wallTimeMs and peakBytes.measuredPhysical`);
  });
}

export function validateResults(v: unknown): string[] {
  const out: string[] = [];
  results(v, '$', out);
  if (isObj(v)) semantic(v, out);
  return out;
}
