// The fault sweep both hosts run (test/gpu/faults.test.ts, test/gpu/node-host.test.ts): the
// fan-out model at a small shape, at a shape whose readback overflows maxBufferSize, and small
// again, in both modes, with the device destroyed during configuration 2, and what must come of it.
import { expect } from 'vitest';
import { validateResults } from '../../src/results/schema';
import type { DeviceLossRecord, Results, SweepOptions } from '../../src/results/types';
import type { DeviceLimits, OverflowPlan } from './fault-model';

export const INJECTED_CONFIG = 2;

export function faultSweepOptions(plan: OverflowPlan): Partial<SweepOptions> {
  return {
    inputShapes: [{ x: plan.small }, { x: plan.big }, { x: plan.small }],
    batches: [],
    sizes: [],
    modes: ['arena', 'pool'],
    reps: 2,
    warmup: 1,
    overheadPairs: 0,
    ceilings: 'off',
    tune: 'off',
    injectDeviceLoss: INJECTED_CONFIG,
  };
}

/** The same sweep as flags of `npm run bench` (the model file given apart). */
export function faultSweepFlags(plan: OverflowPlan): string[] {
  const shapes = [plan.small, plan.big, plan.small].map((s) => s.join('x')).join(',');
  return ['--input-shape', shapes, '--mode', 'both', '--reps', '2', '--overhead-pairs', '0', '--ceilings', 'off', '--tune', 'off', '--inject-device-loss', String(INJECTED_CONFIG)];
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;

export function expectFaultSweep(r: Results, plan: OverflowPlan, limits: DeviceLimits): void {
  expect(validateResults(r)).toEqual([]);
  // The premise: every tensor passes the planner's binding check, their readback exceeds one buffer.
  expect(plan.tensorBytes).toBeLessThanOrEqual(limits.maxStorageBufferBindingSize);
  expect(plan.readbackBytes).toBeGreaterThan(limits.maxBufferSize);
  const [small, big] = [plan.small[2], plan.big[2]];
  expect(r.configs.map((c) => [c.inputShapes.x[2], c.mode, c.status])).toEqual([
    [small, 'arena', 'ok'],
    [small, 'pool', 'device-lost'],
    [big, 'arena', 'oom'],
    [big, 'pool', 'oom'],
    [small, 'arena', 'ok'],
    [small, 'pool', 'ok'],
  ]);
  for (const c of r.configs.filter((x) => x.status === 'ok')) expect([c.mode, c.check.status, c.check.reference]).toEqual([c.mode, 'pass', 'cpu']);

  const losses = r.deviceLost as DeviceLossRecord[];
  expect(losses).toEqual([{ config: INJECTED_CONFIG, during: '1x32x64 pool', reason: 'destroyed', message: expect.any(String), injected: true, recovered: true, recoveryMs: expect.any(Number), recoveryError: null }]);
  const lost = r.configs[1];
  expect(lost.error).toMatch(/^the GPU device was lost during this configuration \(destroyed by --inject-device-loss\); a new device was acquired in \d+ ms and ran the remaining configurations$/);
  expect([lost.check.status, lost.peakBytes.measuredPhysical]).toEqual(['not-checked', null]);
  expect(lost.peakBytes.predicted).toBeGreaterThan(0);

  const outputs = Array.from({ length: plan.outputs }, (_, i) => `'y${i}'`).join(', ');
  const oom = `the readback buffer of the outputs ${outputs} needs ${plan.readbackBytes} bytes (${mib(plan.readbackBytes)}), more than this device's maxBufferSize of ${limits.maxBufferSize} bytes (${mib(limits.maxBufferSize)}); use a smaller batch or input size`;
  for (const c of r.configs.slice(2, 4)) expect([c.errorName, c.error]).toEqual(['BufferLimitError', oom]);
}
