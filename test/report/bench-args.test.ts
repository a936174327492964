import { describe, expect, it } from 'vitest';
import { parseBenchArgs, unsupportedFlags } from '../../src/cli/bench-args.js';
import { resolveOptions } from '../../src/results/options.js';

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

  it('refuses the flags of features not wired in yet instead of ignoring them', () => {
    expect(unsupportedFlags(parseBenchArgs(['--model', 'm.onnx', '--compare', 'ort']))).toHaveLength(1);
    expect(unsupportedFlags(parseBenchArgs(['--whatif']))).toHaveLength(1);
    expect(unsupportedFlags(parseBenchArgs([]))).toEqual([]);
  });
});
