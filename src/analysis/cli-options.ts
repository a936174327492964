// Command-line options of `npm run analyze`, parsed and validated without side effects
// so every rejection can be tested and names what was wrong and what is accepted.
import { parseGroupDepth } from '../onnx/group-depth.js';
import type { GroupDepth } from '../onnx/layer-names.js';
import { parseArgs } from 'node:util';
import type { AnalyzeConfig } from './model.js';
import { DEFAULT_SHAPE } from './network.js';
import { DEFAULT_CACHES } from './seed.js';
import { parseShapeSpecs, type ShapeSpec } from '../onnx/index.js';

export class UsageError extends Error {}

export const USAGE = `Usage: npm run analyze -- [options]

  --size N        input height = width; a positive multiple of 32 (default ${DEFAULT_SHAPE.size})
  --batch N       batch size; a positive integer (default ${DEFAULT_SHAPE.batch})
  --clist A,B,..  six positive integer channel counts (default ${DEFAULT_SHAPE.cList.join(',')})
  --kernel K      depthwise kernel size; odd and positive (default ${DEFAULT_SHAPE.kernelSize})
  --basis N       PRCM basis count; a positive integer (default ${DEFAULT_SHAPE.numBasis})
  --l2 SIZE       L2 cache size (default 1MiB)
  --l3 SIZE       L3 cache size (default 8MiB)
  --model FILE    analyse an ONNX model instead of the built-in network, at its own input shape;
                  --batch replaces dim 0 of every input, --size height = width of 4-D inputs
  --input-shape S the input shape, dims joined by x: 2x3x160x224 (any rank the model allows); a
                  model with several inputs names each: a=1x3x64x64;b=1x3x64x64 (or one flag per
                  input). Dims the model leaves dynamic must be given. Without --model: Nx3xSxS
  --group-depth D with --model: layers from the PyTorch module scopes, auto (layer1.0 in
                  '/layer1/layer1.0/conv1/Conv') or a depth (1 layer1, 2 layer1.0, 3 layer1.0.conv1)
  --json          print the analysis as one JSON object
  --help          show this text

  SIZE is bytes, or a number with KiB, MiB, GiB (KB, MB, GB mean the same, as in the seed).`;

const UNITS: Record<string, number> = { '': 1, b: 1, kib: 1024, kb: 1024, mib: 1024 ** 2, mb: 1024 ** 2, gib: 1024 ** 3, gb: 1024 ** 3 };

/** '1MiB', '8MB' (= MiB, as the seed uses it), '512KiB', '65536'. */
export function parseByteSize(text: string, flag: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new UsageError(`${flag}: cannot read '${text}' as a size; accepted: plain bytes or a number with KiB, MiB, GiB (KB, MB, GB are taken as KiB, MiB, GiB)`);
  const bytes = Number(m[1]) * unit;
  if (!Number.isInteger(bytes) || bytes <= 0) throw new UsageError(`${flag}: '${text}' is ${bytes} bytes; it must be a positive whole number of bytes`);
  return bytes;
}

function positiveInt(text: string, flag: string, what: string): number {
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1) throw new UsageError(`${flag}: '${text}' is not accepted; ${what}`);
  return Number(text);
}

function channelList(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const bad = parts.find((p) => !/^\d+$/.test(p) || Number(p) < 1);
  if (bad !== undefined) throw new UsageError(`--clist: '${bad}' in '${text}' is not a positive integer; accepted: six comma-separated positive integers, e.g. 24,48,64,96,128,192`);
  if (parts.length !== 6) throw new UsageError(`--clist: got ${parts.length} channel counts in '${text}'; the network has six stages, so exactly six are needed, e.g. 24,48,64,96,128,192`);
  return parts.map(Number);
}

export interface CliOptions {
  config: AnalyzeConfig;
  /** ONNX file to analyse; config then holds only the caches and any batch/size override. */
  model?: string;
  /** --input-shape with --model: one shape per input, for the one configuration analysed. */
  inputShape?: ShapeSpec[];
  /** --group-depth with --model. */
  groupDepth?: GroupDepth;
  json: boolean;
  help: boolean;
}

