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
