// Peers beside our engine: one run of each peer per point (every input's shape), shared by the
// modes of that point and by a check that takes a peer's output as its reference, then set against our row.
// They run once the sweep has measured everything: a peer leaves work behind (e.g. the browser
// compiling its 28 MB wasm in the background on a 2-core machine) that would slow our next
// configuration several-fold.
import type { Graph } from '../graph/ir.js';
import { compare } from '../reference/tensor.js';
import type { SweepPoint } from '../results/compose.js';
import { shapesKey } from '../results/labels.js';
import { checkAgainst, notChecked } from './check.js';
import { modelInputs, type BenchModel } from './model.js';
import type { ConfigResult, OrtFallback, OrtWasmPeer, OrtWebgpuPeer, PeerRunResult, PeersResult } from '../results/types.js';

/** One peer run as the runner reports it; output null when it failed. */
export interface PeerRun extends PeerRunResult {
  output: Float32Array | null;
}

export interface GpuPeerRun extends PeerRun {
  variant: string;
  peakBytes: number | null;
  baselineBytes: number | null;
  liveAfterReleaseBytes: number | null;
  fallback: OrtFallback | null;
}

export interface PeerRuns {
  webgpu: GpuPeerRun;
  wasm: PeerRun;
}

/** Every graph input's data and shape, as the peers are fed. */
export type PeerFeeds = Record<string, { data: Float32Array; shape: number[] }>;

export type PeerRunner = (feeds: PeerFeeds, at: SweepPoint) => Promise<PeerRuns>;

/** The inputs our engine got, with the graph's shapes. */
export function peerFeeds(g: Graph, inputs: Record<string, Float32Array>): PeerFeeds {
  return Object.fromEntries(g.inputs.map((name) => [name, { data: inputs[name], shape: [...g.tensors.get(name)!.shape] }]));
}

/**
 * Runs the peers once per point and keeps only the latest one: the sweep visits every mode of
 * a point in a row, and large outputs should not pile up.
 */
export class PeerCache {
  private last: { key: string; runs: Promise<PeerRuns> } | null = null;

  constructor(private readonly runner: PeerRunner) {}

  get(feeds: PeerFeeds, at: SweepPoint): Promise<PeerRuns> {
    const key = shapesKey(at.inputShapes);
    if (this.last?.key !== key) this.last = { key, runs: this.runner(feeds, at) };
    return this.last.runs;
  }

  /** True when the point's runs are already there (no need to announce a long step). */
  has(at: SweepPoint): boolean {
    return this.last?.key === shapesKey(at.inputShapes);
  }
}

/** A measured row and the first output it produced. */
export interface MeasuredRow {
  row: ConfigResult;
  output: Float32Array;
  /** Its index in the sweep, for progress. */
  index: number;
  /** The form that ran, when a model runs in several (default: the sweep's model). */
  model?: BenchModel;
}

/**
 * Runs the peers for every measured point, sets `peers` on each row, and completes the checks
 * that waited for a peer's output (an imported model without an --expect file).
 */
export async function comparePeers(peers: PeerCache, model: BenchModel, measured: MeasuredRow[], onPoint: (m: MeasuredRow) => void): Promise<void> {
  for (const m of measured) {
    const { row, output } = m;
    const ran = m.model ?? model;
    const g = ran.runnable(row);
    const inputs = modelInputs(ran, row, g);
    if (!peers.has(row)) onPoint(m);
    const runs = await peers.get(peerFeeds(g, inputs), row);
    if (row.check.status === 'not-checked' && row.check.reference === 'ort-wasm' && ran.check) row.check = await ran.check(row, output, inputs);
    row.peers = peersResult(runs, row, output);
  }
}

const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null || b <= 0 ? null : a / b);

function base(r: PeerRun): PeerRunResult {
  return { timeMs: r.timeMs, timeStatsMs: r.timeStatsMs, firstRunMs: r.firstRunMs, sessionMs: r.sessionMs, runsMs: r.runsMs, error: r.error };
}

function webgpuPeer(r: GpuPeerRun, ours: Float32Array): OrtWebgpuPeer {
  const agree = r.output && r.output.length === ours.length ? compare(r.output, ours).maxRelError : null;
  const { variant, peakBytes, baselineBytes, liveAfterReleaseBytes, fallback } = r;
  return { ...base(r), variant, fallback, peakBytes, baselineBytes, liveAfterReleaseBytes, maxRelErrorVsOurs: agree !== null && Number.isFinite(agree) ? agree : null };
}

function wasmPeer(r: PeerRun, ours: Float32Array): OrtWasmPeer {
  const check = r.output ? checkAgainst('ort-wasm', ours, r.output) : { ...notChecked(`onnxruntime-web (wasm) did not run: ${r.error}`), reference: 'ort-wasm' as const };
  return { ...base(r), check };
}

/** Ours vs the peers: our wall time per inference and our physical peak are the denominators. */
export function peersResult(runs: PeerRuns, row: ConfigResult, ours: Float32Array): PeersResult {
  const oursTime = row.wallTimeMs?.median ?? null;
  const oursPeak = row.peakBytes.measuredPhysical;
  const ortWebgpu = webgpuPeer(runs.webgpu, ours);
  const ortWasm = wasmPeer(runs.wasm, ours);
  return {
    ours: { timeMs: oursTime, peakBytes: oursPeak },
    ortWebgpu,
    ortWasm,
    ratios: {
      ortWebgpuTimeOverOurs: ratio(ortWebgpu.timeMs, oursTime),
      ortWasmTimeOverOurs: ratio(ortWasm.timeMs, oursTime),
      ortWebgpuPeakOverOurs: ratio(ortWebgpu.peakBytes, oursPeak),
    },
  };
}
