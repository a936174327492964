// The run as a Chrome trace (chrome://tracing, ui.perfetto.dev): one process per timed
// configuration, holding its dispatches of the median run as complete events ('X'), its live
// bytes as two counter tracks ('C', physical and logical, sampled before each dispatch), and an
// instant event ('i') at each peak, so time and memory sit on one timeline. Times are in
// microseconds from the configuration's first dispatch.
//
// The memory timeline was sampled during the configuration's first run, the slices come from
// its median run: the counters are placed at the slices' starts, one sample per dispatch, which
// is where the engine took them in dispatch order.
import type { ConfigResult, DispatchResult, Results } from '../results/types.js';
import { adapterText, configName, hostText } from './format.js';

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: 'X' | 'M' | 'C' | 'i';
  ts?: number;
  dur?: number;
  pid: number;
  tid: number;
  /** Scope of an instant event: 'p' marks the whole process. */
  s?: 'p';
  args?: Record<string, unknown>;
}

export interface ChromeTrace {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms';
  otherData: Record<string, unknown>;
}

/** Counter names; with their one argument, `bytes`, viewers name the tracks 'physical live bytes' and 'logical live bytes'. */
export const PHYSICAL_TRACK = 'physical live';
export const LOGICAL_TRACK = 'logical live';

type Pick = { batch: number; size: number; mode: string };

/** Dispatches of the median run that have a start and a duration. */
function timedDispatches(c: ConfigResult): (DispatchResult & { startMs: number; durationMs: number })[] {
  return c.dispatches.filter((d): d is DispatchResult & { startMs: number; durationMs: number } => d.startMs !== null && d.durationMs !== null);
}

/** Configurations with a timed dispatch, in run order. */
export function timedConfigs(r: Results): ConfigResult[] {
  return r.configs.filter((c) => c.status === 'ok' && timedDispatches(c).length > 0);
}

/** The first timed configuration, unless one is named. */
export function traceConfig(r: Results, pick?: Pick): ConfigResult | undefined {
  const timed = timedConfigs(r);
  return pick ? timed.find((c) => c.batch === pick.batch && c.size === pick.size && c.mode === pick.mode) : timed[0];
}

const us = (msValue: number): number => msValue * 1000;

function processMeta(c: ConfigResult, pid: number, r: Results): TraceEvent[] {
  return [
    { name: 'process_name', ph: 'M', pid, tid: 1, args: { name: `GPU ${configName(c)} ${c.mode}` } },
    { name: 'process_labels', ph: 'M', pid, tid: 1, args: { labels: `${r.model.name}; ${adapterText(r.environment)}` } },
    { name: 'process_sort_index', ph: 'M', pid, tid: 1, args: { sort_index: pid } },
    { name: 'thread_name', ph: 'M', pid, tid: 1, args: { name: 'dispatches' } },
  ];
}

function slices(ds: ReturnType<typeof timedDispatches>, pid: number): TraceEvent[] {
  return ds.map((d) => ({
    name: d.node,
    cat: d.layer,
    ph: 'X',
    ts: us(d.startMs),
    dur: us(d.durationMs),
    pid,
    tid: 1,
    args: { dispatch: d.index, label: d.label, kernel: d.kernel, layer: d.layer, logicalBytes: d.logicalBytes, physicalBytes: d.physicalBytes },
  }));
}

function counters(ds: ReturnType<typeof timedDispatches>, pid: number): TraceEvent[] {
  const track = (name: string, bytes: (d: DispatchResult) => number): TraceEvent[] => ds.map((d) => ({ name, cat: 'memory', ph: 'C', ts: us(d.startMs), pid, tid: 1, args: { bytes: bytes(d) } }));
  return [...track(PHYSICAL_TRACK, (d) => d.physicalBytes), ...track(LOGICAL_TRACK, (d) => d.logicalBytes)];
}

/** An instant at the first dispatch where the timeline reaches its maximum. */
function peak(ds: ReturnType<typeof timedDispatches>, pid: number, name: string, bytes: (d: DispatchResult) => number, c: ConfigResult): TraceEvent | null {
  if (!ds.length) return null;
  const at = ds.reduce((best, d) => (bytes(d) > bytes(best) ? d : best));
  const live = name.startsWith('logical') && c.memory ? { liveTensors: c.memory.liveAtLogicalPeak } : {};
  return { name, cat: 'memory', ph: 'i', s: 'p', ts: us(at.startMs), pid, tid: 1, args: { bytes: bytes(at), dispatch: at.index, node: at.node, ...live } };
}

/** One configuration's process: metadata, then every track in time order. */
function processEvents(c: ConfigResult, pid: number, r: Results): TraceEvent[] {
  const ds = timedDispatches(c).sort((a, b) => a.startMs - b.startMs);
  const peaks = [peak(ds, pid, 'physical peak', (d) => d.physicalBytes, c), peak(ds, pid, 'logical peak', (d) => d.logicalBytes, c)];
  return [...processMeta(c, pid, r), ...slices(ds, pid), ...counters(ds, pid), ...peaks.filter((e): e is TraceEvent => e !== null)];
}

/** Every timed configuration, or the one named; a trace with none is valid and holds metadata only. */
export function chromeTrace(r: Results, pick?: Pick): ChromeTrace {
  const configs = pick ? [traceConfig(r, pick)].filter((c): c is ConfigResult => !!c) : timedConfigs(r);
  const none: TraceEvent[] = [{ name: 'process_name', ph: 'M', pid: 1, tid: 1, args: { name: 'GPU (no timed configuration)' } }];
  const events = configs.length ? configs.flatMap((c, i) => processEvents(c, i + 1, r)) : none;
  const otherData = {
    model: r.model.name,
    adapter: r.environment.adapter,
    adapterText: adapterText(r.environment),
    host: hostText(r.environment),
    createdAt: r.createdAt,
    run: 'median end-to-end of the timed repetitions; live bytes sampled before each dispatch of the first run',
    processes: configs.map((c, i) => ({ pid: i + 1, config: configName(c), mode: c.mode })),
  };
  return { traceEvents: events, displayTimeUnit: 'ms', otherData };
}
