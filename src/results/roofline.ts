// The roofline of one configuration: every node placed against the measured ceilings from its
// measured GPU time (the timing method's estimate), per-layer predicted vs measured with the
// likely reason for each miss, the share of layers predicted within the tolerance, and each
// layer's cache level; the first-principles roofline (roofline-first.ts) beside it.
import type { Graph } from '../graph/ir.js';
import { graphCosts, layerRoofline, nodeTimings, rooflineForGraph, type MissFlag, type NodeRooflineEntry, type NodeTiming, type RooflineCeilings } from '../analysis/roofline/index.js';
import { bottleneck, DEFAULT_CACHES, type CacheSizes } from '../analysis/seed.js';
import { kernelClass } from '../profiler/ceilings/kernel-class.js';
import { ceilingsForRoofline } from './ceilings.js';
import { applyFirstPrinciples } from './roofline-first.js';
import type { CeilingsResult, MissResult, RooflineDispatch, RooflineFitResult } from './roofline-types.js';
import type { ConfigResult, Environment, LayerResult } from './types.js';
import { timeMs } from './time-of.js';

/** The goal: a prediction within 1.5x either way counts as a hit. */
export const ROOFLINE_TOLERANCE = 1.5;

export interface RooflineContext {
  ceilings: RooflineCeilings;
  caches: CacheSizes;
  /** Workgroups the device runs at once at the least (cores of a CPU adapter); explains occupancy misses. */
  parallelUnits?: number;
  tolerance: number;
}

/** Cores stand in for parallel units on a CPU adapter; a GPU keeps the analysis' floor. */
function parallelUnits(env: Environment): number | undefined {
  if (!env.adapter.isFallbackAdapter) return undefined;
  return typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency || undefined;
}

export function rooflineContext(c: CeilingsResult | null, env: Environment): RooflineContext | null {
  if (!c) return null;
  return { ceilings: ceilingsForRoofline(c), caches: c.caches.used, parallelUnits: parallelUnits(env), tolerance: ROOFLINE_TOLERANCE };
}

export type { RooflineDispatch };

/** Node -> kernel class: the first of its dispatches whose kernel has a compute roof. */
export function nodeKernelClasses(dispatches: readonly RooflineDispatch[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of dispatches) {
    const cls = d.spec.key ? kernelClass(d.spec.key) : null;
    if (cls && !out.has(d.node.name)) out.set(d.node.name, cls);
  }
  return out;
}

const missResult = (f: MissFlag | null): MissResult | null => (f ? { direction: f.direction, ratio: f.ratio, reasons: [...f.reasons], detail: f.detail } : null);

interface Placed {
  entries: NodeRooflineEntry[];
  /** What the placement read: each node's time and dispatch facts. */
  timings: NodeTiming[];
}

function placeNodes(row: ConfigResult, g: Graph, dispatches: readonly RooflineDispatch[], ctx: RooflineContext): Placed {
  const nodeMs = new Map(row.nodes.map((n) => [n.name, timeMs(n)]));
  // Dispatch facts (workgroups, shared memory) only sharpen the miss reasons; the time is the node's.
  const facts = new Map(nodeTimings(dispatches, nodeMs).map((t) => [t.node, t]));
  const timings = row.nodes.map((n) => facts.get(n.name) ?? { node: n.name, measuredMs: nodeMs.get(n.name) ?? null });
  const opts = { parallelUnits: ctx.parallelUnits, tolerance: ctx.tolerance };
  const entries = rooflineForGraph(g, ctx.ceilings, timings, { ...opts, kernelClasses: nodeKernelClasses(dispatches) });
  const byNode = new Map(entries.map((e) => [e.node, e]));
  for (const n of row.nodes) {
    const e = byNode.get(n.name);
    n.roofline = e ? { ...e.roofline } : null;
    n.rooflineDetail = e ? { ...e.detail, miss: missResult(e.flag) } : null;
  }
  return { entries: entries.filter((e) => nodeMs.has(e.node)), timings };
}

function placeLayers(layers: LayerResult[], entries: NodeRooflineEntry[], tolerance: number): void {
  const byLayer = new Map(layerRoofline(entries, tolerance).map((l) => [l.layer, l]));
  for (const l of layers) {
    const r = byLayer.get(l.layer);
    const within = r?.ratio == null ? null : r.ratio <= tolerance && r.ratio >= 1 / tolerance;
    l.roofline = r ? { predictedMs: r.predictedMs, measuredMs: r.measuredMs, ratio: r.ratio, within, miss: missResult(r.flag) } : null;
  }
}

export function rooflineFit(row: Pick<ConfigResult, 'layers' | 'nodes'>, tolerance = ROOFLINE_TOLERANCE): RooflineFitResult | null {
  const layers = row.layers.filter((l) => l.roofline);
  if (!layers.length) return null;
  const measured = layers.filter((l) => l.roofline!.within !== null);
  const nodes = row.nodes.filter((n) => n.rooflineDetail?.ratio != null);
  const nodeWithin = nodes.filter((n) => n.rooflineDetail!.ratio! <= tolerance && n.rooflineDetail!.ratio! >= 1 / tolerance);
  const layersWithin = measured.filter((l) => l.roofline!.within).length;
  return {
    tolerance,
    nodesOnKernelRoof: row.nodes.filter((n) => n.rooflineDetail?.computeRoof.startsWith('kernel:')).length,
    firstPrinciples: null,
    layersWithin,
    layersMeasured: measured.length,
    fractionWithin: measured.length ? layersWithin / measured.length : null,
    nodesWithin: nodeWithin.length,
    nodesMeasured: nodes.length,
    predictedMs: layers.reduce((a, l) => a + l.roofline!.predictedMs, 0),
    measuredMs: measured.length === layers.length ? measured.reduce((a, l) => a + l.roofline!.measuredMs!, 0) : null,
  };
}

/**
 * Each layer's largest one-node working set, classified with the capacities in use (the
 * measured cliffs when found), beside the seed's own classification of its formula.
 */
export function applyCacheLevels(layers: LayerResult[], g: Graph, caches: CacheSizes = DEFAULT_CACHES): void {
  const ws = new Map<string, number>();
  for (const c of graphCosts(g)) ws.set(c.layer, Math.max(ws.get(c.layer) ?? 0, c.workingSetBytes));
  for (const l of layers) {
    const bytes = ws.get(l.layer);
    const seedLevel = l.seedWorkingSetBytes === null ? null : bottleneck(l.seedWorkingSetBytes, DEFAULT_CACHES);
    l.cache = bytes === undefined ? null : { workingSetBytes: bytes, level: bottleneck(bytes, caches), seedLevel };
  }
}

/** Fills the roofline fields of a configuration's row in place. */
export function applyRoofline(row: ConfigResult, g: Graph, dispatches: readonly RooflineDispatch[], ctx: RooflineContext | null): void {
  applyCacheLevels(row.layers, g, ctx?.caches);
  if (!ctx || row.status !== 'ok') return;
  const { entries, timings } = placeNodes(row, g, dispatches, ctx);
  placeLayers(row.layers, entries, ctx.tolerance);
  const firstPrinciples = applyFirstPrinciples(row, g, timings, dispatches, ctx.ceilings, ctx.tolerance);
  const fit = rooflineFit(row, ctx.tolerance);
  row.rooflineFit = fit && { ...fit, firstPrinciples };
}
