// Runs `npm run bench` on every zoo model (models/zoo and the shared fixtures' zoo) with its
// PyTorch input and expected output and onnxruntime-web beside it, plus the built-in seed network
// at b1@256, then prints markdown tables from the results files: the ops, the check error,
// predicted vs measured peaks, our time and buffer peak beside ORT wasm and ORT WebGPU (medians of
// the same runs, in the same page), geometric means of the ratios, and per kernel class the
// GFLOP/s our chosen variants reach (and the kernels' default variants, where the run timed them),
// and how many layers the first-principles and the calibrated rooflines predict.
//   npx tsx tools/bench/zoo.ts [--out DIR] [--only a,b] [--reps N] [--no-seed] [-- extra bench flags]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { classTable, type ClassTotals, addClassTotals } from './zoo-classes.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const DIRS = [join(ROOT, 'models/zoo'), join(ROOT, '../shared/fixtures/zoo')];

interface Entry {
  input: number[];
  inputs?: Record<string, number[]>;
  ops: string[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string', default: '/tmp/zoo-bench' }, only: { type: 'string' }, reps: { type: 'string', default: '3' }, 'no-seed': { type: 'boolean', default: false } },
});
const only = values.only?.split(',');
const extra = positionals;

function modelArgs(dir: string, name: string, e: Entry): string[] {
  const inputs = e.inputs ?? { input: e.input };
  const names = Object.keys(inputs);
  const files = names.length === 1 ? [`--input`, join(dir, `${name}.input.bin`)] : names.flatMap((n) => ['--input', `${n}=${join(dir, `${name}.${n}.input.bin`)}`]);
  const shapes = names.flatMap((n) => ['--input-shape', `${names.length === 1 ? '' : `${n}=`}${inputs[n].join('x')}`]);
  return ['--model', join(dir, `${name}.onnx`), ...files, ...shapes, '--expect', join(dir, `${name}.output.bin`)];
}

const common = (out: string): string[] => ['--mode', 'arena', '--reps', values.reps!, '--compare', 'ort', '--ceilings', 'cached', '--out', out, ...extra];

const rows: string[] = [];
const wasmRatios: number[] = [];
const webgpuRatios: number[] = [];
const classes: ClassTotals = new Map();
const fmaRoofs: number[] = [];
const ms = (v: number | null | undefined) => (v == null ? '-' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const mb = (b: number | null | undefined) => (b == null ? '-' : (b / 2 ** 20).toFixed(3));

function bench(label: string, ops: string, args: string[], out: string): void {
  mkdirSync(out, { recursive: true });
  process.stderr.write(`bench ${label}\n`);
  const run = spawnSync('npm', ['run', 'bench', '--', ...args, ...common(out)], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(join(out, 'results.json'))) {
    rows.push(`| ${label} | ${ops} | bench failed (exit ${run.status}): ${(run.stderr || run.stdout).trim().split('\n').pop()} |`);
    return;
  }
  const r = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  const c = r.configs[0];
  const p = c.peers ?? {};
  const ours = c.wallTimeMs?.median;
  const ratio = (theirs: number | null | undefined, list: number[]) => {
    if (!theirs || !ours) return '-';
    list.push(theirs / ours);
    return (theirs / ours).toFixed(2);
  };
  const webgpu = p.ortWebgpu?.error ? `failed` : `${ms(p.ortWebgpu?.timeMs)} (${ratio(p.ortWebgpu?.timeMs, webgpuRatios)}, ${p.ortWebgpu?.variant ?? ''})`;
  addClassTotals(classes, c.nodes ?? []);
  if (r.ceilings?.fmaGflops) fmaRoofs.push(r.ceilings.fmaGflops);
  const fit = c.rooflineFit;
  const fp = fit?.firstPrinciples;
  const fits = fit ? `${fp ? `${fp.layersWithin}/${fp.layersMeasured}` : '-'} vs ${fit.layersWithin}/${fit.layersMeasured}` : '-';
  rows.push(
    `| ${label} | ${ops} | ${c.check?.maxRelError?.toExponential(1) ?? c.status} | ${mb(c.peakBytes.predicted)} | ${mb(c.peakBytes.measuredLogical)} | ${c.ratios.logicalEqualsPredicted ? 'yes' : 'NO'} | ${ms(ours)} | ${mb(c.peakBytes.measuredPhysical)} | ${ms(p.ortWasm?.timeMs)} (${ratio(p.ortWasm?.timeMs, wasmRatios)}) | ${webgpu} | ${mb(p.ortWebgpu?.peakBytes)} | ${fits} |`,
  );
}

if (!values['no-seed'] && !only) bench('seed JeongWonNet b1@256', 'built-in network', ['--batch', '1', '--size', '256'], join(values.out!, 'seed'));
for (const dir of DIRS) {
  if (!existsSync(join(dir, 'cases.json'))) continue;
  const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Record<string, Entry>;
  for (const [name, e] of Object.entries(cases)) {
    if (only && !only.includes(name)) continue;
    bench(name, e.ops.join(' '), modelArgs(dir, name, e), join(values.out!, name));
  }
}

const geomean = (xs: number[]) => (xs.length ? Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length).toFixed(2) : '-');
console.log('| model | ONNX ops | check vs PyTorch | predicted peak MiB | logical MiB | logical = predicted | ours ms | ours physical peak MiB | ORT wasm ms (ORT/ours) | ORT WebGPU ms (ORT/ours, build) | ORT WebGPU peak MiB | layers within roofline: first-principles vs calibrated |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(`\nGeometric mean over ${wasmRatios.length} runs: ORT wasm / ours ${geomean(wasmRatios)}; ORT WebGPU / ours ${geomean(webgpuRatios)} (above 1: ours is faster).\n`);
const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : null);
const fma = median(fmaRoofs);
console.log(`Per kernel class, over every run above (FMA roof: median ${fma?.toFixed(2) ?? '-'} GFLOP/s over ${fmaRoofs.length} runs' ceilings):\n`);
console.log(classTable(classes, fma));
