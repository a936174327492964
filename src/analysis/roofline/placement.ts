// Where one node sits on the roofline: its predicted time from the ceilings at its working
// set, what it achieved when measured, and which ceiling binds it on this device.
import type { NodeCost } from './cost.js';
import { computeRoof, memoryBandwidth, type ComputeRoofLabel, type RooflineCeilings } from './ceilings.js';

export type RooflineBound = 'memory' | 'compute';

/** The per-node record the results JSON carries (this exact shape). */
export interface NodeRoofline {
  flops: number;
  bytes: number;
  intensity: number;
  workingSetBytes: number;
  achievedGbps: number | null;
  achievedGflops: number | null;
  predictedMs: number;
  measuredMs: number | null;
  bound: RooflineBound;
}

/** Numbers behind the placement, for reports and miss explanations. */
export interface RooflineDetail {
  /** Bandwidth for the node's reads and writes at its working set, GB/s. */
  bandwidthGbps: number;
  /** The compute roof the prediction used: the FMA peak, or the node's measured kernel-class roof. */
  computeRoof: ComputeRoofLabel;
  computeRoofGflops: number;
  /** min(compute roof, intensity * bandwidth), GFLOP/s. */
  attainableGflops: number;
  ridgeIntensity: number;
  /** predicted / measured * 100: the share of the roofline the kernel reached. */
  percentOfRoofline: number | null;
  /** measured / predicted. */
  ratio: number | null;
}

/** GB/s is bytes per nanosecond; a millisecond is 1e6 ns. */
const NS_PER_MS = 1e6;

type Work = Pick<NodeCost, 'flops' | 'readBytes' | 'writeBytes' | 'workingSetBytes'>;

/** max(bytes / bandwidth(working set), flops / roof), in ms; roof: the kernel class's when measured, else the FMA peak. */
export function predictMs(cost: Work, c: RooflineCeilings, kernelClass?: string | null): number {
  const memoryNs = (cost.readBytes + cost.writeBytes) / memoryBandwidth(c, cost);
  const computeNs = cost.flops / computeRoof(c, kernelClass).gflops;
  return Math.max(memoryNs, computeNs) / NS_PER_MS;
}

export function placeNode(cost: NodeCost, c: RooflineCeilings, measuredMs: number | null = null, kernelClass?: string | null): { roofline: NodeRoofline; detail: RooflineDetail } {
  const predictedMs = predictMs(cost, c, kernelClass);
  const bandwidthGbps = memoryBandwidth(c, cost);
  const roof = computeRoof(c, kernelClass);
  const ridge = roof.gflops / bandwidthGbps;
  const measured = measuredMs !== null && measuredMs > 0 ? measuredMs : null;
  const roofline: NodeRoofline = {
    flops: cost.flops,
    bytes: cost.bytes,
    intensity: cost.intensity,
    workingSetBytes: cost.workingSetBytes,
    achievedGbps: measured === null ? null : cost.bytes / (measured * NS_PER_MS),
    achievedGflops: measured === null ? null : cost.flops / (measured * NS_PER_MS),
    predictedMs,
    measuredMs: measured,
    bound: cost.intensity < ridge ? 'memory' : 'compute',
  };
  const detail: RooflineDetail = {
    bandwidthGbps,
    computeRoof: roof.label,
    computeRoofGflops: roof.gflops,
    attainableGflops: Math.min(roof.gflops, cost.intensity * bandwidthGbps),
    ridgeIntensity: ridge,
    percentOfRoofline: measured === null ? null : (predictedMs / measured) * 100,
    ratio: measured === null ? null : measured / predictedMs,
  };
  return { roofline, detail };
}
