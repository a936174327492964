// Command-line flags of `npm run bench`, parsed with node:util (no dependency).
import { parseArgs } from 'node:util';
import { parseCeilingsMode, parseCompareMode, parseFormChoice, parseKernelVariants, parseModes, parseNumberList, parseTuneMode, parseVariant } from '../sweep/options.js';
import { HOST_KINDS, type HostKind, type SweepOptions } from '../results/types.js';
import { parseByteSize } from '../analysis/cli-options.js';
import { parseShapeSpecs, type ShapeSpec } from '../onnx/index.js';
import { parseGroupDepth } from '../onnx/group-depth.js';
import type { GroupDepth } from '../onnx/layer-names.js';

/** One --input: a file for the input `name` (null: the model's only input, or the one a .pb file names). */
export interface InputFileArg {
  name: string | null;
  file: string;
}

export interface BenchArgs {
  sweep: Partial<SweepOptions>;
  outDir: string;
  /** No --out: the folder is results/<timestamp>, made unique at write time (see bench-output.ts). */
  outDirIsDefault: boolean;
  /** How long an interrupted run waits for its host to stop and hand back the partial results, ms. */
  stopTimeoutMs: number;
  json: boolean;
  /** An ONNX file to run instead of the built-in network (see bench-model.ts). */
  model?: string;
  /** --input-shape, parsed: shapes per input, one per configuration. */
  inputShape: ShapeSpec[];
  /** Raw little-endian float32 or ONNX TensorProto (.pb): the model's inputs, and its expected output for them. */
  inputs: InputFileArg[];
  expect?: string;
  /** Which module depth of the PyTorch scope names a layer (--group-depth). */
  groupDepth?: GroupDepth;
  /** Where the engine runs (--host); undefined: the command's default. */
  host?: HostKind;
  /** Print the adapters the host sees, and run nothing. */
  listAdapters: boolean;
  help: boolean;
}

