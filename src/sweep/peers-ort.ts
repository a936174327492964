// onnxruntime-web as the peer runner: its WebGPU EP (the faster build here, NCHW) and its
// wasm EP on the model bytes, with as many runs as our engine gets. A peer that fails is
// recorded with its error; it never stops the sweep.
import { DEFAULT_WEBGPU_BACKEND, runOrt, type OrtBackend, type OrtLayout, type OrtRunResult } from '../peers/ort.js';
import type { GpuPeerRun, PeerRun, PeerRunner } from './peers.js';

export interface OrtPeerOptions {
  /** The ONNX bytes ORT runs at this point: the user's file, or our graph exported. */
  model(at: { batch: number; size: number }): Uint8Array;
  reps: number;
  /** Our warm-up count; ORT's first run counts as one, as ours does. */
  warmup: number;
  backend?: OrtBackend;
  layout?: OrtLayout;
}

const BUILD: Record<OrtBackend, string> = { wasm: 'wasm', webgpu: 'jsep', 'webgpu-native': 'native' };

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

export function ortPeerRunner(o: OrtPeerOptions): PeerRunner {
  const backend = o.backend ?? DEFAULT_WEBGPU_BACKEND;
  const layout = o.layout ?? 'NCHW';
  const variant = ortVariant(backend, layout);
  return async (input, shape, at) => {
    let bytes: Uint8Array;
    try {
      bytes = o.model(at);
    } catch (e) {
      return { webgpu: { ...failed(e), variant, peakBytes: null, baselineBytes: null, liveAfterReleaseBytes: null }, wasm: failed(e) };
    }
    const common = { inputShape: shape, reps: o.reps, warmup: Math.max(0, o.warmup - 1) };
    let webgpu: GpuPeerRun;
    try {
      const r = await runOrt(bytes, input, { ...common, backend, layout });
      const b = r.gpuBuffers;
      webgpu = { ...ran(r), variant, peakBytes: b?.peakBytes ?? null, baselineBytes: b?.baselineBytes ?? null, liveAfterReleaseBytes: b?.liveAfterReleaseBytes ?? null };
    } catch (e) {
      webgpu = { ...failed(e), variant, peakBytes: null, baselineBytes: null, liveAfterReleaseBytes: null };
    }
    let wasm: PeerRun;
    try {
      wasm = ran(await runOrt(bytes, input, { ...common, backend: 'wasm' }));
    } catch (e) {
      wasm = failed(e);
    }
    return { webgpu, wasm };
  };
}
