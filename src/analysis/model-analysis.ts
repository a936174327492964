// analyzeModel(): the working-set analysis of any graph (e.g. an imported ONNX model). The
// liveness model always applies; the seed's per-block formula only to layers that really are
// DWBlocks; the seed's whole-network tables only when the graph is JeongWonNet's layout.
import { paramCount, type Graph } from '../graph/ir.js';
import { compareBlocks, type BlockComparison } from './compare.js';
import { inPlaceReport } from './inplace.js';
import { computeLiveness } from './liveness.js';
import { analyze, type Analysis, type LivenessSection } from './model.js';
import type { NetworkShape } from './network.js';
import { recognizeDwBlocks, recognizeJeongWonNet, type DwBlockPattern } from './recognize.js';
import type { CacheSizes } from './seed.js';

export interface ModelAnalysisOptions {
  /** What the graph is, for the text header (e.g. the file name). */
  name: string;
  caches?: Partial<CacheSizes>;
  /** Whether the graph went through the pass pipeline (it is analysed as given). */
  optimized: boolean;
}

/** The seed's tables that need the whole network's shape. */
export type SeedTables = Pick<Analysis, 'config' | 'featureMaps' | 'workingSet' | 'arithmeticIntensity' | 'repconv' | 'notes'>;

export interface ModelAnalysis {
  model: { name: string; inputShape: number[]; outputShape: number[]; params: number };
  graph: Analysis['graph'];
  /** JeongWonNet_DWBlock_Swap's shape when the graph has its layout, else null. */
  recognized: NetworkShape | null;
  /** Layers whose nodes form one DWBlock: the only ones the seed's per-block formula is applied to. */
  dwBlocks: DwBlockPattern[];
  liveness: LivenessSection;
  seedVsLiveness: BlockComparison[];
  /** Null unless `recognized`. */
  seed: SeedTables | null;
}

function perBlockComparisons(g: Graph, blocks: DwBlockPattern[]): BlockComparison[] {
  const live = computeLiveness(g);
  const shapes = new Map([...g.tensors.values()].map((t) => [t.name, t.shape]));
  // The seed analyses encoder blocks only; elsewhere its formula is applied for comparison.
  return blocks.flatMap((b) => compareBlocks([{ config: b, seedCovered: b.layer.startsWith('encoder') }], live, shapes, b.kernelSize, b.numBasis, b.batch));
}

export function analyzeModel(g: Graph, opts: ModelAnalysisOptions): ModelAnalysis {
  const recognized = recognizeJeongWonNet(g);
  const dwBlocks = recognizeDwBlocks(g);
  const model = {
    name: opts.name,
    inputShape: [...(g.tensors.get(g.inputs[0])?.shape ?? [])],
    outputShape: [...(g.tensors.get(g.outputs[0])?.shape ?? [])],
    params: paramCount(g),
  };
  const graph: Analysis['graph'] = { source: 'custom', optimized: opts.optimized, nodes: g.nodes.length, tensors: g.tensors.size };
  if (recognized) {
    const a = analyze({ ...recognized, graph: g, caches: opts.caches, optimize: opts.optimized });
    const { config, featureMaps, workingSet, arithmeticIntensity, repconv, notes } = a;
    return { model, graph, recognized, dwBlocks, liveness: a.liveness, seedVsLiveness: a.seedVsLiveness, seed: { config, featureMaps, workingSet, arithmeticIntensity, repconv, notes } };
  }
  const liveness = { ...computeLiveness(g), inPlace: inPlaceReport(g) };
  return { model, graph, recognized, dwBlocks, liveness, seedVsLiveness: perBlockComparisons(g, dwBlocks), seed: null };
}
