import { describe, expect, it } from 'vitest';
import { chromeTrace } from '../../src/report/trace.js';
import { oomConfig, okConfig, results } from './fixture.js';
import { expectTraceOf } from './trace-checks.js';
import type { ConfigResult } from '../../src/results/types.js';

describe('chrome trace', () => {
  it('puts one inference on one track as complete events in microseconds', () => {
    const t = chromeTrace(results());
    const x = t.traceEvents.filter((e) => e.ph === 'X');
    expect(x).toHaveLength(2);
    expect(x[1]).toMatchObject({ name: 'final.conv', cat: 'final', ts: 1100, dur: 2400, pid: 1, tid: 1 });
    expect(x[1].args).toMatchObject({ dispatch: 1, label: 'final.conv, "1x1"', kernel: 'conv2d{}' });
    expect(new Set(t.traceEvents.map((e) => `${e.pid}/${e.tid}`))).toEqual(new Set(['1/1']));
    expect(t.traceEvents.find((e) => e.name === 'process_name')!.args).toEqual({ name: 'GPU b1@256 arena' });
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
  });

  it('can be asked for a given configuration, and stays valid with none timed', () => {
    expect(chromeTrace(results(), { batch: 8, size: 512, mode: 'arena' }).traceEvents.filter((e) => e.ph === 'X')).toEqual([]);
    const untimed = { ...okConfig(), dispatches: okConfig().dispatches.map((d) => ({ ...d, startMs: null, durationMs: null })) };
    const t = chromeTrace(results([untimed, oomConfig()]));
    expect(t.traceEvents.every((e) => e.ph === 'M')).toBe(true);
  });
});

describe('chrome trace with memory', () => {
  const MB = 2 ** 20;
  /** The fixture's row in pool mode, with a timeline that rises and falls and its dispatches listed out of time order. */
  const poolConfig = (): ConfigResult => {
    const c = okConfig();
    const [d0, d1] = c.dispatches;
    const d2 = { ...d1, index: 2, node: 'final.act', startMs: 3.6, durationMs: 0.2, logicalBytes: 3 * MB, physicalBytes: 12 * MB };
    return { ...c, mode: 'pool', dispatches: [d2, { ...d0, physicalBytes: 9 * MB }, { ...d1, logicalBytes: 11 * MB, physicalBytes: 12 * MB }] };
  };
  const untimed = (): ConfigResult => ({ ...okConfig(), batch: 2, dispatches: okConfig().dispatches.map((d) => ({ ...d, startMs: null, durationMs: null })) });

  it('gives every timed configuration a process with slices, both live-byte counters and its peaks', () => {
    const r = results([okConfig(), oomConfig(), untimed(), poolConfig()]);
    const t = chromeTrace(r);
    expectTraceOf(t, r);
    expect(t.traceEvents.filter((e) => e.name === 'process_name').map((e) => e.args!.name)).toEqual(['GPU b1@256 arena', 'GPU b1@256 pool']);
    // The pool row's physical peak is reached first at dispatch 1 (12 MB), its logical peak there too.
    const peaks = t.traceEvents.filter((e) => e.ph === 'i' && e.pid === 2);
    expect(peaks.map((e) => [e.name, e.ts, e.args!.bytes])).toEqual([
      ['physical peak', 1100, 12 * MB],
      ['logical peak', 1100, 11 * MB],
    ]);
    expect(t.otherData.processes).toEqual([
      { pid: 1, config: 'b1@256', mode: 'arena' },
      { pid: 2, config: 'b1@256', mode: 'pool' },
    ]);
    expect(t.traceEvents.find((e) => e.name === 'process_labels')!.args).toEqual({ labels: 'JeongWonNet_DWBlock_Swap; vendor google, architecture swiftshader' });
  });

  it('sees a counter that does not follow the timeline', () => {
    const r = results([poolConfig()]);
    const t = chromeTrace(r);
    const c = t.traceEvents.find((e) => e.ph === 'C' && e.name === 'logical live')!;
    c.args = { bytes: 1 };
    expect(() => expectTraceOf(t, r)).toThrow(/logical live/);
  });
});
