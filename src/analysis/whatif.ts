// What-if variants of the network, built by the same builder, with their predicted peak
// memory (liveness on the graph that runs) and the seed's claims about them as data, so
// the same check applies to predictions now and to measurements later.
import { DEFAULT_CONFIG, jeongwonnet, type JeongWonNetConfig } from '../graph/jeongwonnet.js';
import { paramCount, weightBytes, type Graph } from '../graph/ir.js';
import { optimize } from '../passes/index.js';
import { computeLiveness } from './liveness.js';
import { graphCosts } from './roofline/cost.js';
import { predictMs } from './roofline/placement.js';
import { expectedKernelClass } from './roofline/kernel-guess.js';
import type { RooflineCeilings } from './roofline/ceilings.js';

export type VariantId = 'baseline' | 'early-downsampling' | 'c0-16' | 'kernel-5' | 'fp16';

export interface WhatIfVariant {
  id: VariantId;
  label: string;
  /** Builder overrides on top of the base configuration. */
  config: Partial<JeongWonNetConfig>;
  /** Bytes per element the prediction assumes (fp16: 2; the graph itself stays float32). */
  bytesPerElement: number;
  /** Device feature a measurement needs, if any. */
  requiresFeature: string | null;
}

export function whatIfVariants(base: Partial<JeongWonNetConfig> = {}): WhatIfVariant[] {
  const cList = base.cList ?? DEFAULT_CONFIG.cList;
  const v = (id: VariantId, label: string, config: Partial<JeongWonNetConfig>, bytesPerElement = 4, requiresFeature: string | null = null): WhatIfVariant => ({
    id,
    label,
    config: { ...base, ...config },
    bytesPerElement,
    requiresFeature,
  });
  return [
    v('baseline', 'baseline', {}),
    v('early-downsampling', 'early downsampling (3x3 stride-2 stem)', { stem: true }),
    v('c0-16', 'c_list[0] = 16', { cList: [16, ...cList.slice(1)] }),
    v('kernel-5', 'kernel size 5', { kernelSize: 5 }),
    v('fp16', 'fp16 activations and weights (predicted)', {}, 2, 'shader-f16'),
  ];
}

/** The deploy graph after the pass pipeline: what the runtime executes. */
export function variantGraph(v: WhatIfVariant): Graph {
  return optimize(jeongwonnet(v.config));
}

/** fp16 needs 'shader-f16' (and f16 kernels); elsewhere it stays a prediction. */
export function measurability(v: WhatIfVariant, features: Iterable<string>): { measurable: boolean; note: string | null } {
  if (!v.requiresFeature || new Set(features).has(v.requiresFeature)) return { measurable: true, note: null };
  return { measurable: false, note: `not measurable on this adapter (no '${v.requiresFeature}'); predicted only` };
}

export interface VariantPrediction {
  id: VariantId;
  label: string;
  params: number;
  /** All prediction bytes use the variant's bytesPerElement. */
  weightBytes: number;
  peakBytes: number;
  peakActivationBytes: number;
  peakNode: string;
  peakLayer: string;
  /** Most activation bytes live at any encoder1 node (the "early-layer memory"). */
  encoder1ActivationBytes: number;
  inputShape: number[];
  outputShape: number[];
  /** Sum of per-node roofline times; null without ceilings. */
  predictedMs: number | null;
}

export function predictVariant(v: WhatIfVariant, ceilings?: RooflineCeilings): VariantPrediction {
  const g = variantGraph(v);
  const live = computeLiveness(g);
  const scale = v.bytesPerElement / 4;
  const enc1 = Math.max(0, ...live.perNode.filter((n) => n.layer === 'encoder1').map((n) => n.activationBytes));
  const costs = graphCosts(g, { bytesPerElement: v.bytesPerElement });
  return {
    id: v.id,
    label: v.label,
    params: paramCount(g),
    weightBytes: weightBytes(g) * scale,
    peakBytes: live.peakBytes * scale,
    peakActivationBytes: live.peakActivationBytes * scale,
    peakNode: live.peakNode,
    peakLayer: live.peakLayer,
    encoder1ActivationBytes: enc1 * scale,
    inputShape: [...g.tensors.get(g.inputs[0])!.shape],
    outputShape: [...g.tensors.get(g.outputs[0])!.shape],
    predictedMs: ceilings ? costs.reduce((a, c, i) => a + predictMs(c, ceilings, expectedKernelClass(g.nodes[i], g)), 0) : null,
  };
}

