// Cache cliffs in a measured bandwidth curve: sizes where sustained bandwidth falls from
// one plateau to a lower one. Each cliff implies an effective cache capacity, which replaces
// the seed's fixed 1 MiB / 8 MiB in the cache-level classification when the curve shows it.
//
// Method: a running median (removes spikes up to two points wide), then runs of consecutive
// points within `tolerance` of their run's median; runs of at least `minPlateauPoints`
// are plateaus. Two neighbouring plateaus whose levels (medians) fall by more than
// `dropRatio` make a cliff; its capacity is where the smoothed curve crosses the geometric
// mid-level between them, interpolated in log(bytes). A rising stretch (small sizes bound
// by launch cost) never makes a cliff, because only falls count.
import { median } from '../../util/stats.js';
import { DEFAULT_CACHES, type CacheSizes } from '../seed.js';
import type { BandwidthSample } from './ceilings.js';

export interface CliffOptions {
  /** after/before level below this is a cliff (default 0.75). */
  dropRatio?: number;
  /** Points a plateau needs on each side (default 3, 1.5 octaves at 2 points per octave). */
  minPlateauPoints?: number;
  /** Relative deviation from the run's median a point may have and stay in the run (default 0.2). */
  tolerance?: number;
  /** Points in the running median (default 5: rides out two adjacent outliers under load). */
  smoothWindow?: number;
}

export interface Cliff {
  /** Effective capacity: where bandwidth is half-way (geometrically) between the plateaus. */
  bytes: number;
  beforeGbps: number;
  afterGbps: number;
  ratio: number;
  /** Largest size on the high plateau and smallest on the low one: bounds on the capacity. */
  lastHighBytes: number;
  firstLowBytes: number;
  evidence: string;
}

interface Plateau {
  start: number;
  end: number;
  level: number;
}

/** Running median, the window clipped at the ends; it keeps step edges where a mean blurs them. */
function smooth(v: readonly number[], window: number): number[] {
  const half = Math.floor(window / 2);
  return v.map((_, i) => median(v.slice(Math.max(0, i - half), i + half + 1)));
}

function plateaus(smoothed: readonly number[], raw: readonly number[], tolerance: number, minPoints: number): Plateau[] {
  const out: Plateau[] = [];
  let start = 0;
  const close = (end: number) => {
    if (end - start + 1 >= minPoints) out.push({ start, end, level: median(raw.slice(start, end + 1)) });
  };
  for (let i = 1; i < smoothed.length; i++) {
    const level = median(smoothed.slice(start, i));
    if (Math.abs(smoothed[i] - level) > tolerance * level) {
      close(i - 1);
      start = i;
    }
  }
  close(smoothed.length - 1);
  return out;
}

/** Size at which the smoothed curve first drops below `level` after index `from`. */
function crossing(bytes: readonly number[], v: readonly number[], from: number, to: number, level: number): number {
  for (let j = from + 1; j <= to; j++) {
    if (v[j] >= level) continue;
    // The plateau's last point may itself sit a little under the mid-level (within tolerance).
    const t = Math.max(0, Math.min(1, (v[j - 1] - level) / (v[j - 1] - v[j])));
    return 2 ** (Math.log2(bytes[j - 1]) + t * (Math.log2(bytes[j]) - Math.log2(bytes[j - 1])));
  }
  return bytes[to];
}

const size = (b: number) => (b >= 1 << 20 ? `${(b / (1 << 20)).toFixed(2)} MiB` : `${(b / 1024).toFixed(1)} KiB`);

export function detectCliffs(curve: readonly BandwidthSample[], opts: CliffOptions = {}): Cliff[] {
  const dropRatio = opts.dropRatio ?? 0.75;
  const sorted = [...curve].filter((p) => p.gbps > 0 && Number.isFinite(p.gbps)).sort((a, b) => a.bytes - b.bytes);
  const bytes = sorted.map((p) => p.bytes);
  const raw = sorted.map((p) => p.gbps);
  const v = smooth(raw, opts.smoothWindow ?? 5);
  const ps = plateaus(v, raw, opts.tolerance ?? 0.2, opts.minPlateauPoints ?? 3);
  const cliffs: Cliff[] = [];
  for (let k = 1; k < ps.length; k++) {
    const [a, b] = [ps[k - 1], ps[k]];
    const ratio = b.level / a.level;
    if (ratio >= dropRatio) continue;
    const mid = Math.sqrt(a.level * b.level);
    const at = crossing(bytes, v, a.end, b.start, mid);
    const evidence =
      `bandwidth falls from ${a.level.toFixed(2)} GB/s (median of ${a.end - a.start + 1} points, ${size(bytes[a.start])}-${size(bytes[a.end])}) ` +
      `to ${b.level.toFixed(2)} GB/s (median of ${b.end - b.start + 1} points, ${size(bytes[b.start])}-${size(bytes[b.end])}), ` +
      `ratio ${ratio.toFixed(3)} < ${dropRatio}; mid-level ${mid.toFixed(2)} GB/s crossed at ${size(at)}`;
    cliffs.push({ bytes: Math.round(at), beforeGbps: a.level, afterGbps: b.level, ratio, lastHighBytes: bytes[a.end], firstLowBytes: bytes[b.start], evidence });
  }
  return cliffs;
}

export interface DetectedCaches {
  caches: CacheSizes;
  source: 'detected' | 'seed';
  note: string;
}

/**
 * Cache sizes for the seed's L2 / L3 / DRAM classification. The two largest cliffs become
 * l2 and l3 (the levels are effective ones: beyond l3 is the slowest memory the curve
 * reached, whatever the hardware calls it); one cliff sets both (no middle level seen);
 * none keeps the fallback (the seed's 1 MiB / 8 MiB by default).
 */
export function cachesFromCliffs(cliffs: readonly Cliff[], fallback: CacheSizes = DEFAULT_CACHES): DetectedCaches {
  const sizes = cliffs.map((c) => c.bytes).sort((a, b) => a - b);
  if (!sizes.length) return { caches: { ...fallback }, source: 'seed', note: `no cliff in the bandwidth curve; fixed sizes kept (L2 ${size(fallback.l2)}, L3 ${size(fallback.l3)})` };
  const l3 = sizes[sizes.length - 1];
  const l2 = sizes.length > 1 ? sizes[sizes.length - 2] : l3;
  const note =
    sizes.length > 1
      ? `cliffs at ${sizes.map(size).join(', ')}: L2 ${size(l2)}, L3 ${size(l3)}`
      : `one cliff at ${size(l3)}: used for both L2 and L3 (no intermediate level measured)`;
  return { caches: { l2, l3 }, source: 'detected', note };
}
