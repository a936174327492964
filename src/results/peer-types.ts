// The results document's `peers`, per configuration: onnxruntime-web running the same model
// on the same input in the same page, timed the same way (the same number of runs after
// warm-up, summarized by the same statistics) and, on WebGPU, measured by the same createBuffer tracking as our engine.
import type { CheckResult, Stats } from './common-types.js';

export const COMPARE_MODES = ['none', 'ort'] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];

/** Fields every peer run has; times in ms, null when the run failed. */
export interface PeerRunResult {
  /** Median of the timed runs (session.run plus reading the output back). */
  timeMs: number | null;
  /** Median, p10 and p90 of the timed runs, summarized exactly as our times are (src/util/stats.ts); null when the run failed. */
  timeStatsMs: Stats | null;
  /** The first session.run (shader compilation, buffer creation). */
  firstRunMs: number | null;
  sessionMs: number | null;
  runsMs: number[];
  /** Why the peer did not run; null when it did. */
  error: string | null;
}

/** The preferred WebGPU build failed on this model, so the other one was tried. */
export interface OrtFallback {
  /** The build that failed first, e.g. 'jsep/NCHW'. */
  from: string;
  /** Its error, e.g. the JSEP build's "not yet implemented" for MaxPool with ceil_mode. */
  error: string;
}

export interface OrtWebgpuPeer extends PeerRunResult {
  /** Build and layout of the run these numbers come from: 'jsep/NCHW' (JavaScript kernels) or 'native/NCHW' (the C++ WebGPU EP). */
  variant: string;
  /** Set when the preferred build failed and `variant` is the other one; null when the preferred build ran. */
  fallback: OrtFallback | null;
  /** Most bytes live on ORT's device during this session: createBuffer minus destroy, as for our engine. */
  peakBytes: number | null;
  /** What ORT's device already held when the session began (the JSEP build keeps its cache across sessions). */
  baselineBytes: number | null;
  /** Still held after session.release(). */
  liveAfterReleaseBytes: number | null;
  /** max|ORT - ours| / max|ours|, for information (the check uses the wasm output). */
  maxRelErrorVsOurs: number | null;
}

export interface OrtWasmPeer extends PeerRunResult {
  /** Our output compared with ORT's wasm (CPU) output: the independent reference. */
  check: CheckResult;
}

export interface PeersResult {
  /** What the ratios divide by: our wall time per inference (median) and our physical peak. */
  ours: { timeMs: number | null; peakBytes: number | null };
  ortWebgpu: OrtWebgpuPeer;
  ortWasm: OrtWasmPeer;
  ratios: {
    /** ORT WebGPU time / ours: above 1, ours is faster. */
    ortWebgpuTimeOverOurs: number | null;
    ortWasmTimeOverOurs: number | null;
    /** ORT WebGPU buffer peak / ours: above 1, ours holds less. */
    ortWebgpuPeakOverOurs: number | null;
  };
}

/** Which model ran: the built-in network or an ONNX file. */
export interface ModelInfo {
  name: string;
  source: 'builtin' | 'onnx';
  /** The file name for an ONNX model; null for the built-in network. */
  file: string | null;
}
