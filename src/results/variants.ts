// Per node: the kernel and variant that ran it (as the engine recorded them), the tuner's
// candidates and where the choice came from, and the share of the device's roofs the run
// reached (the node's achieved GFLOP/s and GB/s from its roofline placement).
import type { NodeChoice, TuningStats } from '../profiler/tuning/index.js';
import type { ConfigResult, NodeResult, NodeVariantResult, TuningResult } from './types.js';

/** What the engine ran at one node: its first dispatch's kernel and variant. */
export interface RanVariant {
  node: string;
  kernel: string;
  variant?: string;
}

const percent = (x: number | null | undefined, roof: number | null | undefined): number | null => (x != null && roof ? (100 * x) / roof : null);

function variantOf(n: NodeResult, ran: RanVariant, choice: NodeChoice | undefined, fmaGflops: number | null): NodeVariantResult {
  const chosen = ran.variant ?? null;
  // A choice for another variant than the one that ran cannot describe this run.
  const agrees = choice && choice.variant === chosen;
  return {
    kernel: ran.kernel,
    chosen,
    source: agrees ? choice.source : 'default',
    candidates: agrees ? choice.candidates : [],
    ...(agrees && choice.note ? { note: choice.note } : {}),
    percentOfFmaRoof: percent(n.roofline?.achievedGflops, fmaGflops),
    percentOfBandwidth: percent(n.roofline?.achievedGbps, n.rooflineDetail?.bandwidthGbps),
  };
}

/** Fills every node's variant field in place (after the roofline, whose numbers it reads). */
export function applyVariants(row: ConfigResult, ran: readonly RanVariant[], choices: ReadonlyMap<string, NodeChoice> | null, fmaGflops: number | null): void {
  const first = new Map<string, RanVariant>();
  for (const r of ran) if (!first.has(r.node)) first.set(r.node, r);
  for (const n of row.nodes) {
    const r = first.get(n.name);
    n.variant = r ? variantOf(n, r, choices?.get(n.name), fmaGflops) : null;
  }
}

export function tuningResult(stats: TuningStats, runsPerCandidate: number, pins: Record<string, string>): TuningResult {
  return { ...stats, runsPerCandidate, pins: { ...pins } };
}
