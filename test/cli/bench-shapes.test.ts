// `npm run bench -- --model ... --input-shape ... --input NAME=FILE`: the flags, and how the
// loader turns them (or a .pb input, or the model's own shape) into every configuration's input
// shapes for models the built-in network's batch and size cannot describe. No browser.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBenchArgs, unsupportedFlags } from '../../src/cli/bench-args.js';
import { builtinSweep, loadModel } from '../../src/cli/bench-model.js';
import { convModel, rank3Model, tensorProtoFile, twoInputModel } from '../onnx/shape-models.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-shapes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}
const floats = (name: string, n: number) => file(name, new Uint8Array(Float32Array.from({ length: n }, (_, i) => i % 5).buffer));
const load = (...argv: string[]) => loadModel(parseBenchArgs(argv));

describe('parsing --input-shape and --input', () => {
  it('reads shapes per input, and NAME=FILE or FILE alone', () => {
    const a = parseBenchArgs(['--input-shape', 'a=1x4x8x8', '--input-shape', 'b=1x4x8x8,2x4x8x8', '--input', 'x.bin', '--input', 'b=y.pb', '--input', 'odd/dir=x/f.bin']);
    expect(a.inputShape).toEqual([
      { name: 'a', shapes: [[1, 4, 8, 8]] },
      { name: 'b', shapes: [[1, 4, 8, 8], [2, 4, 8, 8]] },
    ]);
    expect(a.inputs).toEqual([
      { name: null, file: 'x.bin' },
      { name: 'b', file: 'y.pb' },
      { name: null, file: 'odd/dir=x/f.bin' },
    ]);
    expect(parseBenchArgs(['--input-shape', '2x3x160x224']).inputShape).toEqual([{ name: null, shapes: [[2, 3, 160, 224]] }]);
    expect(() => parseBenchArgs(['--input-shape', '2x3xhx224'])).toThrow(/'2x3xhx224' is not a shape/);
  });

  it('refuses --input-shape with --batch or --size for the built-in network', () => {
    expect(unsupportedFlags(parseBenchArgs(['--input-shape', '1x3x64x64', '--batch', '2']))[0]).toMatch(/--input-shape gives the built-in network's shapes in full/);
    expect(unsupportedFlags(parseBenchArgs(['--model', 'm.onnx', '--input-shape', '1x3x64x64', '--batch', '2']))).toEqual([]);
  });
});

describe('input shapes of an ONNX model', () => {
  it("uses a non-square model's own shape: size stays unset", () => {
    const ok = load('--model', file('wide.onnx', convModel([1, 3, 16, 24])));
    expect(ok.sweep).toMatchObject({ inputShapes: [{ image: [1, 3, 16, 24] }], batches: [1], sizes: [] });
  });

  it('sweeps the shapes given for a rank-3 (1-D) model; --size does not apply to it', () => {
    const model = file('signal.onnx', rank3Model(['n', 4, 'len']));
    expect(load('--model', model, '--input-shape', '2x4x50,1x4x30').sweep.inputShapes).toEqual([{ signal: [2, 4, 50] }, { signal: [1, 4, 30] }]);
    expect(() => load('--model', model, '--size', '64')).toThrow(/--size sets the height and width of a 4-D \(NCHW\) input, but input 'signal' has rank 3/);
  });

  it('takes the shape from a .pb input when no --input-shape is given, and checks it when one is', () => {
    const model = file('signal2.onnx', rank3Model(['n', 4, 'len']));
    const pb = file('input_0.pb', tensorProtoFile('signal', [1, 4, 50], new Float32Array(200).fill(0.5)));
    const ok = load('--model', model, '--input', pb);
    expect(ok.sweep.inputShapes).toEqual([{ signal: [1, 4, 50] }]);
    expect(ok.staged.inputs!.signal).toHaveLength(200);
    expect(() => load('--model', model, '--input', pb, '--input-shape', '1x4x60')).toThrow(/--input .*input_0.pb holds 800 bytes \(200 float32 values\), but the model's input at 1x4x60 is 1x4x60 = 240 values = 960 bytes \(ONNX TensorProto\)/);
    expect(() => load('--model', model, '--input', pb, '--input-shape', '1x2x100')).toThrow(/input_0.pb holds a 1x4x50 tensor, but the model's input at 1x2x100 is 1x2x100/);
    const out = file('output_0.pb', tensorProtoFile('y', [1, 4, 50], new Float32Array(200)));
    expect(load('--model', model, '--input', pb, '--expect', out).staged.expect).toHaveLength(200);
    expect(() => load('--model', model, '--input', file('bad.pb', new Uint8Array([255, 255, 255])))).toThrow(/--input .*bad.pb: the file is not a serialized ONNX TensorProto/);
  });
});

describe('a model with two inputs', () => {
  const model = file('add2.onnx', twoInputModel());
  const n = 4 * 8 * 8;

  it('takes one file per input, by name, and checks each against its own shape', () => {
    const ok = load('--model', model, '--input', `a=${floats('a.bin', n)}`, '--input', `b=${floats('b.bin', n)}`);
    expect(Object.keys(ok.staged.inputs!)).toEqual(['a', 'b']);
    expect(ok.sweep.inputShapes).toEqual([{ a: [1, 4, 8, 8], b: [1, 4, 8, 8] }]);
    expect(() => load('--model', model, '--input', `a=${floats('a2.bin', n)}`, '--input', `b=${floats('short.bin', 10)}`)).toThrow(/short.bin holds 40 bytes \(10 float32 values\), but the model's input 'b' at a=1x4x8x8 b=1x4x8x8 is 1x4x8x8 = 256 values = 1024 bytes \(raw little-endian float32, NCHW\)/);
  });

  it('says what is missing or ambiguous', () => {
    expect(() => load('--model', model, '--input', `a=${floats('a3.bin', n)}`)).toThrow(/--input gives a but not b: give every input \(--input b=FILE\), or none for seeded random data/);
    expect(() => load('--model', model, '--input', floats('x.bin', n))).toThrow(/the model has 2 inputs \(a, b\); say which one it is with --input NAME=FILE/);
    expect(() => load('--model', model, '--input', `c=${floats('c.bin', n)}`)).toThrow(/the model has no input 'c' \(inputs: a, b\)/);
    expect(() => load('--model', model, '--input-shape', '1x4x8x8')).toThrow(/name the input of each shape, e.g. --input-shape a=... --input-shape b=.../);
  });

  it('matches an unnamed .pb input by the name it carries', () => {
    const ok = load('--model', model, '--input', file('in_a.pb', tensorProtoFile('a', [1, 4, 8, 8], new Float32Array(n))), '--input', file('in_b.pb', tensorProtoFile('b', [1, 4, 8, 8], new Float32Array(n))));
    expect(Object.keys(ok.staged.inputs!).sort()).toEqual(['a', 'b']);
  });
});

describe('--input-shape for the built-in network', () => {
  it('takes Nx3xSxS with S a multiple of 32, as configurations', () => {
    expect(builtinSweep(parseBenchArgs(['--input-shape', '2x3x64x64,1x3x128x128']))).toMatchObject({ inputShapes: [{ input: [2, 3, 64, 64] }, { input: [1, 3, 128, 128] }], batches: [2, 1], sizes: [64, 128] });
    expect(() => builtinSweep(parseBenchArgs(['--input-shape', '1x3x100x100']))).toThrow(/Nx3xSxS with S a multiple of 32/);
    expect(() => builtinSweep(parseBenchArgs(['--input-shape', 'x=1x3x64x64']))).toThrow(/only input is 'input', not 'x'/);
  });
});