const OPTIONS = {
  size: { type: 'string' },
  batch: { type: 'string' },
  clist: { type: 'string' },
  kernel: { type: 'string' },
  basis: { type: 'string' },
  l2: { type: 'string' },
  l3: { type: 'string' },
  model: { type: 'string' },
  'input-shape': { type: 'string', multiple: true },
  'group-depth': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

function parseRaw(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\naccepted options: ${Object.keys(OPTIONS).map((k) => `--${k}`).join(' ')}`);
  }
}

const NETWORK_FLAGS = ['clist', 'kernel', 'basis'] as const;

/** --model: the shape comes from the file; only batch and size may override its input. */
function modelOptions(v: ReturnType<typeof parseRaw>['values'], model: string): AnalyzeConfig {
  const stray = NETWORK_FLAGS.filter((k) => v[k] !== undefined);
  if (stray.length) throw new UsageError(`--${stray[0]} describes the built-in network; with --model the layers come from the file (accepted with --model: --input-shape, --size, --batch, --group-depth, --l2, --l3, --json)`);
  if (!model.trim()) throw new UsageError('--model: expected a path to an .onnx file');
  const config: AnalyzeConfig = {};
  if (v.size !== undefined) config.size = positiveInt(v.size, '--size', "the model input's height and width must be a positive integer");
  if (v.batch !== undefined) config.batch = positiveInt(v.batch, '--batch', 'the batch must be a positive integer (1, 2, ...)');
  return config;
}

function networkOptions(v: ReturnType<typeof parseRaw>['values']): AnalyzeConfig {
  const config: AnalyzeConfig = {};
  if (v.size !== undefined) {
    config.size = positiveInt(v.size, '--size', 'the input size must be a positive integer multiple of 32 (the network pools five times by 2)');
    if (config.size % 32 !== 0) throw new UsageError(`--size: ${config.size} is not divisible by 32; the network pools five times by 2, so use e.g. 256 or 512`);
  }
  if (v.batch !== undefined) config.batch = positiveInt(v.batch, '--batch', 'the batch must be a positive integer (1, 2, ...)');
  if (v.clist !== undefined) config.cList = channelList(v.clist);
  if (v.kernel !== undefined) {
    config.kernelSize = positiveInt(v.kernel, '--kernel', 'the kernel size must be an odd positive integer (3, 5, 7, ...)');
    if (config.kernelSize % 2 === 0) throw new UsageError(`--kernel: ${config.kernelSize} is even; the depthwise conv is padded symmetrically, so use an odd size (3, 5, 7, ...)`);
  }
  if (v.basis !== undefined) config.numBasis = positiveInt(v.basis, '--basis', 'the PRCM basis count must be a positive integer');
  return config;
}

function shapeSpecs(values: string[]): ShapeSpec[] {
  let specs: ShapeSpec[];
  try {
    specs = parseShapeSpecs(values);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (specs.some((s) => s.shapes.length > 1)) throw new UsageError(`--input-shape: analyze takes one configuration; give one shape per input (got ${values.join(' ')})`);
  return specs;
}

/** --input-shape for the built-in network: Nx3xSxS, taken as --batch N --size S (and checked like them). */
function networkShape(specs: ShapeSpec[], v: ReturnType<typeof parseRaw>['values']): void {
  const s = specs.length === 1 && (specs[0].name ?? 'input') === 'input' ? specs[0].shapes[0] : undefined;
  if (!s || s.length !== 4 || s[1] !== 3 || s[2] !== s[3]) throw new UsageError(`--input-shape: the built-in network takes one input of shape Nx3xSxS (e.g. 1x3x256x256)`);
  if (v.batch !== undefined || v.size !== undefined) throw new UsageError('--input-shape gives the batch and the size; leave out --batch and --size');
  v.batch = String(s[0]);
  v.size = String(s[2]);
}

export function parseCliOptions(argv: string[]): CliOptions {
  const { values: v } = parseRaw(argv);
  const specs = v['input-shape'] ? shapeSpecs(v['input-shape']) : undefined;
  if (specs && v.model === undefined) networkShape(specs, v);
  const config = v.model === undefined ? networkOptions(v) : modelOptions(v, v.model);
  config.caches = {
    l2: v.l2 === undefined ? DEFAULT_CACHES.l2 : parseByteSize(v.l2, '--l2'),
    l3: v.l3 === undefined ? DEFAULT_CACHES.l3 : parseByteSize(v.l3, '--l3'),
  };
  if (config.caches.l2! > config.caches.l3!) throw new UsageError(`--l2 (${config.caches.l2} bytes) is larger than --l3 (${config.caches.l3} bytes); L2 must not exceed L3`);
  const out: CliOptions = { config, json: Boolean(v.json), help: Boolean(v.help) };
  if (v.model !== undefined) out.model = v.model;
  if (v.model !== undefined && specs) out.inputShape = specs;
  if (v['group-depth'] !== undefined) {
    if (v.model === undefined) throw new UsageError('--group-depth names the layers of a model file: give it with --model FILE.onnx');
    try {
      out.groupDepth = parseGroupDepth(v['group-depth']);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  return out;
}
