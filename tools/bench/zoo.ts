// Runs `npm run bench` on every zoo model (models/zoo and the shared fixtures' zoo) with its
// PyTorch input and expected output and onnxruntime-web beside it, then prints one markdown
// table from the results files: the ops, the check error, predicted vs measured peaks, and our
// time beside ORT wasm and ORT WebGPU (medians of the same runs, in the same page).
//   npx tsx tools/bench/zoo.ts [--out DIR] [--only a,b] [--reps N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const DIRS = [join(ROOT, 'models/zoo'), join(ROOT, '../shared/fixtures/zoo')];

interface Entry {
  input: number[];
  inputs?: Record<string, number[]>;
  ops: string[];
}

const { values } = parseArgs({ options: { out: { type: 'string', default: '/tmp/zoo-bench' }, only: { type: 'string' }, reps: { type: 'string', default: '3' } } });
const only = values.only?.split(',');

function benchArgs(dir: string, name: string, e: Entry, out: string): string[] {
  const inputs = e.inputs ?? { input: e.input };
  const names = Object.keys(inputs);
  const files = names.length === 1 ? [`--input`, join(dir, `${name}.input.bin`)] : names.flatMap((n) => ['--input', `${n}=${join(dir, `${name}.${n}.input.bin`)}`]);
  const shapes = names.flatMap((n) => ['--input-shape', `${names.length === 1 ? '' : `${n}=`}${inputs[n].join('x')}`]);
  return ['run', 'bench', '--', '--model', join(dir, `${name}.onnx`), ...files, ...shapes, '--expect', join(dir, `${name}.output.bin`), '--mode', 'arena', '--reps', values.reps!, '--compare', 'ort', '--ceilings', 'cached', '--out', out];
}

const rows: string[] = [];
const ms = (v: number | null | undefined) => (v == null ? '-' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const mb = (b: number) => (b / 2 ** 20).toFixed(3);
for (const dir of DIRS) {
  if (!existsSync(join(dir, 'cases.json'))) continue;
  const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Record<string, Entry>;
  for (const [name, e] of Object.entries(cases)) {
    if (only && !only.includes(name)) continue;
    const out = join(values.out!, name);
    mkdirSync(out, { recursive: true });
    process.stderr.write(`bench ${name}\n`);
    const run = spawnSync('npm', benchArgs(dir, name, e, out), { cwd: ROOT, encoding: 'utf8' });
    if (!existsSync(join(out, 'results.json'))) {
      rows.push(`| ${name} | ${e.ops.join(' ')} | bench failed (exit ${run.status}): ${(run.stderr || run.stdout).trim().split('\n').pop()} |`);
      continue;
    }
    const r = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const c = r.configs[0];
    const p = c.peers ?? {};
    const ratio = (theirs: number | null | undefined) => (theirs && c.wallTimeMs ? (theirs / c.wallTimeMs.median).toFixed(2) : '-');
    const webgpu = p.ortWebgpu?.error ? `failed` : `${ms(p.ortWebgpu?.timeMs)} (${ratio(p.ortWebgpu?.timeMs)}, ${p.ortWebgpu?.variant ?? ''})`;
    rows.push(
      `| ${name} | ${e.ops.join(' ')} | ${c.check?.maxRelError?.toExponential(1) ?? c.status} | ${mb(c.peakBytes.predicted)} | ${mb(c.peakBytes.measuredLogical)} | ${mb(c.peakBytes.measuredPhysical)} | ${c.ratios.logicalEqualsPredicted ? 'yes' : 'NO'} | ${ms(c.wallTimeMs?.median)} | ${ms(p.ortWasm?.timeMs)} (${ratio(p.ortWasm?.timeMs)}) | ${webgpu} |`,
    );
  }
}
console.log('| model | ONNX ops | check vs PyTorch | predicted peak MiB | logical MiB | physical MiB | logical = predicted | ours ms | ORT wasm ms (ORT/ours) | ORT WebGPU ms (ORT/ours, build) |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
