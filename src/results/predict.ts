// Predictions for one configuration, from the analysis package only: the liveness model on
// the graph the analysis itself builds, and the seed notebook's per-block formula.
import {
  DEFAULT_SHAPE,
  SEED_MEASURED_PEAK_MB,
  computeLiveness,
  decoderConfigs,
  dwBlockWorkingSet,
  encoderConfigs,
  recognizeDwBlocks,
  runnableGraph,
  workingSetTotal,
  type NetworkShape,
} from '../analysis/index.js';
import type { Graph } from '../graph/ir.js';

export interface Prediction {
  /** Liveness peak, weights included. */
  peakBytes: number;
  perNode: Map<string, number>;
  perLayer: Map<string, number>;
  /** The seed's DWBlock working set per block; absent for graphs that are not the seed's net. */
  seedPerLayer: Map<string, number>;
}

export function predictGraph(g: Graph): Prediction {
  const live = computeLiveness(g);
  return {
    peakBytes: live.peakBytes,
    perNode: new Map(live.perNode.map((n) => [n.node, n.liveBytes])),
    perLayer: new Map(live.perLayer.map((l) => [l.layer, l.maxLiveBytes])),
    seedPerLayer: new Map(),
  };
}

export function seedWorkingSets(shape: NetworkShape): Map<string, number> {
  const blocks = [...encoderConfigs(shape.size, shape.cList, shape.inputChannels), ...decoderConfigs(shape.size, shape.cList)];
  return new Map(
    blocks.map((b) => [b.layer, workingSetTotal(dwBlockWorkingSet(b.inChannels, b.outChannels, b.resolution, shape.kernelSize, shape.numBasis, shape.batch))]),
  );
}

/** Any graph (e.g. an imported model): liveness, plus the seed's formula for the layers that are DWBlocks. */
export function predictWithDwBlocks(g: Graph): Prediction {
  const blocks = recognizeDwBlocks(g);
  const seed = blocks.map((b): [string, number] => [b.layer, workingSetTotal(dwBlockWorkingSet(b.inChannels, b.outChannels, b.resolution, b.kernelSize, b.numBasis, b.batch))]);
  return { ...predictGraph(g), seedPerLayer: new Map(seed) };
}

export function predictJeongWonNet(batch: number, size: number): Prediction {
  const shape: NetworkShape = { ...DEFAULT_SHAPE, cList: [...DEFAULT_SHAPE.cList], batch, size };
  return { ...predictGraph(runnableGraph(shape)), seedPerLayer: seedWorkingSets(shape) };
}

const MiB = 2 ** 20;

/** The seed's PyTorch CUDA peak for this point, in bytes (its "MB" is 2^20 bytes). */
export function seedPyTorchPeakBytes(batch: number, size: number | null): number | null {
  const row = SEED_MEASURED_PEAK_MB.find((r) => r.batch === batch && r.size === size);
  return row ? Math.round(row.peakMB * MiB) : null;
}

export function seedReferenceRows(): { batch: number; size: number; peakBytes: number }[] {
  return SEED_MEASURED_PEAK_MB.map((r) => ({ batch: r.batch, size: r.size, peakBytes: Math.round(r.peakMB * MiB) }));
}
