// Per block: the seed's working-set figure next to the liveness maximum over the
// block's nodes, with the difference broken down into what each model counts.
import type { Liveness, TensorLifetime } from './liveness.js';
import { dwBlockWorkingSet, workingSetTotal, type BlockConfig, type SeedWorkingSet } from './seed.js';

export interface BlockComparison {
  layer: string;
  /** False for decoder blocks: the seed never analyses them; its formula is applied here anyway. */
  seedCovered: boolean;
  inChannels: number;
  outChannels: number;
  resolution: number;
  seedBytes: number;
  /** Feature maps the seed adds up (input, pw output, fused output, output). */
  seedFeatureMaps: number;
  seedFeatureMapBytes: number;
  /** The block's own weights plus PRCM intermediates, as the seed counts them. */
  seedOtherBytes: number;
  /** Null when the graph has no node in this layer. */
  liveness: BlockLiveness | null;
  /** seedBytes - liveness.liveBytes (positive: the seed overestimates). */
  differenceBytes: number | null;
  reason: string;
}

export interface BlockLiveness {
  node: string;
  index: number;
  liveBytes: number;
  activationBytes: number;
  weightBytes: number;
  /** Feature maps (rank 4, more than one pixel) produced in this block and live at the node. */
  blockMaps: string[];
  blockMapBytes: number;
  /** Tensors from earlier blocks still live: the block input and skips. */
  carried: string[];
  carriedBytes: number;
  /** The carried tensors that outlive this block (held for a later skip add). */
  skips: string[];
  /** Per-channel vectors and other small tensors of this block. */
  smallBytes: number;
}

const isSmall = (t: TensorLifetime, shapes: Map<string, number[]>): boolean => {
  const s = shapes.get(t.name) ?? [];
  return s.length === 4 && s[2] * s[3] === 1;
};

function blockLiveness(layer: string, live: Liveness, shapes: Map<string, number[]>): BlockLiveness | null {
  const row = live.perLayer.find((l) => l.layer === layer);
  if (!row) return null;
  const node = live.perNode[row.peakIndex];
  const byName = new Map(live.lifetimes.map((t) => [t.name, t]));
  const liveTs = node.liveTensors.map((n) => byName.get(n)!);
  const own = liveTs.filter((t) => t.layer === layer);
  const maps = own.filter((t) => !isSmall(t, shapes));
  const carried = liveTs.filter((t) => t.layer !== layer);
  const layerEnd = Math.max(...live.perNode.filter((n) => n.layer === layer).map((n) => n.index));
  const sum = (ts: TensorLifetime[]) => ts.reduce((a, t) => a + t.bytes, 0);
  return {
    node: node.node,
    index: node.index,
    liveBytes: node.liveBytes,
    activationBytes: node.activationBytes,
    weightBytes: node.weightBytes,
    blockMaps: maps.map((t) => t.name),
    blockMapBytes: sum(maps),
    carried: carried.map((t) => t.name),
    carriedBytes: sum(carried),
    skips: carried.filter((t) => t.last > layerEnd).map((t) => t.name),
    smallBytes: sum(own) - sum(maps),
  };
}

function seedSplit(ws: SeedWorkingSet): { maps: number; mapBytes: number; other: number } {
  const fm = [ws.input, ws.pw_conv_output, ws.fused_conv_output, ws.output];
  const mapBytes = fm.reduce((a, b) => a + b, 0);
  return { maps: fm.filter((b) => b > 0).length, mapBytes, other: workingSetTotal(ws) - mapBytes };
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(3)} MB`;

function explain(b: BlockConfig, covered: boolean, seed: ReturnType<typeof seedSplit>, l: BlockLiveness | null): string {
  if (!l) return `the graph has no node in layer ${b.layer}, so there is nothing to compare`;
  const n = l.blockMaps.length;
  const parts = [
    `seed${covered ? '' : ' formula (the seed itself never analyses decoder blocks)'} adds ${seed.maps} feature maps as if all were live together (${mib(seed.mapBytes)}) plus this block's weights and PRCM vectors (${mib(seed.other)})`,
    `at ${l.node}, the worst node of the block, ${n} of the block's own maps ${n === 1 ? 'is' : 'are'} live (${mib(l.blockMapBytes)}: ${l.blockMaps.join(', ') || 'none'})`,
  ];
  if (l.carried.length) {
    const skips = l.skips.length ? `; ${l.skips.join(', ')} ${l.skips.length === 1 ? 'is a skip' : 'are skips'} held for a later block, which the seed never counts` : '';
    parts.push(`earlier tensors still live add ${mib(l.carriedBytes)} (${l.carried.join(', ')}${skips})`);
  }
  parts.push(`every weight of the network stays resident (${mib(l.weightBytes)}) where the seed counts only this block's`);
  return parts.join('; ');
}

export function compareBlocks(
  blocks: readonly { config: BlockConfig; seedCovered: boolean }[],
  live: Liveness,
  shapes: Map<string, number[]>,
  k: number,
  basis: number,
  batch: number,
): BlockComparison[] {
  return blocks.map(({ config: b, seedCovered }) => {
    const ws = dwBlockWorkingSet(b.inChannels, b.outChannels, b.resolution, k, basis, batch);
    const seedBytes = workingSetTotal(ws);
    const split = seedSplit(ws);
    const l = blockLiveness(b.layer, live, shapes);
    return {
      layer: b.layer,
      seedCovered,
      inChannels: b.inChannels,
      outChannels: b.outChannels,
      resolution: b.resolution,
      seedBytes,
      seedFeatureMaps: split.maps,
      seedFeatureMapBytes: split.mapBytes,
      seedOtherBytes: split.other,
      liveness: l,
      differenceBytes: l ? seedBytes - l.liveBytes : null,
      reason: explain(b, seedCovered, split, l),
    };
  });
}
