// onnxruntime-web as the peer runner: its WebGPU EP (NCHW) and its wasm EP on the model bytes,
// with as many runs as our engine gets. Of the two WebGPU builds the preferred one runs first;
// when it fails on a model (the JSEP build refuses some ops, e.g. MaxPool with ceil_mode), the
// other one runs instead, and the result says which build ran and why. A peer that fails is
// recorded with its error; it never stops the sweep.
import { DEFAULT_WEBGPU_BACKEND, runOrt, type OrtBackend, type OrtFeeds, type OrtLayout, type OrtRunOptions, type OrtRunResult } from '../peers/ort.js';
import type { SweepPoint } from '../results/compose.js';
import type { GpuPeerRun, PeerRun, PeerRunner } from './peers.js';

/** Runs ORT once on the bytes (runOrt; a fake in tests). */
export type OrtRun = (model: Uint8Array, feeds: OrtFeeds, opts: OrtRunOptions) => Promise<OrtRunResult>;

export interface OrtPeerOptions {
  /** The ONNX bytes ORT runs at this point: the user's file, or our graph exported. */
  model(at: SweepPoint): Uint8Array;
  reps: number;
  /** Our warm-up count; ORT's first run counts as one, as ours does. */
  warmup: number;
  /** The WebGPU builds to try, in order (default: the preferred build, then the other). */
  backends?: OrtBackend[];
  layout?: OrtLayout;
  run?: OrtRun;
}

const BUILD: Record<OrtBackend, string> = { wasm: 'wasm', webgpu: 'jsep', 'webgpu-native': 'native' };
const WEBGPU_BUILDS: OrtBackend[] = ['webgpu', 'webgpu-native'];

/** The preferred WebGPU build first, then the other one. */
export const WEBGPU_ORDER: readonly OrtBackend[] = [DEFAULT_WEBGPU_BACKEND, ...WEBGPU_BUILDS.filter((b) => b !== DEFAULT_WEBGPU_BACKEND)];

export function ortVariant(backend: OrtBackend, layout: OrtLayout): string {
  return `${BUILD[backend]}/${layout}`;
}

const message = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

function failed(error: unknown): PeerRun {
  return { timeMs: null, timeStatsMs: null, firstRunMs: null, sessionMs: null, runsMs: [], output: null, error: message(error) };
}

function ran(r: OrtRunResult): PeerRun {
  return { timeMs: r.medianMs, timeStatsMs: r.timeStatsMs, firstRunMs: r.firstRunMs, sessionMs: r.sessionMs, runsMs: r.runsMs, output: r.output, error: null };
}

function gpuFailed(error: unknown, variant: string): GpuPeerRun {
  return { ...failed(error), variant, peakBytes: null, baselineBytes: null, liveAfterReleaseBytes: null, fallback: null };
}

function gpuRan(r: OrtRunResult, variant: string): GpuPeerRun {
  const b = r.gpuBuffers;
  return { ...ran(r), variant, peakBytes: b?.peakBytes ?? null, baselineBytes: b?.baselineBytes ?? null, liveAfterReleaseBytes: b?.liveAfterReleaseBytes ?? null, fallback: null };
}

/**
 * Tries each build in turn until one runs. `variant` names the build whose numbers these are
 * (the last one tried when none ran); `fallback` keeps the first build's error when it was not that one.
 */
export async function runWebgpuBuilds(run: OrtRun, bytes: Uint8Array, feeds: OrtFeeds, common: OrtRunOptions, backends: readonly OrtBackend[], layout: OrtLayout): Promise<GpuPeerRun> {
  let first: GpuPeerRun | null = null;
  let last: GpuPeerRun | null = null;
  for (const backend of backends) {
    const variant = ortVariant(backend, layout);
    try {
      last = gpuRan(await run(bytes, feeds, { ...common, backend, layout }), variant);
      break;
    } catch (e) {
      last = gpuFailed(e, variant);
      first ??= last;
    }
  }
  if (!last) throw new Error('no onnxruntime-web WebGPU build to run');
  return first && first !== last ? { ...last, fallback: { from: first.variant, error: first.error! } } : last;
}

export function ortPeerRunner(o: OrtPeerOptions): PeerRunner {
  const backends = o.backends ?? WEBGPU_ORDER;
  const layout = o.layout ?? 'NCHW';
  const run = o.run ?? runOrt;
  return async (feeds, at) => {
    let bytes: Uint8Array;
    try {
      bytes = o.model(at);
    } catch (e) {
      return { webgpu: gpuFailed(e, ortVariant(backends[0], layout)), wasm: failed(e) };
    }
    const common = { reps: o.reps, warmup: Math.max(0, o.warmup - 1) };
    const webgpu = await runWebgpuBuilds(run, bytes, feeds, common, backends, layout);
    let wasm: PeerRun;
    try {
      wasm = ran(await run(bytes, feeds, { ...common, backend: 'wasm', settle: true }));
    } catch (e) {
      wasm = failed(e);
    }
    return { webgpu, wasm };
  };
}