// The seed's claims, as checkable data.

export type ClaimMetric = 'peakBytes' | 'encoder1ActivationBytes';

export type ClaimExpectation =
  | { kind: 'reduction'; fraction: number; tolerance: number }
  | { kind: 'decrease' }
  | { kind: 'unchanged'; tolerance: number };

export interface SeedClaim {
  id: string;
  variant: VariantId;
  text: string;
  metric: ClaimMetric;
  expect: ClaimExpectation;
}

export const SEED_WHATIF_CLAIMS: readonly SeedClaim[] = [
  { id: 'early-downsampling-75', variant: 'early-downsampling', text: 'early downsampling: working set 75% smaller', metric: 'peakBytes', expect: { kind: 'reduction', fraction: 0.75, tolerance: 0.05 } },
  { id: 'c0-16-early-memory', variant: 'c0-16', text: 'c_list[0]=16 reduces early-layer memory', metric: 'encoder1ActivationBytes', expect: { kind: 'decrease' } },
  { id: 'kernel-size-little-effect', variant: 'kernel-5', text: 'kernel size has little effect (deploy)', metric: 'peakBytes', expect: { kind: 'unchanged', tolerance: 0.05 } },
  { id: 'fp16-halves', variant: 'fp16', text: 'fp16 halves memory', metric: 'peakBytes', expect: { kind: 'reduction', fraction: 0.5, tolerance: 0.05 } },
];

export interface ClaimCheck {
  claim: string;
  text: string;
  metric: ClaimMetric;
  source: 'predicted' | 'measured';
  baseline: number;
  variant: number;
  /** 1 - variant / baseline (negative: the variant needs more). */
  reduction: number;
  holds: boolean;
  detail: string;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function holds(e: ClaimExpectation, reduction: number): boolean {
  if (e.kind === 'reduction') return Math.abs(reduction - e.fraction) <= e.tolerance;
  if (e.kind === 'decrease') return reduction > 0;
  return Math.abs(reduction) <= e.tolerance;
}

function expectation(e: ClaimExpectation): string {
  if (e.kind === 'reduction') return `${pct(e.fraction)} ± ${pct(e.tolerance)} smaller`;
  if (e.kind === 'decrease') return 'smaller';
  return `within ± ${pct(e.tolerance)}`;
}

export function checkClaim(claim: SeedClaim, baseline: number, variant: number, source: ClaimCheck['source']): ClaimCheck {
  const reduction = baseline > 0 ? 1 - variant / baseline : 0;
  const ok = holds(claim.expect, reduction);
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(2)} MiB`;
  return {
    claim: claim.id,
    text: claim.text,
    metric: claim.metric,
    source,
    baseline,
    variant,
    reduction,
    holds: ok,
    detail: `${source} ${claim.metric}: ${mib(baseline)} -> ${mib(variant)} (${pct(reduction)} smaller; claim: ${expectation(claim.expect)}) ${ok ? 'holds' : 'does not hold'}`,
  };
}

export interface WhatIfReport {
  variants: (VariantPrediction & { measurable: boolean; note: string | null })[];
  claims: ClaimCheck[];
}

/** Every variant predicted, and every claim checked against the predictions. */
export function whatIf(opts: { base?: Partial<JeongWonNetConfig>; ceilings?: RooflineCeilings; features?: Iterable<string> } = {}): WhatIfReport {
  const features = [...(opts.features ?? [])];
  const defs = whatIfVariants(opts.base);
  const variants = defs.map((v) => ({ ...predictVariant(v, opts.ceilings), ...measurability(v, features) }));
  const byId = new Map(variants.map((v) => [v.id, v]));
  const base = byId.get('baseline')!;
  const claims = SEED_WHATIF_CLAIMS.map((c) => checkClaim(c, base[c.metric], byId.get(c.variant)![c.metric], 'predicted'));
  return { variants, claims };
}
