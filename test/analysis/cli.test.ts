// The analyze command end to end, and its option checks.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseByteSize, parseCliOptions, UsageError } from '../../src/analysis/cli-options';
import { convModel } from '../onnx/shape-models';

const run = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  try {
    const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'src/cli/analyze.ts', ...args], { maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
};

describe('npm run analyze', () => {
  it('--json prints exactly one JSON object', async () => {
    const { code, stdout } = await run('--size', '256', '--json');
    expect(code).toBe(0);
    const a = JSON.parse(stdout);
    expect(a.params).toBe(154753);
    expect(a.liveness.peakBytes).toBe(13201924);
    expect(a.workingSet[0].totalBytes).toBe(19667648);
    expect(a.arithmeticIntensity[0]).toMatchObject({ flops: 154140672, bytes: 12587616 });
  });

  it('512 and batch 2 by hand', async () => {
    const a = JSON.parse((await run('--size', '512', '--batch', '2', '--json')).stdout);
    // Peak: 2 maps of 2 x 24 x 512 x 512 x 4 = 50,331,648 each, plus 619,012 of weights.
    expect(a.liveness.peakBytes).toBe(2 * 50331648 + 619012);
    // encoder1 seed total at batch 2: 2 x (3,145,728 + 3 x 25,165,824) + 288 + 4,800 + 1,536 + 2 x 224.
    expect(a.workingSet[0].totalBytes).toBe(2 * (3145728 + 3 * 25165824) + 288 + 4800 + 1536 + 2 * 224);
  });

  it('text mode prints the tables, the peak and the notes', async () => {
    const { code, stdout } = await run('--l2', '512KiB', '--l3', '8MB');
    expect(code).toBe(0);
    const sections = ['Feature maps', 'DWBlock working set', 'Bottleneck', 'RepConv', 'Arithmetic intensity', 'Liveness per node'];
    for (const s of [...sections, 'Predicted peak: 13,201,924 bytes', 'seed working set vs liveness', 'Where the seed is wrong']) expect(stdout).toContain(s);
    expect(stdout).toContain('L2 0.50 fit');
  });

  it.each([
    [['--size', '100'], /--size: 100 is not divisible by 32/],
    [['--size', '0'], /--size: '0' is not accepted/],
    [['--batch', '0'], /--batch: '0' is not accepted; the batch must be a positive integer/],
    [['--batch=-2'], /--batch: '-2' is not accepted/],
    [['--batch', '1.5'], /--batch: '1.5' is not accepted/],
    [['--clist', '24,48,x,96,128,192'], /--clist: 'x' in .* is not a positive integer/],
    [['--clist', '24,48,64'], /got 3 channel counts .* exactly six/],
    [['--kernel', '4'], /--kernel: 4 is even/],
    [['--l2', '1XB'], /--l2: cannot read '1XB' as a size; accepted: plain bytes or/],
    [['--frobnicate'], /Unknown option '--frobnicate'[\s\S]*accepted options: --size/],
  ])('rejects %j', async (args, message) => {
    const { code, stdout, stderr } = await run(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage: npm run analyze');
  });
});

describe('option parsing', () => {
  it('sizes: MiB, MB as MiB, KiB, plain bytes', () => {
    expect(parseByteSize('1MiB', '--l2')).toBe(1048576);
    expect(parseByteSize('8MB', '--l3')).toBe(8388608);
    expect(parseByteSize('512KiB', '--l2')).toBe(524288);
    expect(parseByteSize('65536', '--l2')).toBe(65536);
    expect(parseByteSize('1.5MiB', '--l2')).toBe(1572864);
    expect(() => parseByteSize('0', '--l2')).toThrow(UsageError);
    expect(() => parseByteSize('0.3', '--l2')).toThrow(/positive whole number of bytes/);
  });

  it('defaults and full flags', () => {
    expect(parseCliOptions([])).toEqual({ config: { caches: { l2: 1048576, l3: 8388608 } }, json: false, help: false });
    const o = parseCliOptions(['--size', '512', '--batch', '4', '--clist', '16,32,48,64,96,128', '--kernel', '5', '--basis', '4', '--json']);
    expect(o.config).toMatchObject({ size: 512, batch: 4, cList: [16, 32, 48, 64, 96, 128], kernelSize: 5, numBasis: 4 });
    expect(o.json).toBe(true);
  });

  it('rejects L2 larger than L3 and stray positionals', () => {
    expect(() => parseCliOptions(['--l2', '16MiB'])).toThrow(/L2 must not exceed L3/);
    expect(() => parseCliOptions(['256'])).toThrow(UsageError);
  });
});

describe('--input-shape', () => {
  const dir = mkdtempSync(join(tmpdir(), 'analyze-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const model = (name: string, dims: (number | string)[]) => {
    const path = join(dir, name);
    writeFileSync(path, convModel(dims));
    return path;
  };

  it('parses one shape per input for --model, and Nx3xSxS as batch and size for the built-in network', () => {
    expect(parseCliOptions(['--model', 'm.onnx', '--input-shape', '2x3x160x224']).inputShape).toEqual([{ name: null, shapes: [[2, 3, 160, 224]] }]);
    expect(parseCliOptions(['--input-shape', '2x3x64x64']).config).toMatchObject({ batch: 2, size: 64 });
    expect(() => parseCliOptions(['--input-shape', '1x3x100x100'])).toThrow(/--size: 100 is not divisible by 32/);
    expect(() => parseCliOptions(['--model', 'm.onnx', '--input-shape', '1x3x64x64,2x3x64x64'])).toThrow(/analyze takes one configuration/);
    expect(() => parseCliOptions(['--model', 'm.onnx', '--input-shape', '1x3xx64'])).toThrow(UsageError);
  });

  it('analyses a non-square model at its own shape', async () => {
    const { code, stdout } = await run('--model', model('wide.onnx', [1, 3, 16, 24]), '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).model).toMatchObject({ inputShape: [1, 3, 16, 24], outputShape: [1, 4, 16, 24] });
  });

  it('names every dynamic dim and shows the command that gives them', async () => {
    const path = model('dyn.onnx', ['n', 3, 'h', 'w']);
    const bad = await run('--model', path);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`input 'image' dim 0 ('n'), dim 2 ('h'), dim 3 ('w'); give the full shape with --input-shape, e.g. npm run analyze -- --model ${path} --input-shape 1x3x224x224`);
    const ok = await run('--model', path, '--input-shape', '2x3x40x56', '--json');
    expect(JSON.parse(ok.stdout).model.inputShape).toEqual([2, 3, 40, 56]);
  });
});

describe('analyze --group-depth', () => {
  it('is parsed with --model and refused without it', () => {
    expect(parseCliOptions(['--model', 'm.onnx', '--group-depth', '3']).groupDepth).toBe(3);
    expect(() => parseCliOptions(['--group-depth', '3'])).toThrow(UsageError);
    expect(() => parseCliOptions(['--model', 'm.onnx', '--group-depth', 'x'])).toThrow(/module depth/);
  });

  it('names the layers of a torchvision model at the depth given', async () => {
    const out = (d: string) => promisify(execFile)('npx', ['tsx', 'src/cli/analyze.ts', '--model', 'models/zoo/resnet18_w6_64x96.onnx', '--group-depth', d, '--json']).then((r) => JSON.parse(r.stdout) as { liveness: { perLayer: { layer: string }[] } });
    const layers = async (d: string) => (await out(d)).liveness.perLayer.map((l) => l.layer);
    expect(await layers('1')).toEqual(['conv1', 'maxpool', 'layer1', 'layer2', 'layer3', 'layer4', 'avgpool', 'fc']);
    expect((await layers('auto')).slice(2, 4)).toEqual(['layer1.0', 'layer1.1']);
  }, 60_000);
});
