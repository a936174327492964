// `npm run bench -- [options]`: serves the bench page, runs the sweep in headless Chromium,
// writes results.json, layers.csv, trace.json and report.html, and prints a summary.
// Exit status: 0 all good (OOM rows included); 1 a check failed, a configuration errored or
// the device was lost; 2 bad usage; 3 no browser or no WebGPU adapter.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Harness } from '../harness/browser.js';
import { ceilingsText, rooflineFitText, whatIfText } from '../report/roofline-text.js';
import { summaryText, verdict } from '../report/summary.js';
import { comparisonText } from '../report/peers-text.js';
import { formsText } from '../report/forms.js';
import { overheadText } from '../report/tables.js';
import { timingText } from '../report/timing.js';
import type { StagedModel } from '../sweep/onnx-model.js';
import { parseBenchArgs, unsupportedFlags, USAGE, type BenchArgs } from './bench-args.js';
import { BenchPageError, driveBench, type Driven, type PageProgress } from './bench-drive.js';
import { builtinSweep, loadModel } from './bench-model.js';
import { CEILINGS_CACHE_FILE, collectPage, seedPage } from './ceilings-cache.js';

const BENCH_PAGE = '/bench/index.html';

function progressLine(p: PageProgress): string {
  const step = p.steps ? ` ${p.step}/${p.steps}` : '';
  const elapsed = `  (${(p.elapsedMs / 1000).toFixed(0)} s)`;
  // Ceilings progress arrives per measured point: one line per stream kind is enough.
  if (p.phase === 'ceilings') return `[ceilings] ${p.message.replace(/ \d[\d.]* (KiB|MiB) .*$/, '')}${elapsed}`;
  if (p.variant) return `[what-if ${p.config + 1}/${p.configs}] ${p.variant} ${p.label} ${p.mode}: ${p.phase}${step}${elapsed}`;
  const form = p.form ? ` ${p.form}` : '';
  return `[${p.config + 1}/${p.configs}] ${p.label} ${p.mode}${form}: ${p.phase}${step}${elapsed}`;
}

async function run(args: BenchArgs, say: (line: string) => void, staged: StagedModel | null): Promise<Driven> {
  let harness: Harness;
  try {
    harness = await Harness.start();
  } catch (e) {
    throw new BenchPageError('NoBrowser', `could not start headless Chromium: ${(e as Error).message}`);
  }
  try {
    const page = await harness.open(BENCH_PAGE);
    await seedPage(page, CEILINGS_CACHE_FILE);
    if (staged) await harness.run(page, '/bench/model-stage.ts', 'stageModel', staged);
    let last = '';
    const driven = await driveBench(page, args.sweep, (p) => {
      const line = progressLine(p);
      if (line.replace(/\(\d+ s\)$/, '') !== last.replace(/\(\d+ s\)$/, '')) say(line);
      last = line;
    });
    await collectPage(page, CEILINGS_CACHE_FILE);
    return driven;
  } finally {
    await harness.close();
  }
}

function write(outDir: string, d: Driven): string[] {
  mkdirSync(outDir, { recursive: true });
  const files: [string, string][] = [
    ['results.json', d.files.json],
    ['layers.csv', d.files.csv],
    ['trace.json', d.files.trace],
    ['report.html', d.files.html],
  ];
  for (const [name, text] of files) writeFileSync(join(outDir, name), text);
  return files.map(([name]) => join(outDir, name));
}

function isNoGpu(e: Error): boolean {
  return e.name === 'NoBrowser' || /navigator\.gpu|requestAdapter|no WebGPU adapter/i.test(e.message);
}

async function main(argv: string[]): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const refused = unsupportedFlags(args);
  if (refused.length) {
    process.stderr.write(`bench: ${refused.join('; ')}\n`);
    return 2;
  }
  let staged: StagedModel | null = null;
  try {
    if (args.model === undefined) args = { ...args, sweep: builtinSweep(args) };
    else {
      const m = loadModel(args);
      staged = m.staged;
      args = { ...args, sweep: m.sweep };
    }
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    return 2;
  }
  const out = args.json ? process.stderr : process.stdout;
  const say = (line: string) => out.write(`${line}\n`);
  let driven: Driven;
  try {
    driven = await run(args, say, staged);
  } catch (e) {
    const err = e as Error;
    process.stderr.write(`bench: ${err.name}: ${err.message}\n`);
    return isNoGpu(err) ? 3 : 1;
  }
  const r = driven.results;
  const paths = write(resolve(args.outDir), driven);
  const v = verdict(r);
  say(`\n${summaryText(r)}\n`);
  const timing = timingText(r);
  if (timing) say(timing);
  say(overheadText(r.profilingOverhead));
  const forms = formsText(r);
  if (forms) say(`\n${forms}`);
  const comparison = comparisonText(r);
  if (comparison) say(`\n${comparison}`);
  say(`\n${ceilingsText(r)}`);
  const fit = rooflineFitText(r);
  if (fit) say(fit);
  const whatif = whatIfText(r);
  if (whatif) say(`\n${whatif}\n`);
  say(`PyTorch CUDA MB column: ${r.seedReference.label}. Sweep took ${(r.durationMs / 1000).toFixed(1)} s.`);
  for (const w of v.warnings) say(`warning: ${w}`);
  for (const f of v.failures) say(`FAILED: ${f}`);
  say(`wrote ${paths.join(', ')}`);
  if (args.json) process.stdout.write(`${driven.files.json}\n`);
  return v.failures.length ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
