// A device-ceiling measurement (src/profiler/ceilings) -> the results document's `ceilings`:
// the curves, the cliffs they show, the cache capacities those imply, and the stability of
// each ceiling. Also the way back, to the roofline math's view of the same numbers.
import { cachesFromCliffs, detectCliffs, rooflineCeilings, type BandwidthSample, type Cliff, type RooflineCeilings } from '../analysis/roofline/index.js';
import { DEFAULT_CACHES } from '../analysis/seed.js';
import type { BandwidthCurve, DeviceCeilings } from '../profiler/ceilings/types.js';
import type { CeilingsMode, CeilingsPreset, CeilingsResult, CliffResult, CurveResult, StreamKind } from './roofline-types.js';

/** Predictions use the copy curve: a kernel reads its inputs and writes its output, as the copy kernel does. */
export const BANDWIDTH_CURVE: StreamKind = 'copy';
const KINDS: readonly StreamKind[] = ['read', 'write', 'copy'];

export interface CeilingsSource {
  mode: CeilingsMode;
  preset: CeilingsPreset | 'custom';
  fromCache: boolean;
  cacheKey: string | null;
  /** Time this run spent obtaining the ceilings. */
  stepMs: number;
}

function curveResult(c: BandwidthCurve): CurveResult {
  const points = c.points.map(({ bytes, gbps, spread, minGbps, maxGbps, repeats }) => ({ bytes, gbps, spread, minGbps, maxGbps, repeats }));
  return { points, peakGbps: c.peakGbps, spread: c.spread, maxSpread: c.maxSpread };
}

function cliffResult(c: Cliff, curve: StreamKind): CliffResult {
  const { bytes, evidence, beforeGbps, afterGbps, ratio, lastHighBytes, firstLowBytes } = c;
  return { bytes, evidence: `${curve} curve: ${evidence}`, curve, beforeGbps, afterGbps, ratio, lastHighBytes, firstLowBytes };
}

function measuredKinds(m: DeviceCeilings): StreamKind[] {
  return KINDS.filter((k) => m.bandwidth[k]?.points.length);
}

/** The mixed curve when measured, else whichever curve exists. */
function chosenCurve(m: DeviceCeilings): StreamKind {
  const kinds = measuredKinds(m);
  if (!kinds.length) throw new Error('the ceilings hold no bandwidth curve');
  return kinds.includes(BANDWIDTH_CURVE) ? BANDWIDTH_CURVE : kinds[0];
}

export function ceilingsResult(m: DeviceCeilings, source: CeilingsSource): CeilingsResult {
  const kinds = measuredKinds(m);
  const curve = chosenCurve(m);
  const curves = Object.fromEntries(kinds.map((k) => [k, curveResult(m.bandwidth[k]!)]));
  const cliffsByCurve = Object.fromEntries(kinds.map((k) => [k, detectCliffs(m.bandwidth[k]!.points).map((c) => cliffResult(c, k))]));
  const cliffs: CliffResult[] = cliffsByCurve[curve];
  const detected = cachesFromCliffs(cliffs);
  const chosen = m.bandwidth[curve]!;
  return {
    bandwidth: chosen.points.map((p) => ({ bytes: p.bytes, gbps: p.gbps })),
    cliffs,
    fmaGflops: m.fmaF32.gflops,
    spread: {
      bandwidth: chosen.spread,
      bandwidthMax: chosen.maxSpread,
      fmaGflops: m.fmaF32.spread,
      dispatchOverhead: m.dispatchOverhead.spread,
      launch: m.launch.spread,
      curves: Object.fromEntries(kinds.map((k) => [k, m.bandwidth[k]!.spread])),
    },
    bandwidthCurve: curve,
    curves,
    cliffsByCurve,
    fmaF16Gflops: m.fmaF16?.gflops ?? null,
    fmaF16Note: m.fmaF16Note,
    dispatchOverheadUs: m.dispatchOverhead.us,
    launchUs: m.launch.us,
    kernelRoofs: (m.kernelRoofs ?? []).map(({ kernelClass, kernel, variant, gflops, spread, calibration }) => ({ kernelClass, kernel, variant: { ...variant }, gflops, spread, calibration: { ...calibration } })),
    caches: { used: detected.caches, source: detected.source, note: detected.note, seed: { ...DEFAULT_CACHES } },
    source: {
      ...source,
      measuredAt: m.measuredAt,
      measurementMs: m.durationMs,
      timing: m.timing,
      maxBytes: m.maxBytes,
      options: { ...m.options },
    },
  };
}

/** The roofline math's view: separate read and write curves when both were measured. */
export function ceilingsForRoofline(c: CeilingsResult): RooflineCeilings {
  // A document trimmed to the required fields still has the chosen curve in `bandwidth`.
  const curve = (k: StreamKind): { points: readonly BandwidthSample[] } | undefined => c.curves?.[k] ?? (k === c.bandwidthCurve ? { points: c.bandwidth } : undefined);
  const bandwidth = { read: curve('read'), write: curve('write'), copy: curve('copy') };
  return rooflineCeilings({ bandwidth, fmaF32: { gflops: c.fmaGflops }, dispatchOverhead: { us: c.dispatchOverheadUs }, ...(c.launchUs == null ? {} : { launch: { us: c.launchUs } }), kernelRoofs: c.kernelRoofs ?? [] }, c.bandwidthCurve);
}
