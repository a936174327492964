// Two results documents side by side: every configuration both ran, every layer and node both
// have by name, with ratios B/A and verdicts beyond the run-to-run spread. The documents may
// come from different hosts, devices, commits or models; what differs is said in the notes.
import { pointLabel } from '../results/labels.js';
import type { ConfigResult, LayerResult, NodeResult, Results } from '../results/types.js';
import { beyondNoise, bytesDelta, comparableTime, BYTES_RULE, moversFirst, movement, timeDelta, TIME_RULE } from './change.js';
import { configMatchKey, pairBy } from './match.js';
import { COMPARE_VERSION, type Comparison, type ConfigComparison, type LayerComparison, type NodeComparison, type RunSummary } from './types.js';

export const ORDER_RULE = 'movers first (the largest change beyond noise first, as |ln ratio|), then the rest by how far their time ratio is from 1';

/** Fewer repetitions than this make p10-p90 nearly a point: every difference looks beyond noise. */
export const MIN_REPS_FOR_SPREAD = 3;

/** Set by hosts that record themselves (environment.host); absent in older documents. */
function hostOf(r: Results): string | null {
  const host = (r.environment as { host?: unknown }).host;
  return typeof host === 'string' ? host : null;
}

export function runSummary(r: Results, file: string): RunSummary {
  const a = r.environment.adapter;
  return {
    file,
    createdAt: r.createdAt,
    model: r.model,
    adapter: [a.vendor, a.architecture, a.description].filter(Boolean).join(' / ') || 'unknown',
    userAgent: r.environment.userAgent,
    host: hostOf(r),
    timestampQuery: r.environment.timestampQuery,
    variant: r.options.variant ?? null,
  };
}

function compareLayer(a: LayerResult, b: LayerResult): LayerComparison {
  const time = timeDelta(comparableTime(a), comparableTime(b));
  const logicalBytes = bytesDelta(a.measuredLiveBytes, b.measuredLiveBytes);
  const physicalBytes = bytesDelta(a.measuredPhysicalBytes, b.measuredPhysicalBytes);
  const predictedBytes = bytesDelta(a.predictedLiveBytes, b.predictedLiveBytes);
  const deltas = [time, logicalBytes, physicalBytes, predictedBytes];
  return { layer: a.layer, time, logicalBytes, physicalBytes, predictedBytes, moved: deltas.some(beyondNoise), movement: movement(deltas) };
}

function compareNode(a: NodeResult, b: NodeResult): NodeComparison {
  const time = timeDelta(comparableTime(a), comparableTime(b));
  const logicalBytes = bytesDelta(a.measuredLiveBytes, b.measuredLiveBytes);
  return { node: a.name, layer: a.layer, op: a.op, time, logicalBytes, moved: [time, logicalBytes].some(beyondNoise), movement: movement([time, logicalBytes]) };
}

function compareConfig(a: ConfigResult, b: ConfigResult): ConfigComparison {
  const layers = pairBy(a.layers, b.layers, (l) => l.layer);
  const nodes = pairBy(a.nodes, b.nodes, (n) => n.name);
  const layerRows = moversFirst(layers.pairs.map(([x, y]) => compareLayer(x, y)));
  const nodeRows = moversFirst(nodes.pairs.map(([x, y]) => compareNode(x, y)));
  const gpuTime = timeDelta(comparableTime(a), comparableTime(b));
  const peaks = {
    physical: bytesDelta(a.peakBytes.measuredPhysical, b.peakBytes.measuredPhysical),
    logical: bytesDelta(a.peakBytes.measuredLogical, b.peakBytes.measuredLogical),
    predicted: bytesDelta(a.peakBytes.predicted, b.peakBytes.predicted),
  };
  const movedLayers = layerRows.filter((l) => l.moved).length;
  return {
    label: `${pointLabel(a)} ${a.mode}${a.form ? ` ${a.form}` : ''}`,
    mode: a.mode,
    form: a.form ?? null,
    inputShapes: { a: a.inputShapes, b: b.inputShapes },
    status: { a: a.status, b: b.status },
    reps: { a: a.reps, b: b.reps },
    gpuTime,
    wallTime: timeDelta(a.wallTimeMs, b.wallTimeMs),
    peaks,
    layers: layerRows,
    nodes: nodeRows,
    unmatchedLayers: layers.unmatched,
    unmatchedNodes: nodes.unmatched,
    movedLayers,
    movedNodes: nodeRows.filter((n) => n.moved).length,
    moved: a.status !== b.status || movedLayers > 0 || [gpuTime, ...Object.values(peaks)].some(beyondNoise),
  };
}

/** What differs between the two runs besides their numbers, and what limits the verdicts. */
function notesOn(a: Results, b: Results, sa: RunSummary, sb: RunSummary, configs: ConfigComparison[]): string[] {
  const notes: string[] = [];
  const differ = (what: string, x: string | null, y: string | null) => void (x !== y ? notes.push(`${what} differ: A ${x ?? 'not recorded'}, B ${y ?? 'not recorded'}`) : 0);
  differ('models', sa.model.name, sb.model.name);
  differ('variants', sa.variant ?? 'none', sb.variant ?? 'none');
  differ('adapters', sa.adapter, sb.adapter);
  differ('hosts', sa.host, sb.host);
  if (sa.model.name !== sb.model.name) notes.push('layers and nodes are matched by name; the ones only one model has are listed per configuration');
  for (const [side, r] of [['A', a], ['B', b]] as const) {
    if (!r.environment.timestampQuery) notes.push(`${side} has no per-dispatch times (no timestamp-query): layers and nodes are compared on memory only`);
    if (r.options.reps < MIN_REPS_FOR_SPREAD) notes.push(`${side} ran ${r.options.reps} repetition(s) per configuration: its p10-p90 interval is nearly a point, so most time differences will look beyond noise (run the bench with --reps 5 or more)`);
  }
  for (const c of configs) if (c.status.a !== c.status.b) notes.push(`${c.label}: ${c.status.a} in A, ${c.status.b} in B`);
  return notes;
}

export function compareResults(a: Results, b: Results, files: { a: string; b: string }, now = new Date()): Comparison {
  const sa = runSummary(a, files.a);
  const sb = runSummary(b, files.b);
  const paired = pairBy(a.configs, b.configs, configMatchKey, (c) => `${pointLabel(c)} ${c.mode}${c.form ? ` ${c.form}` : ''}`);
  const configs = paired.pairs.map(([x, y]) => compareConfig(x, y));
  const count = (f: (c: ConfigComparison) => number) => configs.reduce((s, c) => s + f(c), 0);
  const configsMoved = configs.filter((c) => c.moved).length;
  return {
    compareVersion: COMPARE_VERSION,
    createdAt: now.toISOString(),
    a: sa,
    b: sb,
    rules: { time: TIME_RULE, bytes: BYTES_RULE, order: ORDER_RULE },
    configs,
    unmatchedConfigs: paired.unmatched,
    notes: notesOn(a, b, sa, sb, configs),
    summary: {
      configsCompared: configs.length,
      configsMoved,
      layersCompared: count((c) => c.layers.length),
      layersMoved: count((c) => c.movedLayers),
      nodesCompared: count((c) => c.nodes.length),
      nodesMoved: count((c) => c.movedNodes),
      noChangeBeyondNoise: configs.length > 0 && configsMoved === 0,
    },
  };
}
