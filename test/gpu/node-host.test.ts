// The Node host (Dawn in plain Node, no browser) against the browser host on the same SwiftShader
// adapter: `npm run bench -- --host node` on the built-in network and on the ONNX fixture, checked
// as the browser's runs are, the engine's outputs of both hosts compared bit for bit, and the
// fault sweep of faults.test.ts (a lost device, a refused buffer) survived as in the browser.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planVulkan } from '../../src/host/vulkan';
import { jeongwonnet } from '../../src/graph/jeongwonnet';
import { runReference } from '../../src/reference/run';
import { compare, tensor } from '../../src/reference/tensor';
import type { Results } from '../../src/results/types';
import type { AdapterInfoRecord } from '../../src/runtime/device';
import { builtinInput } from '../host/builtin-input';
import type { EngineOutputs } from '../host/engine-outputs';
import { FIXTURES, readF32 } from '../onnx/helpers';
import { openGpuPage, type GpuPage } from '../setup/gpu';
import type { Refusals } from './cases/allocation-refusals';
import { expectFaultSweep, faultSweepFlags } from './fault-checks';
import { fanOutModel, readbackOverflow, type DeviceLimits } from './fault-model';
import { expectRefusals } from './refusal-checks';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'node-host-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FIXTURE = join(FIXTURES, 'jeongwonnet_swap_c8_64');
const QUICK = ['--reps', '1', '--mode', 'arena', '--ceilings', 'off', '--overhead-pairs', '0', '--tune', 'off'];

async function nodeBench(out: string, ...args: string[]): Promise<{ results: Results; stdout: string; files: string[] }> {
  const outDir = join(dir, out);
  try {
    const { stdout } = await run('npx', ['tsx', 'src/cli/bench.ts', '--host', 'node', ...args, ...QUICK, '--out', outDir], { maxBuffer: 1 << 24 });
    return { results: JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as Results, stdout, files: readdirSync(outDir).sort() };
  } catch (e) {
    const err = e as { stdout: string; stderr: string };
    throw new Error(`npm run bench -- --host node failed:\n${err.stdout}\n${err.stderr}`);
  }
}

/** The environment the Node host would give itself (Chromium's loader, SwiftShader's driver). */
function dawnEnv(): NodeJS.ProcessEnv {
  const dawnDir = join(dirname(createRequire(import.meta.url).resolve('webgpu')), 'dist', `${process.platform}-${process.arch}`);
  const plan = planVulkan(process.env, dawnDir);
  return { ...process.env, ...plan.set, ...(plan.restart ?? {}) };
}

