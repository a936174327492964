// Per-dispatch timestamps of repeated runs -> statistics per dispatch, node, layer and for the
// whole inference. Each run is screened first (plausibility.ts); sums are formed per run
// before taking statistics, so a node's time is the estimate of its per-run totals, not a sum
// of estimates. With quantized stamps the estimate is the mean (estimate.ts) and zero spans
// are samples.
import { medianIndex, summarize, type Summary } from '../util/stats.js';
import { estimateTime, type TimeEstimate } from './estimate.js';
import { addIssue, screenRun, type IssueCounts, type ScreenedRun } from './plausibility.js';
import type { PassTimes } from './timestamps.js';

export interface DispatchInfo {
  index: number;
  nodeIndex: number;
  node: { name: string; op: string; layer: string };
}

/** Order statistics of the per-run samples, and the estimate the timing method calls the time. */
export interface TimeStats {
  gpuTimeMs: Summary | null;
  gpuTime: TimeEstimate | null;
}

export interface TimeAggregate {
  dispatches: ({ index: number; issues: IssueCounts } & TimeStats)[];
  nodes: ({ name: string; op: string; layer: string; issues: IssueCounts } & TimeStats)[];
  layers: ({ layer: string } & TimeStats)[];
  /** First begin to last end of each run. */
  endToEnd: Summary | null;
  endToEndEstimate: TimeEstimate | null;
  /** Sum of per-dispatch durations of each run (excludes gaps between passes). */
  sumOfDispatches: Summary | null;
  sumOfDispatchesEstimate: TimeEstimate | null;
  /** Implausible pairs over all runs and dispatches. */
  issues: IssueCounts;
  /** The quantum the statistics assumed (1: not quantized). */
  quantumNs: number;
  runs: number;
  /** The runs as screened: dropped pairs null, overlapping begins moved (what a trace should show). */
  screenedRuns: PassTimes[];
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

/** Issue counts per group key, over every run. */
function issuesBy(keys: string[], screened: readonly ScreenedRun[]): Map<string, IssueCounts> {
  const out = new Map(keys.map((k) => [k, {} as IssueCounts]));
  for (const s of screened) s.issues.forEach((issue, i) => addIssue(out.get(keys[i])!, issue));
  return out;
}

/**
 * quantumNs: the detected timestamp quantum (1 or null: not quantized). Runs carrying wallMs
 * also get their spans checked against it.
 */
export function aggregateTimes(dispatches: readonly DispatchInfo[], runs: readonly PassTimes[], quantumNs: number | null = 1): TimeAggregate {
  const q = quantumNs ?? 1;
  const quantized = q > 1;
  const screened = runs.map((r) => screenRun(r, q));
  const perRun = screened.map((s) => durationsMs(s.times));
  const stats = (samples: (number | null | undefined)[]): TimeStats => ({ gpuTimeMs: summarize(samples, quantized), gpuTime: estimateTime(samples, quantized ? q / NS_PER_MS : null) });
  const dispatchKeys = dispatches.map((d) => String(d.index));
  const nodeKeys = dispatches.map((d) => d.node.name);
  const layerKeys = dispatches.map((d) => d.node.layer);
  const nodeTotals = perRun.map((r) => groupTotals(nodeKeys, r));
  const layerTotals = perRun.map((r) => groupTotals(layerKeys, r));
  const nodeOf = new Map(dispatches.map((d) => [d.node.name, d.node]));
  const endToEnd = stats(screened.map((s) => endToEndMs(s.times)));
  const sums = stats(perRun.map(totalOrNull));
  const issues = issuesBy(dispatches.map(() => 'all'), screened).get('all') ?? {};
  const dispatchIssues = issuesBy(dispatchKeys, screened);
  const nodeIssues = issuesBy(nodeKeys, screened);
  return {
    dispatches: dispatches.map((d, i) => ({ index: d.index, issues: dispatchIssues.get(dispatchKeys[i])!, ...stats(perRun.map((r) => r[i])) })),
    nodes: orderedUnique(nodeKeys).map((name) => {
      const n = nodeOf.get(name)!;
      return { name, op: n.op, layer: n.layer, issues: nodeIssues.get(name)!, ...stats(nodeTotals.map((t) => t.get(name))) };
    }),
    layers: orderedUnique(layerKeys).map((layer) => ({ layer, ...stats(layerTotals.map((t) => t.get(layer))) })),
    endToEnd: endToEnd.gpuTimeMs,
    endToEndEstimate: endToEnd.gpuTime,
    sumOfDispatches: sums.gpuTimeMs,
    sumOfDispatchesEstimate: sums.gpuTime,
    issues,
    quantumNs: q,
    runs: runs.length,
    screenedRuns: screened.map((x) => x.times),
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
