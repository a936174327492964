// Per-dispatch timestamps of repeated runs -> median/p10/p90 per dispatch, node, layer and
// for the whole inference. Sums are formed per run before taking statistics, so a node's
// median is the median of its per-run totals, not a sum of medians.
import { medianIndex, summarize, type Summary } from '../util/stats.js';
import type { PassTimes } from './timestamps.js';

export interface DispatchInfo {
  index: number;
  nodeIndex: number;
  node: { name: string; op: string; layer: string };
}

export interface TimeAggregate {
  dispatches: { index: number; gpuTimeMs: Summary | null }[];
  nodes: { name: string; op: string; layer: string; gpuTimeMs: Summary | null }[];
  layers: { layer: string; gpuTimeMs: Summary | null }[];
  /** First begin to last end of each run. */
  endToEnd: Summary | null;
  /** Sum of per-dispatch durations of each run (excludes gaps between passes). */
  sumOfDispatches: Summary | null;
  runs: number;
}

const NS_PER_MS = 1e6;

/** Duration of each dispatch in one run, in ms; null where the timestamp pair was unusable. */
export function durationsMs(t: PassTimes): (number | null)[] {
  return t.beginNs.map((b, i) => {
    const e = t.endNs[i];
    return b === null || e === null ? null : (e - b) / NS_PER_MS;
  });
}

export function endToEndMs(t: PassTimes): number | null {
  const begins = t.beginNs.filter((x): x is number => x !== null);
  const ends = t.endNs.filter((x): x is number => x !== null);
  if (!begins.length || !ends.length) return null;
  return (Math.max(...ends) - Math.min(...begins)) / NS_PER_MS;
}

/** Totals per group key in one run; null when any member is unusable (a partial sum would lie). */
function groupTotals(keys: string[], durs: (number | null)[]): Map<string, number | null> {
  const out = new Map<string, number | null>();
  keys.forEach((k, i) => {
    const prev = out.has(k) ? out.get(k)! : 0;
    const d = durs[i];
    out.set(k, prev === null || d === null ? null : prev + d);
  });
  return out;
}

function orderedUnique(xs: string[]): string[] {
  return [...new Set(xs)];
}

export function aggregateTimes(dispatches: readonly DispatchInfo[], runs: readonly PassTimes[]): TimeAggregate {
  const perRun = runs.map(durationsMs);
  const nodeKeys = dispatches.map((d) => d.node.name);
  const layerKeys = dispatches.map((d) => d.node.layer);
  const nodeTotals = perRun.map((r) => groupTotals(nodeKeys, r));
  const layerTotals = perRun.map((r) => groupTotals(layerKeys, r));
  const nodeOf = new Map(dispatches.map((d) => [d.node.name, d.node]));
  return {
    dispatches: dispatches.map((d, i) => ({ index: d.index, gpuTimeMs: summarize(perRun.map((r) => r[i])) })),
    nodes: orderedUnique(nodeKeys).map((name) => {
      const n = nodeOf.get(name)!;
      return { name, op: n.op, layer: n.layer, gpuTimeMs: summarize(nodeTotals.map((t) => t.get(name))) };
    }),
    layers: orderedUnique(layerKeys).map((layer) => ({ layer, gpuTimeMs: summarize(layerTotals.map((t) => t.get(layer))) })),
    endToEnd: summarize(runs.map(endToEndMs)),
    sumOfDispatches: summarize(perRun.map(totalOrNull)),
    runs: runs.length,
  };
}

function totalOrNull(durs: (number | null)[]): number | null {
  let total = 0;
  for (const d of durs) {
    if (d === null) return null;
    total += d;
  }
  return total;
}

/** The run whose end-to-end time is the median: the one inference a trace shows. */
export function medianRun(runs: readonly PassTimes[]): number {
  return medianIndex(runs.map(endToEndMs));
}
