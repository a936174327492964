// `npm run bench` end to end on models the built-in network's batch and size cannot describe: a
// non-square image model at its own shape, fed and checked with ONNX TensorProto files, and a 1-D
// (rank-3) model swept over two shapes. Each run starts its own browser, as the CLI does.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { importWithShapes } from '../../src/onnx/index';
import { runReference } from '../../src/reference/run';
import type { Results } from '../../src/results/types';
import { convModel, rank3Model, tensorProtoFile } from '../onnx/shape-models';

const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const QUICK = ['--reps', '1', '--mode', 'arena', '--ceilings', 'off', '--overhead-pairs', '0', '--tune', 'off'];

async function bench(out: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string; results: Results | null }> {
  const outDir = join(dir, out);
  try {
    const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'src/cli/bench.ts', ...args, ...QUICK, '--out', outDir], { maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr, results: JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as Results };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr, results: null };
  }
}

function save(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('npm run bench with input shapes', () => {
  it('runs a non-square model at its own shape, with .pb input and expected output', async () => {
    const bytes = convModel([1, 3, 16, 24]);
    const x = Float32Array.from({ length: 3 * 16 * 24 }, (_, i) => Math.sin(i));
    const g = importWithShapes(bytes, { image: [1, 3, 16, 24] });
    const y = runReference(g, { image: { shape: [1, 3, 16, 24], data: x } }).outputs.get(g.outputs[0])!.data;
    const r = await bench('wide', '--model', save('wide.onnx', bytes), '--input', save('input_0.pb', tensorProtoFile('image', [1, 3, 16, 24], x)), '--expect', save('output_0.pb', tensorProtoFile('out', [1, 4, 16, 24], y)));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('1x3x16x24  arena  ok');
    expect(r.results!.configs.map((c) => [c.inputShapes, c.size, c.status, c.check.reference, c.check.status])).toEqual([[{ image: [1, 3, 16, 24] }, null, 'ok', 'expect-file', 'pass']]);
  }, 120_000);

  it('sweeps a rank-3 model over the shapes given', async () => {
    const r = await bench('signal', '--model', save('signal.onnx', rank3Model(['n', 4, 'len'])), '--input-shape', '2x4x50,1x4x30');
    expect(r.code, r.stderr).toBe(0);
    expect(r.results!.configs.map((c) => [c.inputShapes.signal, c.batch, c.size, c.check.status])).toEqual([
      [[2, 4, 50], 2, null, 'pass'],
      [[1, 4, 30], 1, null, 'pass'],
    ]);
    expect(r.results!.options.inputShapes).toEqual([{ signal: [2, 4, 50] }, { signal: [1, 4, 30] }]);
  }, 120_000);

  // The ONNX backend node tests as a user would run them: every input_*.pb and output_0.pb of a
  // test data set; integer inputs (Gather indices) and Resize scales are folded at import.
  it.each(['test_resize_upsample_scales_linear', 'test_gather_0', 'test_conv_with_strides_and_asymmetric_padding', 'test_averagepool_1d_default'])('runs backend node test %s through the CLI', async (name) => {
    const set = join('test/data/onnx-node', name, 'test_data_set_0');
    const inputs = readdirSync(set).filter((f) => f.startsWith('input_')).sort().flatMap((f) => ['--input', join(set, f)]);
    const r = await bench(name, '--model', join('test/data/onnx-node', name, 'model.onnx'), ...inputs, '--expect', join(set, 'output_0.pb'));
    expect(r.code, r.stderr).toBe(0);
    const c = r.results!.configs[0];
    console.log(`${name} via the CLI: ${c.check.status}, max|y-ref|/max|ref| ${c.check.maxRelError?.toExponential(2)}`);
    expect([c.status, c.check.reference, c.check.status, c.ratios.logicalEqualsPredicted]).toEqual(['ok', 'expect-file', 'pass', true]);
  }, 120_000);
});

