// The first-principles roofline of one configuration, beside the calibrated one: every node's
// time from the bandwidth curves, the FMA peak and the measured launch cost alone, summed per
// layer and per kernel class, so the document says how far each class is from the device.
import type { Graph } from '../graph/ir.js';
import { firstPrinciplesForGraph, sumByGroup, withinTolerance, type FirstPrinciplesBound, type FirstPrinciplesEntry, type NodeTiming, type PredictionSum, type RooflineCeilings } from '../analysis/roofline/index.js';
import { kernelClass } from '../profiler/ceilings/kernel-class.js';
import type { ClassFitResult, FirstPrinciplesFitResult, LayerFirstPrinciplesResult, RooflineDispatch } from './roofline-types.js';
import type { ConfigResult } from './types.js';

export const FIRST_PRINCIPLES_FORMULA = 'max(bytes / bandwidth(working set), flops / FMA peak) + dispatches * launch cost';

/** Node -> the class its first dispatch names: the compute-roof class where there is one, else the kernel. */
export function nodeClassNames(dispatches: readonly RooflineDispatch[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of dispatches) {
    const key = d.spec.key;
    if (!key || out.has(d.node.name)) continue;
    out.set(d.node.name, kernelClass(key) ?? key.kernel);
  }
  return out;
}

/** The term behind most of the group's predicted time. */
function dominantBound(es: readonly FirstPrinciplesEntry[]): FirstPrinciplesBound {
  const ms = new Map<FirstPrinciplesBound, number>();
  for (const e of es) ms.set(e.time.bound, (ms.get(e.time.bound) ?? 0) + e.time.predictedMs);
  return [...ms].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'memory';
}

function classFits(entries: readonly FirstPrinciplesEntry[], classOf: (e: FirstPrinciplesEntry) => string, tolerance: number): ClassFitResult[] {
  const sums = sumByGroup(entries, classOf, tolerance);
  const distance = (r: number | null) => (r === null ? -1 : Math.max(r, 1 / r));
  return sums
    .map((s) => ({
      kernelClass: s.key,
      nodes: s.nodes,
      nodesWithin: s.nodesWithin,
      nodesMeasured: s.nodesMeasured,
      predictedMs: s.predictedMs,
      measuredMs: s.measuredMs,
      ratio: s.ratio,
      bound: dominantBound(entries.filter((e) => classOf(e) === s.key)),
    }))
    .sort((a, b) => distance(b.ratio) - distance(a.ratio));
}

const layerResult = (s: PredictionSum): LayerFirstPrinciplesResult => ({ predictedMs: s.predictedMs, measuredMs: s.measuredMs, ratio: s.ratio, within: s.within });

/**
 * Fills nodes[].firstPrinciples and layers[].firstPrinciples of the row in place and returns
 * the fit over the measured nodes (those with a time in the row).
 */
export function applyFirstPrinciples(row: ConfigResult, g: Graph, timings: readonly NodeTiming[], dispatches: readonly RooflineDispatch[], c: RooflineCeilings, tolerance: number): FirstPrinciplesFitResult {
  const classes = nodeClassNames(dispatches);
  const classOf = (e: FirstPrinciplesEntry) => classes.get(e.node) ?? e.op;
  const inRow = new Set(row.nodes.map((n) => n.name));
  const entries = firstPrinciplesForGraph(g, c, timings).filter((e) => inRow.has(e.node));
  const byNode = new Map(entries.map((e) => [e.node, e]));
  for (const n of row.nodes) {
    const e = byNode.get(n.name);
    n.firstPrinciples = e ? { ...e.time, kernelClass: classOf(e), measuredMs: e.measuredMs, ratio: e.ratio, within: e.ratio === null ? null : withinTolerance(e.ratio, tolerance) } : null;
  }
  const layers = sumByGroup(entries, (e) => e.layer, tolerance);
  const byLayer = new Map(layers.map((l) => [l.key, l]));
  for (const l of row.layers) {
    const s = byLayer.get(l.layer);
    l.firstPrinciples = s ? layerResult(s) : null;
  }
  const measured = layers.filter((l) => l.ratio !== null);
  const layersWithin = measured.filter((l) => l.within).length;
  const nodes = entries.filter((e) => e.ratio !== null);
  return {
    formula: FIRST_PRINCIPLES_FORMULA,
    peakGflops: c.peakGflops,
    launchUs: c.launchMs === undefined ? null : c.launchMs * 1e3,
    layersWithin,
    layersMeasured: measured.length,
    fractionWithin: measured.length ? layersWithin / measured.length : null,
    nodesWithin: nodes.filter((e) => withinTolerance(e.ratio!, tolerance)).length,
    nodesMeasured: nodes.length,
    predictedMs: entries.reduce((a, e) => a + e.time.predictedMs, 0),
    measuredMs: measured.length === layers.length && layers.length ? measured.reduce((a, l) => a + l.measuredMs!, 0) : null,
    byClass: classFits(entries, classOf, tolerance),
  };
}
