import { describe, expect, it } from 'vitest';
import { chromeTrace } from '../../src/report/trace.js';
import { oomConfig, okConfig, results } from './fixture.js';

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
