// `npm run analyze -- [options]`: the analytical working-set model for one configuration,
// as text tables or (--json) one JSON object following src/analysis/analysis.schema.json.
// With --model FILE.onnx: the same model on an imported graph (see src/analysis/model-analysis.ts).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseCliOptions, USAGE, UsageError, type CliOptions } from '../analysis/cli-options.js';
import { analyze } from '../analysis/model.js';
import { analyzeModel } from '../analysis/model-analysis.js';
import { renderModelText } from '../analysis/model-text.js';
import { renderText } from '../analysis/text.js';
import { importWithShapes, modelInputs, resolveInputShapes, type InputShapes } from '../onnx/index.js';
import { optimize } from '../passes/index.js';

/** The one configuration analysed: --input-shape, with --batch and --size over it or over the model's own dims. */
function modelShapes(bytes: Uint8Array, file: string, opts: CliOptions): InputShapes {
  const { batch, size } = opts.config;
  const req = { specs: opts.inputShape, batches: batch === undefined ? undefined : [batch], sizes: size === undefined ? undefined : [size] };
  return resolveInputShapes(modelInputs(bytes), { ...req, command: `npm run analyze -- --model ${file}` })[0];
}

/** The imported graph after the pass pipeline: liveness is predicted on what the runtime runs. */
function modelOutput(file: string, opts: CliOptions): string {
  const bytes = new Uint8Array(readFileSync(file));
  const g = optimize(importWithShapes(bytes, modelShapes(bytes, file, opts), { groupDepth: opts.groupDepth }));
  const m = analyzeModel(g, { name: basename(file), caches: opts.config.caches, optimized: true });
  return opts.json ? `${JSON.stringify(m)}\n` : renderModelText(m);
}

function networkOutput(opts: CliOptions): string {
  const result = analyze(opts.config);
  return opts.json ? `${JSON.stringify(result)}\n` : renderText(result);
}

function main(argv: string[]): number {
  let opts;
  try {
    opts = parseCliOptions(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`analyze: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let out;
  try {
    out = opts.model === undefined ? networkOutput(opts) : modelOutput(opts.model, opts);
  } catch (e) {
    // Configurations the option checks let through but the network rejects; unreadable or unsupported model files.
    const err = e as Error;
    process.stderr.write(`analyze: ${err.name === 'OnnxImportError' ? `${opts.model}: ` : ''}${err.message}\n`);
    return 2;
  }
  process.stdout.write(out);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
