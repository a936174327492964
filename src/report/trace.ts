// One inference's dispatches as a Chrome trace (chrome://tracing, ui.perfetto.dev): complete
// events ('X') on one track, times in microseconds from the first dispatch's begin.
import type { ConfigResult, Results } from '../results/types.js';
import { configName } from './format.js';

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: 'X' | 'M';
  ts?: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown>;
}

export interface ChromeTrace {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms';
  otherData: Record<string, unknown>;
}

/** The first timed configuration, unless one is named. */
export function traceConfig(r: Results, pick?: { batch: number; size: number; mode: string }): ConfigResult | undefined {
  const timed = r.configs.filter((c) => c.status === 'ok' && c.dispatches.some((d) => d.startMs !== null));
  return pick ? timed.find((c) => c.batch === pick.batch && c.size === pick.size && c.mode === pick.mode) : timed[0];
}

export function chromeTrace(r: Results, pick?: { batch: number; size: number; mode: string }): ChromeTrace {
  const c = traceConfig(r, pick);
  const meta: TraceEvent[] = [
    { name: 'process_name', ph: 'M', pid: 1, tid: 1, args: { name: c ? `GPU ${configName(c)} ${c.mode}` : 'GPU (no timed configuration)' } },
    { name: 'thread_name', ph: 'M', pid: 1, tid: 1, args: { name: 'dispatches' } },
  ];
  const events: TraceEvent[] = (c?.dispatches ?? [])
    .filter((d) => d.startMs !== null && d.durationMs !== null)
    .map((d) => ({
      name: d.node,
      cat: d.layer,
      ph: 'X',
      ts: d.startMs! * 1000,
      dur: d.durationMs! * 1000,
      pid: 1,
      tid: 1,
      args: { dispatch: d.index, label: d.label, kernel: d.kernel, layer: d.layer, logicalBytes: d.logicalBytes, physicalBytes: d.physicalBytes },
    }));
  const otherData = c ? { config: configName(c), mode: c.mode, run: 'median end-to-end of the timed repetitions', adapter: r.environment.adapter } : {};
  return { traceEvents: [...meta, ...events], displayTimeUnit: 'ms', otherData };
}
