import { describe, expect, it } from 'vitest';
import { parseBenchArgs, unsupportedFlags } from '../../src/cli/bench-args.js';
import { resolveOptions } from '../../src/sweep/options.js';

describe('bench command line', () => {
  it('parses lists, counts, mode and output folder', () => {
    const a = parseBenchArgs(['--batch', '1,2', '--size', '64', '--reps', '5', '--warmup', '2', '--mode', 'pool', '--out', 'x', '--json'], new Date('2025-02-03T04:05:06.789Z'));
    expect(a.sweep).toEqual({ batches: [1, 2], sizes: [64], reps: 5, warmup: 2, modes: ['pool'] });
    expect(a.outDir).toBe('x');
    expect(a.json).toBe(true);
    expect(parseBenchArgs([], new Date('2025-02-03T04:05:06.789Z')).outDir).toBe('results/2025-02-03T04-05-06');
    expect(parseBenchArgs(['--mode', 'both']).sweep.modes).toEqual(['arena', 'pool']);
  });

  it('rejects malformed values with the flag name', () => {
    expect(() => parseBenchArgs(['--batch', '1,x'])).toThrow(/--batch: 'x' is not a positive integer/);
    expect(() => parseBenchArgs(['--mode', 'heap'])).toThrow(/mode: expected arena, pool or both/);
    expect(() => parseBenchArgs(['--frobnicate'])).toThrow();
    expect(() => resolveOptions({ reps: 0 })).toThrow(/reps: expected an integer >= 1/);
  });

  it('takes --inject-device-loss K as a configuration number from 1', () => {
    expect(parseBenchArgs(['--inject-device-loss', '2']).sweep.injectDeviceLoss).toBe(2);
    expect(() => parseBenchArgs(['--inject-device-loss', '0'])).toThrow(/--inject-device-loss: expected an integer >= 1, got '0'/);
    expect(resolveOptions({}).injectDeviceLoss).toBeNull();
    expect(() => resolveOptions({ injectDeviceLoss: 0 })).toThrow(/inject device loss \(configuration number, from 1\): expected an integer >= 1/);
  });

  it('accepts --model and --compare (their checks are in test/cli/bench-model.test.ts)', () => {
    expect(unsupportedFlags(parseBenchArgs(['--model', 'm.onnx', '--compare', 'ort']))).toEqual([]);
    expect(unsupportedFlags(parseBenchArgs([]))).toEqual([]);
  });

  it('parses --host and --list-adapters, and names the hosts on a bad one', () => {
    expect(parseBenchArgs([]).host).toBeUndefined();
    expect(parseBenchArgs(['--host', 'node', '--list-adapters'])).toMatchObject({ host: 'node', listAdapters: true, sweep: {} });
    expect(parseBenchArgs(['--host', 'browser']).host).toBe('browser');
    expect(() => parseBenchArgs(['--host', 'deno'])).toThrow("--host: expected one of browser, node, got 'deno'");
  });

  it('parses --ceilings and --whatif into the sweep options', () => {
    expect(parseBenchArgs(['--ceilings', 'quick', '--whatif']).sweep).toEqual({ ceilings: 'quick', whatif: true });
    expect(parseBenchArgs([]).sweep).toEqual({});
    expect(resolveOptions({})).toMatchObject({ ceilings: 'cached', whatif: false });
    expect(() => parseBenchArgs(['--ceilings', 'fast'])).toThrow(/ceilings: expected one of cached, quick, full, off/);
    expect(unsupportedFlags(parseBenchArgs(['--whatif', '--ceilings', 'off']))).toEqual([]);
  });

  it('parses --variant: a float32 what-if variant as the sweep, for the built-in network only', () => {
    expect(parseBenchArgs(['--variant', 'early-downsampling']).sweep).toEqual({ variant: 'early-downsampling' });
    expect(resolveOptions({}).variant).toBeNull();
    expect(resolveOptions({ variant: 'c0-16' }).variant).toBe('c0-16');
    expect(() => parseBenchArgs(['--variant', 'fp16'])).toThrow(/fp16 is predicted only \(the runtime has float32 kernels only\)/);
    expect(() => parseBenchArgs(['--variant', 'wide'])).toThrow(/variant: expected one of baseline, early-downsampling, c0-16, kernel-5, got "wide"/);
    expect(unsupportedFlags(parseBenchArgs(['--variant', 'kernel-5', '--whatif']))).toEqual([expect.stringMatching(/--variant runs one variant as the sweep, --whatif runs every variant/)]);
    expect(unsupportedFlags(parseBenchArgs(['--variant', 'kernel-5', '--model', 'm.onnx']))).toEqual([expect.stringMatching(/--variant varies the built-in network's parameters/)]);
  });
});

describe('--max-binding', () => {
  it('reads a size and rejects nonsense with the accepted forms', () => {
    expect(parseBenchArgs(['--max-binding', '128MiB']).sweep.maxBindingBytes).toBe(128 * 2 ** 20);
    expect(() => parseBenchArgs(['--max-binding', 'lots'])).toThrow(/--max-binding: cannot read 'lots' as a size; accepted/);
  });
});

describe('--group-depth', () => {
  it('takes auto or a positive depth, with a model only', () => {
    expect(parseBenchArgs(['--model', 'm.onnx', '--group-depth', '2']).groupDepth).toBe(2);
    expect(parseBenchArgs(['--model', 'm.onnx', '--group-depth', 'auto']).groupDepth).toBe('auto');
    expect(() => parseBenchArgs(['--model', 'm.onnx', '--group-depth', '0'])).toThrow(/--group-depth takes 'auto' or a module depth of 1 or more/);
    expect(unsupportedFlags(parseBenchArgs(['--group-depth', '1']))).toEqual([expect.stringMatching(/--group-depth names the layers of a model file/)]);
  });
});

describe('--emulate-timestamp-quantum and --quantized-reps', () => {
  it('reads a quantum in ns and a run count into the sweep options', () => {
    expect(parseBenchArgs(['--emulate-timestamp-quantum', '1000000', '--quantized-reps', '50']).sweep).toEqual({ emulateTimestampQuantumNs: 1_000_000, quantizedReps: 50 });
    expect(resolveOptions({})).toMatchObject({ emulateTimestampQuantumNs: null, quantizedReps: 200 });
    expect(resolveOptions({ emulateTimestampQuantumNs: 65536 }).emulateTimestampQuantumNs).toBe(65536);
  });

  it('refuses a quantum that does not quantize, a bad count, and quantizing with timestamps off', () => {
    expect(() => parseBenchArgs(['--emulate-timestamp-quantum', '1'])).toThrow(/--emulate-timestamp-quantum: expected an integer >= 2, got '1'/);
    expect(() => parseBenchArgs(['--emulate-timestamp-quantum', '1e6'])).toThrow(/expected an integer >= 2, got '1e6'/);
    expect(() => parseBenchArgs(['--quantized-reps', '0'])).toThrow(/--quantized-reps: expected an integer >= 1/);
    expect(unsupportedFlags(parseBenchArgs(['--emulate-timestamp-quantum', '65536', '--no-timestamps']))).toEqual([expect.stringMatching(/--no-timestamps turns them off/)]);
    expect(() => resolveOptions({ emulateTimestampQuantumNs: 65536, timestamps: false })).toThrow(/timestamps are off/);
    expect(() => resolveOptions({ emulateTimestampQuantumNs: 0.5 })).toThrow(/emulated timestamp quantum \(ns\): expected an integer >= 2/);
  });
});

describe('--soak', () => {
  it('takes a run count into the sweep options, 0 by default, and refuses anything else', () => {
    expect(parseBenchArgs(['--soak', '1000']).sweep).toEqual({ soak: 1000 });
    expect(parseBenchArgs(['--soak', '0']).sweep).toEqual({ soak: 0 });
    expect(resolveOptions({}).soak).toBe(0);
    expect(resolveOptions({ soak: 20 }).soak).toBe(20);
    expect(() => parseBenchArgs(['--soak=-1'])).toThrow("--soak: expected an integer >= 0, got '-1'");
    expect(() => parseBenchArgs(['--soak', 'many'])).toThrow("--soak: expected an integer >= 0, got 'many'");
    expect(() => parseBenchArgs(['--soak', '2.5'])).toThrow(/--soak: expected an integer >= 0/);
    expect(() => resolveOptions({ soak: -3 })).toThrow(/soak runs: expected an integer >= 0/);
  });
});
