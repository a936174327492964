// Measurements and predictions of one configuration -> its row of the results document.
import { aggregateTimes, medianRun, type DispatchInfo, type TimeAggregate } from '../profiler/aggregate.js';
import { estimateTime } from '../profiler/estimate.js';
import type { EngineMeasurement } from '../profiler/measure.js';
import type { PipelineKey } from '../runtime/kernel.js';
import { summarize } from '../util/stats.js';
import { composeMemory, type PhysicalPeak } from './memory.js';
import type { Prediction } from './predict.js';
import { seedPyTorchPeakBytes } from './predict.js';
import type { CheckResult, ConfigResult, ConfigStatus, ConfigTimestamps, DispatchResult, InputShapes, LayerResult, Mode, NodeResult, SoakResult } from './types.js';

export interface DispatchMeta extends DispatchInfo {
  label: string;
  kernel: string;
  /** The pipeline key; names the kernel class whose measured compute roof bounds the node. */
  key: PipelineKey;
  workgroups: readonly number[];
  /** WGSL source, for what the roofline's miss reasons read from it (shared memory). */
  shader: string;
  /** The kernel that ran the node and its variant (as the engine chose it). */
  kernelName: string;
  variant?: string;
}

/** One configuration's inputs: every input's shape, and batch and size where they make sense. */
export interface SweepPoint {
  batch: number;
  size: number | null;
  inputShapes: InputShapes;
}

export interface ConfigKey extends SweepPoint {
  mode: Mode;
  reps: number;
  warmup: number;
}

export interface Measured {
  dispatches: DispatchMeta[];
  pipelines: number;
  /** Bind groups the engine had created once measured. */
  bindGroups?: number;
  measurement: EngineMeasurement;
  physical: PhysicalPeak;
  /** Buffer index -> tensors, from the engine's assignment. */
  tensorsByBuffer: ReadonlyMap<number, string[]>;
  soak?: SoakResult | null;
}

const maxOf = (xs: number[]): number | null => (xs.length ? Math.max(...xs) : null);

function dispatchResults(d: DispatchMeta[], m: EngineMeasurement, agg: TimeAggregate): DispatchResult[] {
  const run = agg.screenedRuns[medianRun(agg.screenedRuns)];
  return d.map((x, i) => {
    const b = run?.beginNs[i] ?? null;
    const e = run?.endNs[i] ?? null;
    return {
      index: x.index,
      node: x.node.name,
      layer: x.node.layer,
      label: x.label,
      kernel: x.kernel,
      gpuTimeMs: agg.dispatches[i].gpuTimeMs,
      gpuTime: agg.dispatches[i].gpuTime,
      timestampIssues: agg.dispatches[i].issues,
      startMs: b === null ? null : b / 1e6,
      durationMs: b === null || e === null ? null : (e - b) / 1e6,
      logicalBytes: m.memory.logicalBytes[i],
      physicalBytes: m.memory.physicalBytes[i],
    };
  });
}

function nodeResults(agg: TimeAggregate, disp: DispatchResult[], p: Prediction): NodeResult[] {
  return agg.nodes.map(({ issues, ...n }) => ({
    ...n,
    timestampIssues: issues,
    predictedLiveBytes: p.perNode.get(n.name) ?? null,
    measuredLiveBytes: maxOf(disp.filter((d) => d.node === n.name).map((d) => d.logicalBytes)),
    roofline: null,
    rooflineDetail: null,
  }));
}

/** Layers in execution order, then any the prediction knows that never ran. */
function layerResults(agg: TimeAggregate | null, disp: DispatchResult[], p: Prediction): LayerResult[] {
  const names = [...new Set([...(agg?.layers.map((l) => l.layer) ?? []), ...p.perLayer.keys()])];
  return names.map((layer) => {
    const at = disp.filter((d) => d.layer === layer);
    const measured = agg?.layers.find((l) => l.layer === layer);
    return {
      layer,
      gpuTimeMs: measured?.gpuTimeMs ?? null,
      gpuTime: measured?.gpuTime ?? null,
      seedWorkingSetBytes: p.seedPerLayer.get(layer) ?? null,
      predictedLiveBytes: p.perLayer.get(layer) ?? null,
      measuredLiveBytes: maxOf(at.map((d) => d.logicalBytes)),
      measuredPhysicalBytes: maxOf(at.map((d) => d.physicalBytes)),
      roofline: null,
      cache: null,
    };
  });
}

