// The seed's what-if variants (src/analysis/whatif.ts) predicted and measured in one go: each
// measurable variant runs like a sweep configuration (timestamps, buffer tracker, CPU check)
// at the sweep's first batch, size and mode; the rest stay predictions with the reason.
import { jeongwonnet } from '../graph/jeongwonnet.js';
import { measurability, predictVariant, variantGraph, whatIfVariants, type VariantPrediction, type WhatIfVariant } from '../analysis/whatif.js';
import type { BufferTracker } from '../profiler/buffer-tracker.js';
import type { QuantumDetector } from '../profiler/quantum.js';
import type { DeviceHandle } from '../runtime/device.js';
import type { PipelineCache } from '../runtime/pipelines.js';
import { ReferenceCache, notChecked } from './check.js';
import type { ConfigKey, SweepPoint } from '../results/compose.js';
import { pointLabel } from '../results/labels.js';
import { runConfig, type ConfigContext } from './config-run.js';
import { builtinPoints, type BenchModel } from './model.js';
import { predictGraph } from '../results/predict.js';
import type { RooflineContext } from '../results/roofline.js';
import type { SweepProgress } from './progress.js';
import type { ConfigResult, SweepOptions, WhatIfClaimResult, WhatIfResult } from '../results/types.js';
import { deltaVsBaseline, whatIfClaims } from '../results/whatif-compare.js';

export interface WhatIfContext {
  handle: DeviceHandle;
  tracker: BufferTracker;
  opts: SweepOptions;
  /** The sweep's first point: the variants run at its batch and size. */
  at: SweepPoint;
  roofline: RooflineContext | null;
  pipelines?: PipelineCache;
  onProgress?(p: SweepProgress): void;
  quantum?: QuantumDetector;
}

/** The variant as a bench model: its deploy graph runs, its graph as built is the reference. */
export function variantModel(v: WhatIfVariant): BenchModel {
  return {
    name: `JeongWonNet_DWBlock_Swap (${v.label})`,
    points: builtinPoints,
    runnable: (at) => variantGraph({ ...v, config: { ...v.config, batch: at.batch, size: at.size ?? v.config.size } }),
    reference: (size) => jeongwonnet({ ...v.config, batch: 1, size }),
    predict: (_at, g) => predictGraph(g),
  };
}

/** Most activation bytes live at an encoder1 dispatch: logical bytes there minus the resident weights. */
function encoder1Activations(row: ConfigResult): number | null {
  const live = row.layers.find((l) => l.layer === 'encoder1')?.measuredLiveBytes ?? null;
  return live === null || !row.memory ? null : live - row.memory.weights.bytes;
}

function result(v: WhatIfVariant, p: VariantPrediction, row: ConfigResult | null, measurable: boolean, note: string | null, key: ConfigKey): WhatIfResult {
  const ran = row?.status === 'ok';
  const zero = { predictedPeakBytes: 0, predictedPeakFraction: 0, measuredPeakBytes: null, measuredPeakFraction: null, gpuTimeMs: null, gpuTimeFraction: null, predictedMs: null, predictedMsFraction: null };
  return {
    variant: v.id,
    label: v.label,
    status: row ? row.status : measurable ? 'error' : 'not-measurable',
    measurable,
    note,
    ...(row?.error ? { error: row.error } : {}),
    config: { batch: key.batch, size: key.size ?? 0, mode: key.mode },
    params: p.params,
    predictedPeakBytes: p.peakBytes,
    measuredPeakBytes: ran ? row.peakBytes.measuredPhysical : null,
    measuredLogicalPeakBytes: ran ? row.peakBytes.measuredLogical : null,
    predictedEncoder1ActivationBytes: p.encoder1ActivationBytes,
    measuredEncoder1ActivationBytes: ran ? encoder1Activations(row) : null,
    predictedMs: p.predictedMs,
    gpuTimeMs: ran ? row.gpuTimeMs : null,
    rooflineFit: row?.rooflineFit ?? null,
    check: row?.check ?? notChecked(note ?? 'not run'),
    deltaVsBaseline: zero,
  };
}

/**
 * The runtime's kernels are float32 only: a variant with other storage stays a prediction even
 * where the device has the feature it would need.
 */
export function variantMeasurability(v: WhatIfVariant, features: Iterable<string>): { measurable: boolean; note: string | null } {
  const m = measurability(v, features);
  if (!m.measurable || v.bytesPerElement === 4) return m;
  return { measurable: false, note: `not measurable here: the runtime has no ${v.bytesPerElement * 8}-bit kernels yet; predicted only` };
}

/** Runs every variant; a lost device leaves the remaining ones unmeasured (error rows). */
export async function runWhatIf(ctx: WhatIfContext): Promise<{ whatif: WhatIfResult[]; claims: WhatIfClaimResult[]; lost: string | null }> {
  const { opts } = ctx;
  if (ctx.at.size === null) throw new Error('the what-if variants need the built-in network at a square size');
  const key: ConfigKey = { ...ctx.at, mode: opts.modes[0], reps: opts.reps, warmup: opts.warmup };
  const defs = whatIfVariants({ batch: key.batch, size: ctx.at.size });
  const out: WhatIfResult[] = [];
  let lost: string | null = null;
  for (const [i, v] of defs.entries()) {
    const p = predictVariant(v, ctx.roofline?.ceilings);
    const m = variantMeasurability(v, ctx.handle.features);
    const progress: ConfigContext['progress'] = (x) =>
      ctx.onProgress?.({ config: i, configs: defs.length, batch: key.batch, size: key.size, label: pointLabel(key), mode: key.mode, variant: v.id, ...x, message: `what-if ${v.id}: ${x.message}` });
    let row: ConfigResult | null = null;
    if (m.measurable && !lost) {
      const model = variantModel(v);
      const cc: ConfigContext = { handle: ctx.handle, tracker: ctx.tracker, model, refs: new ReferenceCache(model.reference!), opts, progress, wantOverhead: false, pipelines: ctx.pipelines, roofline: ctx.roofline, quantum: ctx.quantum };
      const r = await runConfig(key, cc);
      row = r.row;
      lost = r.lost;
    }
    const note = m.note ?? (m.measurable && lost && !row ? `not run: the device was lost (${lost})` : null);
    out.push(result(v, p, row, m.measurable, note, key));
    progress({ phase: 'done', message: out[i].status });
  }
  for (const w of out) w.deltaVsBaseline = deltaVsBaseline(w, out[0]);
  return { whatif: out, claims: whatIfClaims(out), lost };
}
