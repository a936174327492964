// `npm run bench -- --model ... --input ... --expect ... --compare ...`: parsing, the refusals
// and the file checks, all before any browser starts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBenchArgs, unsupportedFlags } from '../../src/cli/bench-args.js';
import { checkFileShape, decodeF32, loadModel, ModelFileError } from '../../src/cli/bench-model.js';
import { jeongwonnet } from '../../src/graph/jeongwonnet.js';
import { exportOnnx, importAt } from '../../src/onnx/index.js';
import { formComparison } from '../../src/results/forms.js';
import { formsToRun, hasRepConvBranches } from '../../src/sweep/onnx-model.js';
import type { ConfigResult, ModelForm } from '../../src/results/types.js';
import { resolveOptions } from '../../src/sweep/options.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The built-in network at 64x64 as an ONNX file: static, or with dynamic batch and size. */
function modelFile(name: string, dynamic = false): string {
  const path = join(dir, name);
  writeFileSync(path, exportOnnx(jeongwonnet({ size: 64 }), { dynamic }));
  return path;
}

function floatFile(name: string, values: number): string {
  const path = join(dir, name);
  writeFileSync(path, new Uint8Array(new Float32Array(values).buffer));
  return path;
}

describe('--compare', () => {
  it('goes into the sweep options; none by default', () => {
    expect(parseBenchArgs(['--compare', 'ort']).sweep.compare).toBe('ort');
    expect(parseBenchArgs(['--compare', 'none']).sweep.compare).toBe('none');
    expect(resolveOptions({}).compare).toBe('none');
  });

  it('rejects an unknown value, naming the accepted ones', () => {
    expect(() => parseBenchArgs(['--compare', 'onnxruntime'])).toThrow(/compare: expected none or ort, got "onnxruntime"/);
    expect(() => resolveOptions({ compare: 'tfjs' as never })).toThrow(/expected none or ort/);
  });
});

describe('flag combinations', () => {
  it('refuses --input/--expect without --model, --expect without --input, --whatif with --model', () => {
    expect(unsupportedFlags(parseBenchArgs(['--input', 'x.bin']))[0]).toMatch(/--input and --expect belong to a model file: give it with --model/);
    expect(unsupportedFlags(parseBenchArgs(['--model', 'm.onnx', '--expect', 'y.bin']))[0]).toMatch(/--expect needs --input/);
    expect(unsupportedFlags(parseBenchArgs(['--model', 'm.onnx', '--whatif']))[0]).toMatch(/--whatif .* does not apply to --model/);
    expect(unsupportedFlags(parseBenchArgs(['--model', 'm.onnx', '--input', 'x.bin', '--expect', 'y.bin', '--compare', 'ort']))).toEqual([]);
  });
});

describe('raw float32 files', () => {
  it('decodes little-endian float32 whatever the host order', () => {
    const bytes = new Uint8Array([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]);
    expect([...decodeF32(bytes, '--input', 'x.bin')]).toEqual([1, -2]);
    expect(() => decodeF32(new Uint8Array(6), '--input', 'x.bin')).toThrow(/--input x.bin: 6 bytes is not a whole number of float32 values/);
  });

  it('a wrong size names the expected shape and byte count', () => {
    const call = () => checkFileShape('--input', 'x.bin', 100, 'input', [{ at: 'b1@64', shape: [1, 3, 64, 64] }]);
    expect(call).toThrow(ModelFileError);
    expect(call).toThrow("--input x.bin holds 400 bytes (100 float32 values), but the model's input at b1@64 is 1x3x64x64 = 12288 values = 49152 bytes (raw little-endian float32, NCHW)");
  });
});