export const USAGE = `usage: npm run bench -- [options]

  --batch LIST       batch sizes, comma-separated (default 1,2,4,8)
  --size LIST        input sizes, comma-separated (default 256,512)
  --reps N           timed repetitions per configuration (default 3)
  --warmup N         warm-up runs per configuration, >= 1 (default 1)
  --mode M           arena | pool | both (default both)
  --overhead-pairs N interleaved timed/untimed pairs for the profiling overhead (default 4, 0 skips)
  --no-check         skip the output check (against the CPU reference, --expect or ORT wasm)
  --no-timestamps    time with the wall clock only, as on a device without timestamp-query
  --emulate-timestamp-quantum NS
                     round every raw timestamp down to a multiple of NS ns right after readback, as
                     a browser that quantizes timestamps does (stock Chrome: 65536); the profiler
                     then detects the quantum and estimates times as on such a browser
  --quantized-reps N timed repetitions per configuration once the timestamps turn out quantized
                     (default 200): per-node times are then means of quantized spans, whose error
                     shrinks as 1/sqrt(N); the report flags nodes N runs do not resolve
  --soak N           N more inferences per configuration after the timed runs (default 0): the
                     live GPU buffers and bytes before and after them, and every output compared
                     bit for bit with the first run's; a leak, an extra buffer, a re-created
                     pipeline or bind group, or a differing output fails the run
  --out DIR          output folder (default results/<timestamp>/; when another run already wrote
                     that folder, results/<timestamp>-2/ and so on, so runs at the same time never
                     share one)
  --json             print the results JSON to stdout (progress goes to stderr)
  --ceilings MODE    device ceilings for the roofline (default cached):
                       cached  reuse this adapter's last full or bench-preset measurement, else
                               measure the bench preset (up to 64 MiB, about 3-5 s here) and keep it
                       quick   measure now, up to 4 MiB (about 1 s; too small to show cache cliffs)
                       full    measure now, up to 256 MiB (about 16-40 s here); later cached runs use it
                       off     no ceilings, no roofline
  --tune MODE        variant autotuning (default cached): for every node whose kernel has several
                     programs (tile sizes, ...), time each alone with timestamp queries and run the
                     fastest; nodes with equal op, attributes and shapes share one tuning
                       cached  reuse this adapter's earlier choices, time what is missing, keep it
                       full    time every candidate again (and keep the choices)
                       off     the kernels' defaults
  --tune-budget S    most seconds spent timing candidates over the whole run (default 20); past
                     it, nodes keep their defaults
  --kernel-variant KERNEL=NAME
                     run every node of KERNEL with variant NAME (repeatable), e.g. pwconv=co4px1;
                     an unknown kernel or name fails with the list of what exists
  --whatif           also run the seed's what-if variants (baseline, early downsampling, c_list[0]=16,
                     kernel 5, fp16) at the first --batch and --size and the first mode, predicted
                     and measured, and check the seed's claims against them
  --variant V        run one of the seed's what-if variants of the built-in network as the sweep
                     itself: baseline, early-downsampling, c0-16 or kernel-5 (every --batch,
                     --size and --mode), so its results.json compares with a baseline run
                     (npm run compare -- BASELINE VARIANT)
  --model FILE.onnx  run an ONNX model instead of the built-in network (imported, optimized and
                     predicted like the built-in one); by default at the model's own input shape
  --input-shape S    the input shape(s) to run, dims joined by x: 2x3x160x224 (any rank the model
                     allows; 1x16x100 for a 1-D input). Several, comma-separated, each a configuration:
                     1x3x160x160,2x3x224x224. A model with several inputs names each, NAME=SHAPE, in
                     its own flag or separated by ';': --input-shape a=1x3x64x64 --input-shape
                     b=1x3x64x64 (the k-th shapes of every input form configuration k; an input with
                     one shape keeps it in all). Dims the model leaves dynamic must be given. --batch
                     replaces dim 0 of every input, --size height and width of 4-D inputs. For the
                     built-in network: Nx3xSxS, S a multiple of 32
  --input [NAME=]FILE the model's input: raw little-endian float32 of the input's shape, or an ONNX
                     TensorProto (.pb, as in the ONNX test data sets; without --input-shape its shape
                     is used). Repeat NAME=FILE for each input of a multi-input model
                     (default: seeded random data)
  --expect FILE      the model's (first) output for --input, same formats: the check's reference
                     (a .pb --input of an integer or scale input is a value the importer folds)
  --group-depth D    layers of an ONNX model from its PyTorch module scopes: auto (the default:
                     layer1.0 in '/layer1/layer1.0/conv1/Conv', encoder1 in '/encoder1/pw/Conv'),
                     or a depth: 1 -> layer1, 2 -> layer1.0, 3 -> layer1.0.conv1
  --form F           both | as-exported | reparameterized: which form of a training-form model
                     (RepConv branches not yet merged) to run; both (the default when the model has
                     such branches) measures each and reports the reduction beside the seed's §4
  --compare M        none | ort (default none). ort: run onnxruntime-web (WebGPU EP, JSEP build, NCHW,
                     or its native build where JSEP refuses the model; and the wasm EP) on the same model and input after each (batch, size), report
                     times and buffer peaks side by side, and check our output against ORT wasm
                     (the reference for --model without --expect). Slow: seconds per inference here
  --max-binding SIZE plan as if maxStorageBufferBindingSize were SIZE (e.g. 128MiB, never above the
                     device's): configurations with a larger tensor become OOM rows, as on a smaller GPU
  --inject-device-loss K
                     destroy the GPU device in the middle of configuration K's timed runs (K counts
                     from 1, as the progress lines [K/N] do), to see the sweep survive a lost device:
                     row K becomes device-lost, a new device runs the rest, results.deviceLost says
                     what happened and the exit status is 1. A real loss takes the same path
  --host H           browser | node (default browser): where the engine runs. node: plain Node
                     through Dawn's bindings (the webgpu package), no browser; the same sweep,
                     checks and results. Like the browser it uses SwiftShader unless
                     WEBGPU_ADAPTER=default (the machine's GPU) or VK_ICD_FILENAMES names a driver
  --list-adapters    print the WebGPU adapters the node host sees, and exit
  --stop-timeout S   after Ctrl-C or SIGTERM, the most seconds to wait for the sweep to stop and
                     hand back the configurations done (default 30); past it, the ones already
                     reported are written
  -h, --help         this text

Ctrl-C (SIGINT) or SIGTERM stops the sweep after its current step, writes the configurations done
so far (results.json marked incomplete), ends the browser and the page server it started, and
exits 130 (SIGINT) or 143 (SIGTERM); a second Ctrl-C exits at once, still ending them.

exit status: 0 all good (OOM rows included); 1 a check failed, a configuration errored, the
device was lost or the page crashed; 2 bad usage; 3 no browser, no WebGPU adapter or no Vulkan;
130 / 143 interrupted by SIGINT / SIGTERM`;

export function parseHost(text: string): HostKind {
  if ((HOST_KINDS as readonly string[]).includes(text)) return text as HostKind;
  throw new Error(`--host: expected one of ${HOST_KINDS.join(', ')}, got '${text}'`);
}

/** NAME=FILE, or FILE alone (a path whose text before '=' looks like a folder is a file). */
export function inputFileArg(text: string): InputFileArg {
  const eq = text.indexOf('=');
  const name = eq > 0 ? text.slice(0, eq) : '';
  if (!name || /[\\/]/.test(name)) return { name: null, file: text };
  return { name, file: text.slice(eq + 1) };
}

function positiveInteger(text: string, flag: string, min: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) throw new Error(`${flag}: expected an integer >= ${min}, got '${text}'`);
  return n;
}

function seconds(text: string, flag: string): number {
  const s = Number(text);
  if (!text.trim() || !Number.isFinite(s) || s < 0) throw new Error(`${flag}: expected seconds >= 0, got '${text}'`);
  return Math.round(s * 1000);
}

function stamp(d: Date): string {
  return d.toISOString().replace(/\.\d+Z$/, '').replace(/:/g, '-');
}

/** Users of the command want tuned kernels; the sweep's own default stays 'off', so programmatic runs are deterministic. */
export const CLI_TUNE_DEFAULT = 'cached';

