// Command-line flags of `npm run bench`, parsed with node:util (no dependency).
import { parseArgs } from 'node:util';
import { parseModes, parseNumberList } from '../results/options.js';
import type { SweepOptions } from '../results/types.js';

export interface BenchArgs {
  sweep: Partial<SweepOptions>;
  outDir: string;
  json: boolean;
  /** Extension points wired by other features; rejected with a clear message until then. */
  model?: string;
  input?: string;
  expect?: string;
  compare?: 'ort' | 'none';
  whatif: boolean;
  help: boolean;
}

export const USAGE = `usage: npm run bench -- [options]

  --batch LIST       batch sizes, comma-separated (default 1,2,4,8)
  --size LIST        input sizes, comma-separated (default 256,512)
  --reps N           timed repetitions per configuration (default 3)
  --warmup N         warm-up runs per configuration, >= 1 (default 1)
  --mode M           arena | pool | both (default both)
  --overhead-pairs N interleaved timed/untimed pairs for the profiling overhead (default 4, 0 skips)
  --no-check         skip the comparison with the CPU reference
  --no-timestamps    time with the wall clock only, as on a device without timestamp-query
  --out DIR          output folder (default results/<timestamp>/)
  --json             print the results JSON to stdout (progress goes to stderr)
  --model FILE.onnx  --input FILE --expect FILE --compare ort|none   (not available yet)
  --whatif           (not available yet)
  -h, --help         this text`;

function stamp(d: Date): string {
  return d.toISOString().replace(/\.\d+Z$/, '').replace(/:/g, '-');
}

export function parseBenchArgs(argv: string[], now = new Date()): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      batch: { type: 'string' },
      size: { type: 'string' },
      reps: { type: 'string' },
      warmup: { type: 'string' },
      mode: { type: 'string' },
      'overhead-pairs': { type: 'string' },
      'no-check': { type: 'boolean', default: false },
      'no-timestamps': { type: 'boolean', default: false },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      model: { type: 'string' },
      input: { type: 'string' },
      expect: { type: 'string' },
      compare: { type: 'string' },
      whatif: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const sweep: Partial<SweepOptions> = {};
  if (values.batch !== undefined) sweep.batches = parseNumberList(values.batch, '--batch');
  if (values.size !== undefined) sweep.sizes = parseNumberList(values.size, '--size');
  if (values.reps !== undefined) sweep.reps = Number(values.reps);
  if (values.warmup !== undefined) sweep.warmup = Number(values.warmup);
  if (values.mode !== undefined) sweep.modes = parseModes(values.mode);
  if (values['overhead-pairs'] !== undefined) sweep.overheadPairs = Number(values['overhead-pairs']);
  if (values['no-check']) sweep.check = false;
  if (values['no-timestamps']) sweep.timestamps = false;
  const compare = values.compare;
  if (compare !== undefined && compare !== 'ort' && compare !== 'none') throw new Error(`--compare: expected ort or none, got '${compare}'`);
  return {
    sweep,
    outDir: values.out ?? `results/${stamp(now)}`,
    json: values.json,
    model: values.model,
    input: values.input,
    expect: values.expect,
    compare,
    whatif: values.whatif,
    help: values.help,
  };
}

/** Flags whose features are not wired in yet: a clear refusal beats silently ignoring them. */
export function unsupportedFlags(a: BenchArgs): string[] {
  const out: string[] = [];
  if (a.model !== undefined || a.input !== undefined || a.expect !== undefined || a.compare !== undefined) out.push('--model/--input/--expect/--compare (ONNX models and peer comparison are not wired into the bench yet)');
  if (a.whatif) out.push('--whatif (not wired into the bench yet)');
  return out;
}
