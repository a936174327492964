// Per-layer sums of predicted and measured time, flagged like nodes; a layer's reason is
// the one behind most of its nodes' excess time.
import type { MissFlag, MissReason, NodeRooflineEntry } from './misses.js';

export interface LayerRoofline {
  layer: string;
  nodes: number;
  predictedMs: number;
  /** null unless every node of the layer was measured. */
  measuredMs: number | null;
  ratio: number | null;
  flag: MissFlag | null;
}

function excessMs(e: NodeRooflineEntry): number {
  return Math.abs((e.roofline.measuredMs ?? 0) - e.roofline.predictedMs);
}

function layerFlag(entries: NodeRooflineEntry[], predicted: number, measured: number, tolerance: number): MissFlag | null {
  const ratio = measured / predicted;
  if (ratio <= tolerance && ratio >= 1 / tolerance) return null;
  const direction = ratio > 1 ? 'slower' : 'faster';
  const flagged = entries.filter((e) => e.flag?.direction === direction).sort((a, b) => excessMs(b) - excessMs(a));
  const weight = new Map<MissReason, number>();
  for (const e of flagged) for (const r of e.flag!.reasons) weight.set(r, (weight.get(r) ?? 0) + excessMs(e));
  const reasons = [...weight].sort((a, b) => b[1] - a[1]).map(([r]) => r);
  if (!reasons.length) reasons.push(direction === 'slower' ? 'below-roofline' : 'faster-than-roofline');
  const top = flagged
    .slice(0, 3)
    .map((e) => `${e.node} ${e.roofline.measuredMs!.toFixed(3)} vs ${e.roofline.predictedMs.toFixed(3)} ms (${e.flag!.reasons.join(', ')})`)
    .join('; ');
  return { direction, ratio, reasons, detail: `layer measured ${measured.toFixed(3)} ms vs predicted ${predicted.toFixed(3)} ms (${ratio.toFixed(2)}x)${top ? `; largest: ${top}` : ''}` };
}

export function layerRoofline(entries: readonly NodeRooflineEntry[], tolerance = 1.5): LayerRoofline[] {
  const groups = new Map<string, NodeRooflineEntry[]>();
  for (const e of entries) groups.set(e.layer, [...(groups.get(e.layer) ?? []), e]);
  return [...groups].map(([layer, es]) => {
    const predictedMs = es.reduce((a, e) => a + e.roofline.predictedMs, 0);
    const all = es.every((e) => e.roofline.measuredMs !== null);
    const measuredMs = all ? es.reduce((a, e) => a + e.roofline.measuredMs!, 0) : null;
    const ratio = measuredMs === null ? null : measuredMs / predictedMs;
    const flag = measuredMs === null ? null : layerFlag(es, predictedMs, measuredMs, tolerance);
    return { layer, nodes: es.length, predictedMs, measuredMs, ratio, flag };
  });
}
