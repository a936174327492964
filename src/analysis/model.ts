// analyze(): the seed's formulas and the liveness model for one configuration, as one
// JSON-ready object (schema: analysis.schema.json).
import { paramCount, type Graph } from '../graph/ir.js';
import { compareBlocks, type BlockComparison } from './compare.js';
import { inPlaceReport, type InPlaceReport } from './inplace.js';
import { computeLiveness, type Liveness } from './liveness.js';
import { decoderConfigs, DEFAULT_SHAPE, runnableGraph, validateShape, type NetworkShape } from './network.js';
import { buildNotes, type Note } from './notes.js';
import { SEED_CONFIG, SEED_MEASURED_PEAK_MB } from './seed-claims.js';
import {
  DEFAULT_CACHES,
  arithmeticIntensity,
  bottleneck,
  boundOf,
  cacheFit,
  dwBlockWorkingSet,
  encoderConfigs,
  featureMapTable,
  repconvMemory,
  repconvStages,
  workingSetTotal,
  type Bound,
  type CacheLevel,
  type CacheSizes,
  type FeatureMapTable,
} from './seed.js';

export interface AnalyzeConfig extends Partial<NetworkShape> {
  /** Cache sizes in bytes for the seed's fit test (default 1 MiB / 8 MiB). */
  caches?: Partial<CacheSizes>;
  /**
   * Run the pass pipeline before liveness, as the runtime does (default true). With `graph`,
   * it says whether that graph has been through the pipeline already (default false).
   */
  optimize?: boolean;
  /**
   * Liveness on this graph instead of the built network (e.g. an imported model).
   * The seed's formulas still use the shape fields, which describe its DWBlocks.
   */
  graph?: Graph;
}

export interface WorkingSetRow {
  layer: string;
  inChannels: number;
  outChannels: number;
  resolution: number;
  bytes: {
    input: number;
    pwWeights: number;
    pwOutput: number;
    fusedWeights: number;
    fusedOutput: number;
    prcmParams: number;
    prcmIntermediate: number;
    output: number;
  };
  totalBytes: number;
  fitsL2: boolean;
  fitsL3: boolean;
  cacheLevel: CacheLevel;
}

export interface IntensityRow {
  layer: string;
  component: 'dw' | 'pw' | 'prcm';
  flops: number;
  bytes: number;
  intensity: number;
  bound: Bound;
}

export interface RepConvRow {
  layer: string;
  channels: number;
  resolution: number;
  trainingBytes: number;
  deployBytes: number;
  reductionPercent: number;
}

export interface LivenessSection extends Liveness {
  inPlace: InPlaceReport;
}

export interface Analysis {
  config: NetworkShape & { l2Bytes: number; l3Bytes: number };
  graph: { source: 'jeongwonnet' | 'custom'; optimized: boolean; nodes: number; tensors: number };
  params: number;
  featureMaps: FeatureMapTable;
  workingSet: WorkingSetRow[];
  arithmeticIntensity: IntensityRow[];
  repconv: RepConvRow[];
  liveness: LivenessSection;
  seedVsLiveness: BlockComparison[];
  notes: Note[];
}

export function workingSetRows(s: NetworkShape, caches: CacheSizes): WorkingSetRow[] {
  return encoderConfigs(s.size, s.cList, s.inputChannels).map((b) => {
    const ws = dwBlockWorkingSet(b.inChannels, b.outChannels, b.resolution, s.kernelSize, s.numBasis, s.batch);
    const total = workingSetTotal(ws);
    const fit = cacheFit(total, caches);
    return {
      ...b,
      bytes: {
        input: ws.input,
        pwWeights: ws.pw_conv_weights,
        pwOutput: ws.pw_conv_output,
        fusedWeights: ws.fused_conv_weights,
        fusedOutput: ws.fused_conv_output,
        prcmParams: ws.prcm_params,
        prcmIntermediate: ws.prcm_intermediate,
        output: ws.output,
      },
      totalBytes: total,
      fitsL2: fit.l2,
      fitsL3: fit.l3,
      cacheLevel: bottleneck(total, caches),
    };
  });
}