describe('loading a model', () => {
  it('takes batch and size from a static model, and checks --input and --expect against its shapes', () => {
    const model = modelFile('static.onnx');
    const ok = loadModel(parseBenchArgs(['--model', model, '--input', floatFile('in.bin', 3 * 64 * 64), '--expect', floatFile('out.bin', 64 * 64)]));
    expect(ok.sweep).toMatchObject({ batches: [1], sizes: [64] });
    expect(ok.staged).toMatchObject({ name: 'static.onnx' });
    expect(ok.staged.inputs!.input).toHaveLength(3 * 64 * 64);
    expect(ok.staged.expect).toHaveLength(64 * 64);
    const bad = parseBenchArgs(['--model', model, '--input', floatFile('short.bin', 1000)]);
    expect(() => loadModel(bad)).toThrow(/--input .*short.bin holds 4000 bytes .* 1x3x64x64 = 12288 values = 49152 bytes/);
    const badOut = parseBenchArgs(['--model', model, '--input', floatFile('in2.bin', 3 * 64 * 64), '--expect', floatFile('long.bin', 2 * 64 * 64)]);
    expect(() => loadModel(badOut)).toThrow(/--expect .*long.bin holds 32768 bytes .* output at b1@64 is 1x1x64x64 = 4096 values = 16384 bytes/);
  });

  it('a file valid at one batch is refused for a sweep over others', () => {
    const model = modelFile('dynamic.onnx', true);
    const args = parseBenchArgs(['--model', model, '--batch', '1,2', '--size', '64', '--input', floatFile('in3.bin', 3 * 64 * 64)]);
    expect(() => loadModel(args)).toThrow(/input at b2@64 is 2x3x64x64/);
  });

  it('needs every dim the model leaves dynamic, and shows a command that gives them', () => {
    const model = modelFile('dynamic2.onnx', true);
    expect(() => loadModel(parseBenchArgs(['--model', model]))).toThrow(
      `the model leaves these dims dynamic: input 'input' dim 0 ('batch'), dim 2 ('input_dim2'), dim 3 ('input_dim3'); give the full shape with --input-shape, e.g. npm run bench -- --model ${model} --input-shape 1x3x224x224`,
    );
    expect(() => loadModel(parseBenchArgs(['--model', model, '--size', '128']))).toThrow(/input 'input' dim 0 \('batch'\);/);
    expect(loadModel(parseBenchArgs(['--model', model, '--size', '128', '--batch', '1'])).sweep).toMatchObject({ batches: [1], sizes: [128], inputShapes: [{ input: [1, 3, 128, 128] }] });
  });

  it('reports unreadable and non-ONNX files clearly', () => {
    expect(() => loadModel(parseBenchArgs(['--model', join(dir, 'missing.onnx')]))).toThrow(/--model .*missing.onnx: cannot read it/);
    expect(() => loadModel(parseBenchArgs(['--model', floatFile('junk.onnx', 7)]))).toThrow(/ONNX|protobuf/);
  });
});

describe('--form', () => {
  it('goes into the sweep options (auto by default) and needs --model', () => {
    expect(parseBenchArgs(['--model', 'm.onnx', '--form', 'as-exported']).sweep.form).toBe('as-exported');
    expect(resolveOptions({}).form).toBe('auto');
    expect(() => parseBenchArgs(['--form', 'deploy'])).toThrow(/form: expected both, as-exported or reparameterized, got "deploy"/);
    expect(unsupportedFlags(parseBenchArgs(['--form', 'both']))[0]).toMatch(/--form picks a form of a training-form model file/);
  });

  it('picks both forms only where reparameterization merges branches, unless one is named', () => {
    expect(formsToRun('auto', true)).toEqual(['as-exported', 'reparameterized']);
    expect(formsToRun('auto', false)).toBeNull();
    expect(formsToRun('reparameterized', true)).toEqual(['reparameterized']);
    const training = importAt(new Uint8Array(readFileSync('models/jeongwonnet_training_c8_64.onnx')), { batch: 1, size: 64 });
    expect(hasRepConvBranches(training)).toBe(true);
    expect(hasRepConvBranches(jeongwonnet({ size: 64 }))).toBe(false);
  });

  it('refuses --form both for a model without RepConv branches', () => {
    expect(() => loadModel(parseBenchArgs(['--model', modelFile('deploy.onnx'), '--form', 'both']))).toThrow(/--form both: deploy.onnx has no RepConv branches/);
    expect(loadModel(parseBenchArgs(['--model', 'models/jeongwonnet_training_c8_64.onnx', '--form', 'both'])).sweep.form).toBe('both');
  });
});

describe('form comparison', () => {
  const row = (form: ModelForm | undefined, physical: number, gpu: number): ConfigResult =>
    ({ batch: 1, size: 64, inputShapes: { input: [1, 3, 64, 64] }, mode: 'arena', form, status: 'ok', gpuTimeMs: { median: gpu, p10: gpu, p90: gpu }, peakBytes: { measuredPhysical: physical, measuredLogical: physical / 2, predicted: physical / 2 }, nodes: [] }) as unknown as ConfigResult;

  it('pairs the two forms of each point and sets the reduction beside the seed §4 block figure', () => {
    const f = formComparison([row('as-exported', 1000, 10), row('reparameterized', 600, 8)])!;
    expect(f.rows).toHaveLength(1);
    expect(f.rows[0].reduction.physical).toBeCloseTo(0.4, 9);
    expect(f.rows[0].reduction.logical).toBeCloseTo(0.4, 9);
    expect(f.rows[0].timeRatio).toBeCloseTo(0.8, 9);
    expect(f.seedBlockReduction).toBeCloseTo(5 / 7, 9);
    expect(formComparison([row(undefined, 1000, 10)])).toBeNull();
  });
});