function logicalMismatches(nodes: NodeResult[]): number {
  return nodes.filter((n) => n.measuredLiveBytes !== null && n.measuredLiveBytes !== n.predictedLiveBytes).length;
}

function timestampsOf(m: EngineMeasurement, agg: TimeAggregate, nodes: NodeResult[]): ConfigTimestamps | null {
  if (m.timing !== 'timestamp-query') return null;
  const quantized = agg.quantumNs > 1;
  return {
    quantumNs: agg.quantumNs,
    method: quantized ? 'mean-of-quantized' : 'median',
    runs: agg.runs,
    issues: agg.issues,
    unresolvedNodes: nodes.filter((n) => n.gpuTime && !n.gpuTime.resolved).length,
  };
}

export function composeOk(key: ConfigKey, x: Measured, p: Prediction, check: CheckResult, durationMs: number): ConfigResult {
  const m = x.measurement;
  const agg = aggregateTimes(x.dispatches, m.runs, m.quantum.quantumNs);
  const timed = m.timing === 'timestamp-query';
  const disp = dispatchResults(x.dispatches, m, agg);
  const nodes = nodeResults(agg, disp, p);
  const mismatches = logicalMismatches(nodes);
  const logical = m.memory.logicalPeakBytes;
  const wall = summarize(m.wallMs);
  return {
    ...key,
    status: 'ok',
    timing: m.timing,
    gpuTimeMs: timed ? agg.endToEnd : wall,
    gpuTime: timed ? agg.endToEndEstimate : estimateTime(m.wallMs, null),
    wallTimeMs: wall,
    sumOfDispatchesMs: agg.sumOfDispatches,
    sumOfDispatchesTime: agg.sumOfDispatchesEstimate,
    timestamps: timestampsOf(m, agg, nodes),
    peakBytes: { measuredPhysical: x.physical.bytes, measuredLogical: logical, predicted: p.peakBytes },
    ratios: {
      physicalOverPredicted: x.physical.bytes / p.peakBytes,
      logicalEqualsPredicted: mismatches === 0 && logical === p.peakBytes,
      logicalMismatches: mismatches,
    },
    seedPyTorchPeakBytes: seedPyTorchPeakBytes(key.batch, key.size),
    pipelines: x.pipelines,
    bindGroups: x.bindGroups ?? null,
    nodes,
    layers: layerResults(agg, disp, p),
    dispatches: disp,
    memory: composeMemory(key.mode, m, x.physical, x.tensorsByBuffer, p.peakBytes),
    check,
    peers: null,
    rooflineFit: null,
    soak: x.soak ?? null,
    durationMs,
  };
}

/** A configuration that did not run: predictions only, measurements null. */
export function composeFailed(key: ConfigKey, status: Exclude<ConfigStatus, 'ok'>, error: Error, p: Prediction | null, check: CheckResult, durationMs: number): ConfigResult {
  return {
    ...key,
    status,
    error: error.message,
    errorName: error.name,
    timing: null,
    gpuTimeMs: null,
    gpuTime: null,
    wallTimeMs: null,
    sumOfDispatchesMs: null,
    sumOfDispatchesTime: null,
    timestamps: null,
    peakBytes: { measuredPhysical: null, measuredLogical: null, predicted: p?.peakBytes ?? null },
    ratios: { physicalOverPredicted: null, logicalEqualsPredicted: null, logicalMismatches: 0 },
    seedPyTorchPeakBytes: seedPyTorchPeakBytes(key.batch, key.size),
    pipelines: null,
    bindGroups: null,
    nodes: [],
    layers: p ? layerResults(null, [], p) : [],
    dispatches: [],
    memory: null,
    check,
    peers: null,
    rooflineFit: null,
    soak: null,
    durationMs,
  };
}
