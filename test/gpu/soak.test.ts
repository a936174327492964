// The soak on the GPU: 20 more inferences per configuration after the timed runs, built-in
// network and the PyTorch fixture, arena and pool, must leak nothing, keep the live buffer
// count, reproduce the first run's output bit for bit and create no pipeline or bind group;
// a target that does leak must be caught by the same tracker. The trace of the same sweep
// is checked against its memory timelines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../src/cli/bench-args';
import { loadModel } from '../../src/cli/bench-model';
import { soakText } from '../../src/report/soak';
import { verdict } from '../../src/report/summary';
import { chromeTrace } from '../../src/report/trace';
import { validateResults } from '../../src/results/schema';
import type { SoakMeasurement } from '../../src/profiler/soak';
import { openGpuPage, type GpuPage } from '../setup/gpu';
import { FIXTURES } from '../onnx/helpers';
import { expectTraceOf } from '../report/trace-checks';
import type { SoakSweep } from './cases/soak';

const CASES = '/test/gpu/cases/soak.ts';
const RUNS = 20;
const base = `${FIXTURES}/jeongwonnet_swap_c8_64`;
const SHORT = { modes: ['arena', 'pool'] as ('arena' | 'pool')[], reps: 2, warmup: 1, overheadPairs: 0, ceilings: 'off' as const, soak: RUNS };

describe('soak', () => {
  let gp: GpuPage;
  const sweeps: Record<string, SoakSweep> = {};

  beforeAll(async () => {
    gp = await openGpuPage();
    // The built-in network's CPU reference check is covered elsewhere; here the first run's output is only the soak's reference.
    sweeps.builtin = await gp.run<SoakSweep>(CASES, 'soakSweep', { ...SHORT, batches: [1], sizes: [64], check: false }, null);
    const fixture = loadModel(parseBenchArgs(['--model', `${base}.onnx`, '--input', `${base}.input.bin`, '--expect', `${base}.output.bin`]));
    sweeps.onnx = await gp.run<SoakSweep>(CASES, 'soakSweep', { ...fixture.sweep, ...SHORT }, fixture.staged);
  });
  afterAll(async () => gp?.close());

  it.each(['builtin', 'onnx'])('%s: leaks nothing, keeps its buffers, repeats its output bit for bit, reuses pipelines and bind groups', (which) => {
    const { results: r, before, after } = sweeps[which];
    expect(validateResults(r)).toEqual([]);
    const checked = which === 'onnx' ? 'pass' : 'not-checked';
    expect(r.configs.map((c) => [c.mode, c.status, c.check.status])).toEqual([
      ['arena', 'ok', checked],
      ['pool', 'ok', checked],
    ]);
    console.log(`${which}:\n${soakText(r)}`);
    for (const c of r.configs) {
      const s = c.soak!;
      expect(s, c.mode).toMatchObject({ runs: RUNS, leakedBytes: 0, bitIdentical: true, mismatchedRuns: 0, firstMismatch: null, pipelinesCreated: 0, bindGroupsCreated: 0 });
      expect(s.liveBuffersAfter, c.mode).toBe(s.liveBuffersBefore);
      // The engine's buffers were alive during the soak: it measured the engine, not an empty device.
      expect(s.liveBuffersBefore - before.buffers, c.mode).toBeGreaterThanOrEqual(3);
      expect(s.liveBytesBefore - before.bytes, c.mode).toBeGreaterThan(0.9 * c.peakBytes.predicted!);
      expect(s.wallMs).toBeGreaterThan(0);
      // One bind group per dispatch, made once: arena up front, pool during the first run.
      expect(c.bindGroups, c.mode).toBe(c.dispatches.length);
    }
    expect(verdict(r).failures).toEqual([]);
    expect(after).toEqual(before);
    expectTraceOf(chromeTrace(r), r);
  });

  it('sees every buffer a leaking run keeps, through the real tracker', async () => {
    const s = await gp.run<SoakMeasurement>(CASES, 'leakingSoak', 5);
    expect(s).toMatchObject({ runs: 5, leakedBytes: 5 * 256, bitIdentical: true });
    expect(s.liveBuffersAfter - s.liveBuffersBefore).toBe(5);
    expect(gp.log.errors).toEqual([]);
  });
});