/** The seed prints only components with non-zero FLOPs (pw vanishes when channels match). */
export function intensityRows(s: NetworkShape): IntensityRow[] {
  const names = { dw_conv: 'dw', pw_conv: 'pw', prcm: 'prcm' } as const;
  return encoderConfigs(s.size, s.cList, s.inputChannels).flatMap((b) => {
    const r = arithmeticIntensity(b.inChannels, b.outChannels, b.resolution, s.kernelSize);
    return (Object.keys(names) as (keyof typeof names)[])
      .filter((k) => r[k].flops > 0)
      .map((k) => ({ layer: b.layer, component: names[k], flops: r[k].flops, bytes: r[k].mem, intensity: r[k].ai, bound: boundOf(r[k].ai) }));
  });
}

export function repconvRows(s: NetworkShape): RepConvRow[] {
  return repconvStages(s.size, s.cList).map(([ch, res], i) => {
    const r = repconvMemory(ch, res, s.batch);
    return { layer: `encoder${i + 1}`, channels: ch, resolution: res, trainingBytes: r.trainingBytes, deployBytes: r.deployBytes, reductionPercent: r.reductionPercent };
  });
}

/** Liveness peak of the default network at the seed's measured batch/size points. */
function measuredPredictions(s: NetworkShape, optimized: boolean): { batch: number; size: number; predictedBytes: number }[] {
  const isSeedNet = s.cList.join() === SEED_CONFIG.cList.join() && s.kernelSize === SEED_CONFIG.kernelSize && s.numBasis === SEED_CONFIG.numBasis;
  if (!isSeedNet || s.inputChannels !== SEED_CONFIG.inputChannels) return [];
  return SEED_MEASURED_PEAK_MB.map(({ batch, size }) => ({
    batch,
    size,
    predictedBytes: computeLiveness(runnableGraph({ ...s, batch, size }, optimized)).peakBytes,
  }));
}

export function resolveShape(config: AnalyzeConfig): NetworkShape {
  const { caches: _c, optimize: _o, graph: _g, ...rest } = config;
  const shape = { ...DEFAULT_SHAPE, ...rest, cList: [...(rest.cList ?? DEFAULT_SHAPE.cList)] };
  validateShape(shape);
  return shape;
}

export function analyze(config: AnalyzeConfig = {}): Analysis {
  const shape = resolveShape(config);
  const caches: CacheSizes = { ...DEFAULT_CACHES, ...config.caches };
  const optimized = config.graph ? (config.optimize ?? false) : (config.optimize ?? true);
  const graph = config.graph ?? runnableGraph(shape, optimized);
  const live = computeLiveness(graph);
  const inPlace = inPlaceReport(graph);
  const shapes = new Map([...graph.tensors.values()].map((t) => [t.name, t.shape]));
  const blocks = [
    ...encoderConfigs(shape.size, shape.cList, shape.inputChannels).map((config) => ({ config, seedCovered: true })),
    ...decoderConfigs(shape.size, shape.cList).map((config) => ({ config, seedCovered: false })),
  ];
  const seedVsLiveness = compareBlocks(blocks, live, shapes, shape.kernelSize, shape.numBasis, shape.batch);
  const measured = config.graph ? [] : measuredPredictions(shape, optimized);
  return {
    config: { ...shape, l2Bytes: caches.l2, l3Bytes: caches.l3 },
    graph: { source: config.graph ? 'custom' : 'jeongwonnet', optimized, nodes: graph.nodes.length, tensors: graph.tensors.size },
    params: paramCount(graph),
    featureMaps: featureMapTable(shape.size, shape.batch, shape.cList),
    workingSet: workingSetRows(shape, caches),
    arithmeticIntensity: intensityRows(shape),
    repconv: repconvRows(shape),
    liveness: { ...live, inPlace },
    seedVsLiveness,
    notes: buildNotes({ shape, caches, graph, optimized, liveness: live, comparisons: seedVsLiveness, inPlace, measured }),
  };
}
