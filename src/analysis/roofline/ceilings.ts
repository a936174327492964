// The device ceilings as the roofline math sees them: a bandwidth-vs-working-set curve and
// a peak FLOP rate. Declared here as plain shapes (the measuring side produces them; the
// two meet in the results layer), so nothing here depends on how they were measured.

export interface BandwidthSample {
  /** Working set of the measuring dispatch, bytes. */
  bytes: number;
  gbps: number;
}

export interface RooflineCeilings {
  /** Sustained bandwidth vs working set for mixed traffic (the copy curve); at least one sample. */
  bandwidth: readonly BandwidthSample[];
  /**
   * Separate read and write curves, when measured: a node's memory time is then its read bytes
   * at the read curve plus its write bytes at the write curve (writes past a cache level cost
   * more than reads there, so one mixed curve misjudges read-heavy nodes such as pools).
   */
  readBandwidth?: readonly BandwidthSample[];
  writeBandwidth?: readonly BandwidthSample[];
  /** The pure-register FMA throughput: the compute roof of any node without a kernel roof. */
  peakGflops: number;
  /**
   * Measured compute roofs per kernel class (GFLOP/s), when calibrated: what a real conv kernel
   * reaches with its loads and index arithmetic, on data resident in cache.
   */
  kernelRoofs?: Readonly<Record<string, number>>;
  /** Fixed cost of one dispatch, when measured; used to explain misses on tiny kernels. */
  dispatchOverheadMs?: number;
  /**
   * Fixed cost of one dispatch timed alone in its pass, as every node's dispatches are timed,
   * when measured: the first-principles model adds it once per dispatch.
   */
  launchMs?: number;
}

/** Which compute roof bounds a node: 'fma', or 'kernel:<class>' when its class was calibrated. */
export type ComputeRoofLabel = 'fma' | `kernel:${string}`;

export interface ComputeRoof {
  label: ComputeRoofLabel;
  gflops: number;
}

/** The kernel class's measured roof when there is a usable one, else the FMA peak. */
export function computeRoof(c: RooflineCeilings, kernelClass?: string | null): ComputeRoof {
  const g = kernelClass ? c.kernelRoofs?.[kernelClass] : undefined;
  if (g !== undefined && Number.isFinite(g) && g > 0) return { label: `kernel:${kernelClass!}`, gflops: g };
  return { label: 'fma', gflops: c.peakGflops };
}

/** The same ceilings with the FMA peak as every node's compute roof, for comparison. */
export function withoutKernelRoofs(c: RooflineCeilings): RooflineCeilings {
  const { kernelRoofs: _k, ...rest } = c;
  return rest;
}

/** The subset of a device-ceiling measurement this module reads (structurally typed). */
export interface MeasuredCeilingsLike {
  bandwidth: Partial<Record<'read' | 'write' | 'copy', { points: readonly BandwidthSample[] }>>;
  fmaF32: { gflops: number };
  dispatchOverhead?: { us: number };
  launch?: { us: number };
  kernelRoofs?: readonly { kernelClass: string; gflops: number }[];
}

const samples = (c?: { points: readonly BandwidthSample[] }) => c?.points.map((p) => ({ bytes: p.bytes, gbps: p.gbps }));

/**
 * The mixed curve is the copy curve by default (a node reads its inputs and writes its output,
 * as the copy kernel does, and both count in its bytes); read and write curves come along when
 * measured, unless `split` is false.
 */
export function rooflineCeilings(m: MeasuredCeilingsLike, curve: 'read' | 'write' | 'copy' = 'copy', split = true): RooflineCeilings {
  const chosen = m.bandwidth[curve] ?? m.bandwidth.copy ?? m.bandwidth.read ?? m.bandwidth.write;
  if (!chosen?.points.length) throw new Error('the ceilings hold no bandwidth curve');
  const both = split && m.bandwidth.read?.points.length && m.bandwidth.write?.points.length;
  return {
    bandwidth: samples(chosen)!,
    ...(both ? { readBandwidth: samples(m.bandwidth.read), writeBandwidth: samples(m.bandwidth.write) } : {}),
    peakGflops: m.fmaF32.gflops,
    ...(m.kernelRoofs?.length ? { kernelRoofs: Object.fromEntries(m.kernelRoofs.map((k) => [k.kernelClass, k.gflops])) } : {}),
    ...(m.dispatchOverhead ? { dispatchOverheadMs: m.dispatchOverhead.us / 1e3 } : {}),
    ...(m.launch ? { launchMs: m.launch.us / 1e3 } : {}),
  };
}

/**
 * Bandwidth at a working-set size: linear in log2(bytes) between the neighbouring samples,
 * and the end samples beyond the measured range (no extrapolation of a trend).
 */
export function bandwidthAt(curve: readonly BandwidthSample[], bytes: number): number {
  if (!curve.length) throw new Error('empty bandwidth curve');
  const s = [...curve].sort((a, b) => a.bytes - b.bytes);
  if (bytes <= s[0].bytes) return s[0].gbps;
  const last = s[s.length - 1];
  if (bytes >= last.bytes) return last.gbps;
  const i = s.findIndex((p) => p.bytes >= bytes);
  const lo = s[i - 1];
  const hi = s[i];
  const t = (Math.log2(bytes) - Math.log2(lo.bytes)) / (Math.log2(hi.bytes) - Math.log2(lo.bytes));
  return lo.gbps + t * (hi.gbps - lo.gbps);
}

export interface Traffic {
  readBytes: number;
  writeBytes: number;
  workingSetBytes: number;
}

/** Effective GB/s of a node's traffic: bytes over the time its reads and writes take. */
export function memoryBandwidth(c: RooflineCeilings, t: Traffic): number {
  const bytes = t.readBytes + t.writeBytes;
  if (!c.readBandwidth || !c.writeBandwidth || bytes === 0) return bandwidthAt(c.bandwidth, t.workingSetBytes);
  const ns = t.readBytes / bandwidthAt(c.readBandwidth, t.workingSetBytes) + t.writeBytes / bandwidthAt(c.writeBandwidth, t.workingSetBytes);
  return bytes / ns;
}

/** Intensity (flop/byte) above which a node with this traffic is compute-bound (at the FMA peak unless a roof is given). */
export function ridgeIntensity(c: RooflineCeilings, t: Traffic, roofGflops = c.peakGflops): number {
  return roofGflops / memoryBandwidth(c, t);
}
