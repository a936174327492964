// The first-principles roofline: a node's time from the device's measured ceilings alone,
//   time = max(bytes / BW(working set), flops / FMA peak) + dispatches * launch cost,
// with no roof calibrated on any kernel. It says what the work should cost on this device, so
// a miss measures the kernel, not the model; the calibrated roofline (placement.ts) instead
// says what our kernels are known to reach.
import type { Graph } from '../../graph/ir.js';
import { nodeCost, type CostOptions, type NodeCost } from './cost.js';
import { memoryBandwidth, type RooflineCeilings } from './ceilings.js';
import type { NodeTiming } from './timings.js';

/** Which term is the largest: the bandwidth term, the FMA term, or the launch cost itself. */
export type FirstPrinciplesBound = 'memory' | 'compute' | 'launch';

export interface FirstPrinciplesTime {
  /** (read + write bytes) / bandwidth at the working set (read and write curves when measured), ms. */
  memoryMs: number;
  /** flops / FMA peak, ms. */
  computeMs: number;
  /** dispatches * measured launch cost, ms (0 when no launch cost was measured). */
  launchMs: number;
  dispatches: number;
  /** max(memoryMs, computeMs) + launchMs. */
  predictedMs: number;
  bound: FirstPrinciplesBound;
}

type Work = Pick<NodeCost, 'flops' | 'readBytes' | 'writeBytes' | 'workingSetBytes'>;

const NS_PER_MS = 1e6;

export function firstPrinciplesTime(cost: Work, c: RooflineCeilings, dispatches = 1): FirstPrinciplesTime {
  if (!Number.isInteger(dispatches) || dispatches < 0) throw new Error(`dispatches must be a whole number >= 0, got ${dispatches}`);
  const bytes = cost.readBytes + cost.writeBytes;
  const memoryMs = bytes === 0 ? 0 : bytes / memoryBandwidth(c, cost) / NS_PER_MS;
  const computeMs = cost.flops / c.peakGflops / NS_PER_MS;
  const launchMs = dispatches * (c.launchMs ?? 0);
  const work = Math.max(memoryMs, computeMs);
  const bound: FirstPrinciplesBound = launchMs > work ? 'launch' : computeMs > memoryMs ? 'compute' : 'memory';
  return { memoryMs, computeMs, launchMs, dispatches, predictedMs: work + launchMs, bound };
}

export interface FirstPrinciplesEntry {
  index: number;
  node: string;
  op: string;
  layer: string;
  time: FirstPrinciplesTime;
  measuredMs: number | null;
  /** measured / predicted; null when not measured. */
  ratio: number | null;
}

/**
 * One entry per node of g, in order. A node's dispatch count comes from its timing's dispatch
 * facts (what the engine ran); a node that has not run counts one dispatch.
 */
export function firstPrinciplesForGraph(g: Graph, c: RooflineCeilings, timings: readonly NodeTiming[] = [], opts: CostOptions = {}): FirstPrinciplesEntry[] {
  const byNode = new Map(timings.map((t) => [t.node, t]));
  return g.nodes.map((n, index) => {
    const t = byNode.get(n.name);
    const time = firstPrinciplesTime(nodeCost(g, n, opts), c, t?.dispatches?.length || 1);
    const measuredMs = t?.measuredMs != null && t.measuredMs > 0 ? t.measuredMs : null;
    return { index, node: n.name, op: n.op, layer: n.layer, time, measuredMs, ratio: measuredMs === null ? null : measuredMs / time.predictedMs };
  });
}

export const withinTolerance = (ratio: number, tolerance: number): boolean => ratio <= tolerance && ratio >= 1 / tolerance;

export interface PredictionSum {
  key: string;
  nodes: number;
  predictedMs: number;
  /** null unless every node of the group was measured. */
  measuredMs: number | null;
  ratio: number | null;
  within: boolean | null;
  /** Nodes of the group within the tolerance (of those measured). */
  nodesWithin: number;
  nodesMeasured: number;
}

/** Sums of predicted and measured time per group (a layer, a kernel class), in first-seen order. */
export function sumByGroup(entries: readonly FirstPrinciplesEntry[], keyOf: (e: FirstPrinciplesEntry) => string, tolerance = 1.5): PredictionSum[] {
  const groups = new Map<string, FirstPrinciplesEntry[]>();
  for (const e of entries) groups.set(keyOf(e), [...(groups.get(keyOf(e)) ?? []), e]);
  return [...groups].map(([key, es]) => {
    const predictedMs = es.reduce((a, e) => a + e.time.predictedMs, 0);
    const measuredMs = es.every((e) => e.measuredMs !== null) ? es.reduce((a, e) => a + e.measuredMs!, 0) : null;
    const ratio = measuredMs === null ? null : measuredMs / predictedMs;
    const measured = es.filter((e) => e.ratio !== null);
    const nodesWithin = measured.filter((e) => withinTolerance(e.ratio!, tolerance)).length;
    return { key, nodes: es.length, predictedMs, measuredMs, ratio, within: ratio === null ? null : withinTolerance(ratio, tolerance), nodesWithin, nodesMeasured: measured.length };
  });
}
