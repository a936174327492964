// Structural validation of a results document: the required fields, with their types. Returns
// a list of problems (empty when valid) so a caller can print them all at once.
import { SCHEMA_VERSION } from './types.js';

type Check = (v: unknown, path: string, out: string[]) => void;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const num: Check = (v, p, out) => void (typeof v !== 'number' || !Number.isFinite(v) ? out.push(`${p}: expected a finite number`) : 0);
const str: Check = (v, p, out) => void (typeof v !== 'string' ? out.push(`${p}: expected a string`) : 0);
const nullable =
  (c: Check): Check =>
  (v, p, out) =>
    v === null ? undefined : c(v, p, out);
const oneOf =
  (...xs: string[]): Check =>
  (v, p, out) =>
    void (!xs.includes(v as string) ? out.push(`${p}: expected one of ${xs.join(', ')}, got ${JSON.stringify(v)}`) : 0);
const arrayOf =
  (c: Check): Check =>
  (v, p, out) => {
    if (!Array.isArray(v)) out.push(`${p}: expected an array`);
    else v.forEach((x, i) => c(x, `${p}[${i}]`, out));
  };
const obj =
  (fields: Record<string, Check>): Check =>
  (v, p, out) => {
    if (!isObj(v)) {
      out.push(`${p}: expected an object`);
      return;
    }
    for (const [k, c] of Object.entries(fields)) {
      if (!(k in v)) out.push(`${p}.${k}: missing`);
      else c(v[k], `${p}.${k}`, out);
    }
  };
const record =
  (c: Check): Check =>
  (v, p, out) => {
    if (!isObj(v)) out.push(`${p}: expected an object`);
    else for (const [k, x] of Object.entries(v)) c(x, `${p}.${k}`, out);
  };

const stats = nullable(obj({ median: num, p10: num, p90: num }));
const bytes = nullable(num);

const environment = obj({
  userAgent: str,
  adapter: obj({ vendor: str, architecture: str, description: str }),
  features: arrayOf(str),
  limits: record(num),
});

const node = obj({ name: str, op: str, layer: str, gpuTimeMs: stats });
const layer = obj({ layer: str, gpuTimeMs: stats, seedWorkingSetBytes: bytes, predictedLiveBytes: bytes, measuredLiveBytes: bytes });

const config = obj({
  batch: num,
  size: num,
  mode: oneOf('arena', 'pool'),
  status: oneOf('ok', 'oom', 'error'),
  gpuTimeMs: stats,
  wallTimeMs: stats,
  peakBytes: obj({ measuredPhysical: bytes, measuredLogical: bytes, predicted: bytes }),
  nodes: arrayOf(node),
  layers: arrayOf(layer),
  check: obj({ status: oneOf('pass', 'fail', 'not-checked') }),
});

const overhead = obj({ status: oneOf('measured', 'unsupported', 'not-measured'), ratio: nullable(num), goal: num });

const results = obj({
  schemaVersion: num,
  environment,
  profilingOverhead: overhead,
  configs: arrayOf(config),
});

/** Rules beyond shape: errors carry a message, and an ok row has measurements. */
function semantic(v: Record<string, unknown>, out: string[]): void {
  if (v.schemaVersion !== SCHEMA_VERSION) out.push(`schemaVersion: expected ${SCHEMA_VERSION}, got ${JSON.stringify(v.schemaVersion)}`);
  const configs = Array.isArray(v.configs) ? v.configs : [];
  configs.forEach((c: Record<string, unknown>, i) => {
    if (!isObj(c)) return;
    if ((c.status === 'oom' || c.status === 'error') && typeof c.error !== 'string') out.push(`configs[${i}].error: required when status is ${String(c.status)}`);
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
