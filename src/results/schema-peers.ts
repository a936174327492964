// Validation of a configuration's `peers` (onnxruntime-web beside our engine). Optional on the
// row (documents without --compare ort hold null, older ones may lack it); complete wherever
// present, except fields added later (`timeStatsMs`, `fallback`), which are checked when present.
import { arrayOf, nullable, num, obj, oneOf, stats, str } from './schema-checks.js';

const bytes = nullable(num);

const run = { timeMs: nullable(num), firstRunMs: nullable(num), sessionMs: nullable(num), runsMs: arrayOf(num), error: nullable(str) };
const later = { timeStatsMs: stats };

const fallback = nullable(obj({ from: str, error: str }));
const ortWebgpu = obj({ ...run, variant: str, peakBytes: bytes, baselineBytes: bytes, liveAfterReleaseBytes: bytes }, { ...later, fallback });
const ortWasm = obj({ ...run, check: obj({ status: oneOf('pass', 'fail', 'not-checked') }) }, later);

export const peers = obj({
  ours: obj({ timeMs: nullable(num), peakBytes: bytes }),
  ortWebgpu,
  ortWasm,
  ratios: obj({ ortWebgpuTimeOverOurs: nullable(num), ortWasmTimeOverOurs: nullable(num), ortWebgpuPeakOverOurs: nullable(num) }),
});