const sameBits = (a: Float32Array, b: Float32Array): boolean => {
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

describe('npm run bench -- --host node', () => {
  it('runs b1@64 in plain Node: checked against the CPU reference, logical == predicted, the host and adapter recorded', async () => {
    const { results: r, stdout, files } = await nodeBench('b1', '--batch', '1', '--size', '64');
    const c = r.configs[0];
    console.log(`node host b1@64: ${c.status}, check ${c.check.status} ${c.check.maxRelError?.toExponential(2)}, peaks physical ${c.peakBytes.measuredPhysical} logical ${c.peakBytes.measuredLogical} predicted ${c.peakBytes.predicted}, e2e GPU ${c.gpuTimeMs?.median.toFixed(1)} ms`);
    expect([c.status, c.check.reference, c.check.status, c.ratios.logicalEqualsPredicted]).toEqual(['ok', 'cpu', 'pass', true]);
    expect(c.peakBytes.measuredLogical).toBe(c.peakBytes.predicted);
    expect(r.environment).toMatchObject({ host: 'node', timestampQuery: true, adapter: { vendor: 'google', architecture: 'swiftshader' } });
    expect(r.environment.userAgent).toMatch(/^Node\.js v\d+.*webgpu \d+\.\d+\.\d+ \(Dawn\)/);
    // Dawn's quantization is off: a quantized run's times would all be multiples of 65,536 ns.
    const ns = c.nodes.map((n) => Math.round(n.gpuTimeMs!.median * 1e6));
    expect(ns.filter((t) => t % 65536 !== 0).length).toBeGreaterThan(ns.length / 2);
    expect(stdout).toContain('Host: Node (Dawn');
    expect(files).toEqual(['layers.csv', 'report.html', 'results.json', 'trace.json']);
  }, 300_000);

  it("runs the ONNX fixture in plain Node within 1e-3 of PyTorch's output, logical == predicted", async () => {
    const { results: r } = await nodeBench('fixture', '--model', `${FIXTURE}.onnx`, '--input', `${FIXTURE}.input.bin`, '--expect', `${FIXTURE}.output.bin`);
    const c = r.configs[0];
    console.log(`node host fixture: check ${c.check.status} against ${c.check.reference}, max|y-ref|/max|ref| ${c.check.maxRelError?.toExponential(2)}`);
    expect([c.status, c.check.reference, c.check.status, c.ratios.logicalEqualsPredicted]).toEqual(['ok', 'expect-file', 'pass', true]);
    expect(c.check.maxRelError!).toBeLessThanOrEqual(1e-3);
  }, 300_000);
});

describe('browser and Node hosts on the same SwiftShader adapter', () => {
  let gp: GpuPage;
  beforeAll(async () => {
    gp = await openGpuPage();
  });
  afterAll(async () => gp?.close());

  it('give bit-identical outputs for the built-in network and the ONNX fixture, each matching its reference', async () => {
    const model = new Uint8Array(readFileSync(`${FIXTURE}.onnx`));
    const input = readF32(`${FIXTURE}.input.bin`);
    const page = await gp.run<EngineOutputs & { adapter: AdapterInfoRecord }>('/test/gpu/cases/host-outputs.ts', 'pageOutputs', { model, input });
    const out = join(dir, 'outputs');
    await run('mkdir', ['-p', out]);
    await run('npx', ['tsx', 'test/host/node-outputs.ts', out, `${FIXTURE}.onnx`, `${FIXTURE}.input.bin`], { env: dawnEnv() });
    const node = { builtin: readF32(join(out, 'builtin.f32')), fixture: readF32(join(out, 'fixture.f32')), adapter: JSON.parse(readFileSync(join(out, 'adapter.json'), 'utf8')) as AdapterInfoRecord };
    // Chromium leaves device and description empty without developer features; Dawn in Node fills them.
    const identity = (a: AdapterInfoRecord) => [a.vendor, a.architecture, a.isFallbackAdapter];
    expect(identity(node.adapter)).toEqual(identity(page.adapter));
    expect(identity(page.adapter)).toEqual(['google', 'swiftshader', true]);
    for (const field of ['device', 'description'] as const) expect([node.adapter[field], '']).toContain(page.adapter[field]);

    const g = jeongwonnet({ batch: 1, size: 64, seed: 1 });
    const ref = runReference(g, { input: tensor([1, 3, 64, 64], builtinInput()) }).outputs.get('output')!.data;
    const expected = readF32(`${FIXTURE}.output.bin`);
    const errors = { builtin: compare(node.builtin, ref).maxRelError, fixture: compare(node.fixture, expected).maxRelError };
    const differing = (a: Float32Array, b: Float32Array) => a.filter((v, i) => Object.is(v, b[i]) === false).length;
    console.log(
      `adapter ${page.adapter.vendor}/${page.adapter.architecture} in both hosts (${node.adapter.description}); ` +
        `Node vs reference: built-in ${errors.builtin.toExponential(2)}, fixture ${errors.fixture.toExponential(2)}; ` +
        `values differing between hosts: built-in ${differing(node.builtin, page.builtin)}/${page.builtin.length}, fixture ${differing(node.fixture, page.fixture)}/${page.fixture.length}`,
    );
    expect(errors.builtin).toBeLessThanOrEqual(1e-3);
    expect(errors.fixture).toBeLessThanOrEqual(1e-3);
    expect(sameBits(node.builtin, page.builtin)).toBe(true);
    expect(sameBits(node.fixture, page.fixture)).toBe(true);
  }, 300_000);
});

describe('npm run bench -- --host node, with faults', () => {
  it('names refused allocations, and survives a device destroyed in configuration 2 and a readback beyond maxBufferSize', async () => {
    const probe = await run('npx', ['tsx', 'test/host/node-faults.ts'], { env: dawnEnv() });
    const { limits, refusals } = JSON.parse(probe.stdout) as { limits: DeviceLimits; refusals: Refusals };
    expectRefusals(refusals, limits.maxBufferSize);
    const plan = readbackOverflow(limits);
    const model = join(dir, 'fanout.onnx');
    writeFileSync(model, fanOutModel(plan.outputs));
    const out = join(dir, 'faults');
    const bench = await run('npx', ['tsx', 'src/cli/bench.ts', '--host', 'node', '--model', model, ...faultSweepFlags(plan), '--out', out], { maxBuffer: 1 << 24 }).then(
      (x) => ({ code: 0, ...x }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
    console.log(`node limits: maxBufferSize ${limits.maxBufferSize}, maxStorageBufferBindingSize ${limits.maxStorageBufferBindingSize}; refused: ${refusals.oversized}\n${bench.stdout}`);
    expect(bench.code, bench.stderr).toBe(1);
    expectFaultSweep(results, plan, limits);
    expect(bench.stdout).toMatch(/1x32x64\s+pool\s+device-lost/);
    expect(bench.stdout).toContain('device lost in configuration 2/6 (1x32x64 pool), destroyed on purpose by --inject-device-loss 2; recovered: a new device in');
    expect(bench.stdout).toContain('FAILED: 1x32x64 pool: the GPU device was lost during this configuration');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<h2>Device losses</h2>');
  }, 120_000);
});
