// Roofline entries for every node of a run, per-layer predicted vs measured, and a likely
// reason wherever the two differ by more than the tolerance. The reasons are heuristics
// ranked by how directly the numbers show them; the detail string carries the numbers.
import type { Graph } from '../../graph/ir.js';
import { nodeCost, type CostOptions } from './cost.js';
import type { RooflineCeilings } from './ceilings.js';
import { placeNode, type NodeRoofline, type RooflineDetail } from './placement.js';
import type { DispatchFacts, NodeTiming } from './timings.js';

export type MissReason = 'launch-overhead' | 'occupancy' | 'shared-memory' | 'below-roofline' | 'faster-than-roofline';

export interface MissFlag {
  direction: 'slower' | 'faster';
  /** measured / predicted. */
  ratio: number;
  reasons: MissReason[];
  detail: string;
}

export interface MissOptions extends CostOptions {
  /** A miss is measured/predicted beyond this factor either way (default 1.5). */
  tolerance?: number;
  /** Below this a kernel's time is mostly launch cost (default 0.05 ms). */
  launchMs?: number;
  /**
   * Workgroups the device runs at once at the least (CPU cores for a fallback adapter,
   * SMs/CUs on a GPU); fewer leaves units idle. Default 2, a floor any device exceeds.
   */
  parallelUnits?: number;
  /** Node -> kernel class (from the dispatch keys); a node whose class has a measured roof is bounded by it. */
  kernelClasses?: ReadonlyMap<string, string>;
}

export interface NodeRooflineEntry {
  index: number;
  node: string;
  op: string;
  layer: string;
  roofline: NodeRoofline;
  detail: RooflineDetail;
  flag: MissFlag | null;
}

const fmt = (ms: number) => `${ms < 0.1 ? (ms * 1e3).toFixed(1) + ' us' : ms.toFixed(3) + ' ms'}`;

function slowerReasons(r: NodeRoofline, facts: readonly DispatchFacts[], c: RooflineCeilings, o: Required<Pick<MissOptions, 'launchMs' | 'parallelUnits'>>): MissReason[] {
  const reasons: MissReason[] = [];
  // The fixed cost of the dispatches explains the miss when it covers half the excess or more.
  const overhead = (c.dispatchOverheadMs ?? 0) * Math.max(1, facts.length);
  const measured = r.measuredMs ?? 0;
  if (measured < o.launchMs || (overhead > 0 && overhead >= 0.5 * (measured - r.predictedMs))) reasons.push('launch-overhead');
  if (facts.some((f) => f.workgroups < o.parallelUnits)) reasons.push('occupancy');
  if (facts.some((f) => f.sharedMemory)) reasons.push('shared-memory');
  if (!reasons.length) reasons.push('below-roofline');
  return reasons;
}

function describe(reason: MissReason, r: NodeRoofline, facts: readonly DispatchFacts[], c: RooflineCeilings, o: Required<Pick<MissOptions, 'parallelUnits'>>): string {
  switch (reason) {
    case 'launch-overhead':
      return `tiny kernel: ${facts.length || 1} dispatch(es) at ${fmt(c.dispatchOverheadMs ?? 0)} fixed cost each vs ${fmt(r.predictedMs)} of roofline work`;
    case 'occupancy':
      return `${Math.min(...facts.map((f) => f.workgroups))} workgroups < ${o.parallelUnits} parallel units`;
    case 'shared-memory':
      return 'kernel uses workgroup shared memory and barriers';
    case 'below-roofline':
      return `reaches ${((r.predictedMs / r.measuredMs!) * 100).toFixed(0)} % of the ${r.bound} roofline: instruction overhead (index math, bounds checks) or access pattern`;
    case 'faster-than-roofline':
      return 'inputs likely still cached from the producing kernel, or the ceilings were measured under other load';
  }
}

export function missFlag(r: NodeRoofline, facts: readonly DispatchFacts[], c: RooflineCeilings, opts: MissOptions = {}): MissFlag | null {
  if (r.measuredMs === null) return null;
  const o = { tolerance: opts.tolerance ?? 1.5, launchMs: opts.launchMs ?? 0.05, parallelUnits: opts.parallelUnits ?? 2 };
  const ratio = r.measuredMs / r.predictedMs;
  if (ratio <= o.tolerance && ratio >= 1 / o.tolerance) return null;
  const direction = ratio > 1 ? 'slower' : 'faster';
  const reasons: MissReason[] = direction === 'slower' ? slowerReasons(r, facts, c, o) : ['faster-than-roofline'];
  const why = reasons.map((x) => describe(x, r, facts, c, o)).join('; ');
  return { direction, ratio, reasons, detail: `measured ${fmt(r.measuredMs)} vs predicted ${fmt(r.predictedMs)} (${ratio.toFixed(2)}x): ${why}` };
}

/** One entry per node of g, in order; nodes without a timing get predictions only. */
export function rooflineForGraph(g: Graph, c: RooflineCeilings, timings: readonly NodeTiming[] = [], opts: MissOptions = {}): NodeRooflineEntry[] {
  const byNode = new Map(timings.map((t) => [t.node, t]));
  return g.nodes.map((n, index) => {
    const t = byNode.get(n.name);
    const { roofline, detail } = placeNode(nodeCost(g, n, opts), c, t?.measuredMs ?? null, opts.kernelClasses?.get(n.name));
    const flag = missFlag(roofline, t?.dispatches ?? [], c, opts);
    return { index, node: n.name, op: n.op, layer: n.layer, roofline, detail, flag };
  });
}
