// The variant table (node, kernel, chosen variant and why, every candidate's node-alone time,
// % of the FMA roof and of the bandwidth) and the tuning summary line. The roofline's points are
// the variants in this table: the run used them.
import type { ConfigResult, NodeVariantResult, Results, TuningResult } from '../results/types.js';
import { ms } from './format.js';
import { table } from './tables.js';

export const VARIANT_HEADERS = ['node', 'kernel', 'chosen', 'from', 'candidates (node alone, ms)', 'GPU ms', '% FMA roof', '% bandwidth'];

const pct = (v: number | null): string => (v === null ? '-' : `${v.toFixed(v >= 10 ? 0 : 1)}%`);

export function candidatesText(v: NodeVariantResult): string {
  if (!v.candidates.length) return '-';
  return v.candidates.map((c) => `${c.name}${c.name === v.chosen ? '*' : ''} ${c.error ? `failed (${c.error})` : c.ms === null ? '-' : ms(c.ms)}`).join(', ');
}

/** Nodes whose kernel offers variants, in graph order. */
export function variantRows(c: ConfigResult): string[][] {
  return c.nodes
    .filter((n) => n.variant?.chosen)
    .map((n) => {
      const v = n.variant!;
      const time = n.gpuTime?.ms ?? n.gpuTimeMs?.median ?? null;
      return [n.name, v.kernel, v.chosen!, v.note ? `${v.source} (${v.note})` : v.source, candidatesText(v), ms(time), pct(v.percentOfFmaRoof), pct(v.percentOfBandwidth)];
    });
}

export function variantTable(c: ConfigResult): string {
  const rows = variantRows(c);
  return rows.length ? table(VARIANT_HEADERS, rows, 5) : '';
}

export function tuningText(t: TuningResult | null | undefined): string | null {
  if (!t) return null;
  const pins = Object.entries(t.pins).map(([k, v]) => `${k}=${v}`);
  const parts = [
    `tuning ${t.mode}: ${(t.spentMs / 1000).toFixed(1)} s of ${(t.budgetMs / 1000).toFixed(0)} s`,
    `${t.tuned} tuned (${t.runsPerCandidate} runs per candidate), ${t.shared} shared, ${t.cacheHits} cache hits`,
  ];
  if (t.pinned || pins.length) parts.push(`${t.pinned} pinned (${pins.join(', ')})`);
  if (t.failedCandidates) parts.push(`${t.failedCandidates} candidates failed`);
  if (t.overBudget) parts.push(`${t.overBudget} nodes kept defaults (budget spent)`);
  return parts.join('; ');
}

export function variantsHtml(c: ConfigResult, r: Results): string {
  const t = variantTable(c);
  if (!t) return '';
  const summary = tuningText(r.tuning);
  return `<h3>Kernel variants</h3>${summary ? `<p class="muted">${summary}. * marks the variant that ran; candidate times are each candidate running the node alone.</p>` : ''}${t}`;
}
