// Structural checks of a Chrome trace against the results it came from, shared by the unit
// test (a hand-made document) and the GPU soak test (a real sweep's).
import { expect } from 'vitest';
import { LOGICAL_TRACK, PHYSICAL_TRACK, timedConfigs, type ChromeTrace, type TraceEvent } from '../../src/report/trace';
import { configName } from '../../src/report/format';
import type { Results } from '../../src/results/types';

const byPid = (t: ChromeTrace, pid: number, ph: TraceEvent['ph'], name?: string): TraceEvent[] =>
  t.traceEvents.filter((e) => e.pid === pid && e.ph === ph && (name === undefined || e.name === name));

function nonDecreasing(ts: number[], what: string): void {
  for (let i = 1; i < ts.length; i++) expect(ts[i], `${what}: event ${i} at ${ts[i]} us after ${ts[i - 1]} us`).toBeGreaterThanOrEqual(ts[i - 1]);
}

/** One process per timed configuration, slices, both counter tracks equal to the timelines, peaks at their maxima. */
export function expectTraceOf(t: ChromeTrace, r: Results): void {
  expect(JSON.parse(JSON.stringify(t))).toEqual(t);
  for (const e of t.traceEvents) expect(['X', 'M', 'C', 'i']).toContain(e.ph);
  const timed = timedConfigs(r);
  const names = t.traceEvents.filter((e) => e.name === 'process_name');
  expect(names.map((e) => e.pid)).toEqual(timed.map((_, i) => i + 1));
  timed.forEach((c, i) => {
    const pid = i + 1;
    const what = `pid ${pid} (${configName(c)} ${c.mode})`;
    expect(names[i].args, what).toEqual({ name: `GPU ${configName(c)} ${c.mode}` });
    const labels = String(byPid(t, pid, 'M', 'process_labels')[0].args!.labels);
    expect(labels).toContain(r.model.name);
    expect(labels).toContain(r.environment.adapter.vendor);
    const ds = c.dispatches.filter((d) => d.startMs !== null && d.durationMs !== null).sort((a, b) => a.startMs! - b.startMs!);
    const x = byPid(t, pid, 'X');
    expect(x.map((e) => e.name), what).toEqual(ds.map((d) => d.node));
    expect(x.map((e) => e.dur)).toEqual(ds.map((d) => d.durationMs! * 1000));
    nonDecreasing(x.map((e) => e.ts!), `${what} slices`);
    for (const [track, field] of [[PHYSICAL_TRACK, 'physicalBytes'], [LOGICAL_TRACK, 'logicalBytes']] as const) {
      const cs = byPid(t, pid, 'C', track);
      nonDecreasing(cs.map((e) => e.ts!), `${what} ${track}`);
      // The counters are the results' own timeline, sample for sample, at the slices' starts.
      expect(cs.map((e) => e.args!.bytes), `${what} ${track}`).toEqual(ds.map((d) => d[field]));
      expect(cs.map((e) => e.ts)).toEqual(x.map((e) => e.ts));
      const peak = byPid(t, pid, 'i', track === PHYSICAL_TRACK ? 'physical peak' : 'logical peak');
      expect(peak, `${what} ${track} peak`).toHaveLength(1);
      const max = Math.max(...ds.map((d) => d[field]));
      const first = ds.find((d) => d[field] === max)!;
      expect(peak[0]).toMatchObject({ s: 'p', ts: first.startMs! * 1000, args: { bytes: max, dispatch: first.index, node: first.node } });
    }
  });
  expect(t.otherData).toMatchObject({ model: r.model.name, adapter: r.environment.adapter });
}