/** A step of the sweep at its largest configurations here takes seconds, not minutes. */
export const DEFAULT_STOP_TIMEOUT_MS = 30_000;

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
      'emulate-timestamp-quantum': { type: 'string' },
      'quantized-reps': { type: 'string' },
      soak: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      model: { type: 'string' },
      'input-shape': { type: 'string', multiple: true },
      input: { type: 'string', multiple: true },
      expect: { type: 'string' },
      'group-depth': { type: 'string' },
      compare: { type: 'string' },
      form: { type: 'string' },
      whatif: { type: 'boolean', default: false },
      variant: { type: 'string' },
      tune: { type: 'string' },
      'tune-budget': { type: 'string' },
      'kernel-variant': { type: 'string', multiple: true },
      ceilings: { type: 'string' },
      'max-binding': { type: 'string' },
      'inject-device-loss': { type: 'string' },
      host: { type: 'string' },
      'list-adapters': { type: 'boolean', default: false },
      'stop-timeout': { type: 'string' },
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
  if (values['emulate-timestamp-quantum'] !== undefined) sweep.emulateTimestampQuantumNs = positiveInteger(values['emulate-timestamp-quantum'], '--emulate-timestamp-quantum', 2);
  if (values['quantized-reps'] !== undefined) sweep.quantizedReps = positiveInteger(values['quantized-reps'], '--quantized-reps', 1);
  if (values.soak !== undefined) sweep.soak = positiveInteger(values.soak, '--soak', 0);
  if (values.ceilings !== undefined) sweep.ceilings = parseCeilingsMode(values.ceilings);
  if (values.tune !== undefined) sweep.tune = parseTuneMode(values.tune);
  if (values['tune-budget'] !== undefined) sweep.tuneBudgetMs = seconds(values['tune-budget'], '--tune-budget');
  if (values['kernel-variant']?.length) sweep.kernelVariants = parseKernelVariants(values['kernel-variant']);
  if (values.whatif) sweep.whatif = true;
  if (values.variant !== undefined) sweep.variant = parseVariant(values.variant);
  if (values.compare !== undefined) sweep.compare = parseCompareMode(values.compare);
  if (values.form !== undefined) sweep.form = parseFormChoice(values.form);
  if (values['inject-device-loss'] !== undefined) sweep.injectDeviceLoss = positiveInteger(values['inject-device-loss'], '--inject-device-loss', 1);
  if (values['max-binding'] !== undefined) sweep.maxBindingBytes = parseByteSize(values['max-binding'], '--max-binding');
  return {
    sweep,
    outDir: values.out ?? `results/${stamp(now)}`,
    outDirIsDefault: values.out === undefined,
    stopTimeoutMs: values['stop-timeout'] === undefined ? DEFAULT_STOP_TIMEOUT_MS : seconds(values['stop-timeout'], '--stop-timeout'),
    json: values.json,
    model: values.model,
    inputShape: parseShapeSpecs(values['input-shape'] ?? []),
    inputs: (values.input ?? []).map(inputFileArg),
    expect: values.expect,
    groupDepth: values['group-depth'] === undefined ? undefined : parseGroupDepth(values['group-depth']),
    host: values.host === undefined ? undefined : parseHost(values.host),
    listAdapters: values['list-adapters'],
    help: values.help,
  };
}

/** Combinations that cannot mean anything: a clear refusal beats silently ignoring a flag. */
export function unsupportedFlags(a: BenchArgs): string[] {
  const out: string[] = [];
  if (a.model === undefined && (a.inputs.length || a.expect !== undefined)) out.push('--input and --expect belong to a model file: give it with --model FILE.onnx (the built-in network is checked against the CPU reference)');
  if (a.expect !== undefined && !a.inputs.length) out.push('--expect needs --input: the expected output is the output for that input (without --input the input is seeded random data)');
  if (a.model === undefined && a.sweep.form !== undefined) out.push('--form picks a form of a training-form model file: give it with --model FILE.onnx (the built-in network is deploy form)');
  if (a.model === undefined && a.groupDepth !== undefined) out.push('--group-depth names the layers of a model file from its module scopes: give it with --model FILE.onnx (the built-in network names its own blocks)');
  if (a.sweep.emulateTimestampQuantumNs !== undefined && a.sweep.timestamps === false) out.push('--emulate-timestamp-quantum quantizes timestamps, and --no-timestamps turns them off: give one of the two');
  if (a.model !== undefined && a.sweep.whatif) out.push("--whatif varies the built-in network's parameters; it does not apply to --model");
  if (a.model !== undefined && a.sweep.variant) out.push("--variant varies the built-in network's parameters; it does not apply to --model");
  if (a.sweep.whatif && a.sweep.variant) out.push('--variant runs one variant as the sweep, --whatif runs every variant beside the network: give one of them');
  if (a.model === undefined && a.inputShape.length && (a.sweep.batches || a.sweep.sizes))
    out.push("--input-shape gives the built-in network's shapes in full (Nx3xSxS); leave out --batch and --size, or use them instead");
  return out;
}
