// onnxruntime-web as the peer the engine is compared with: runs model bytes + one input in
// this page and reports outputs, timings and (on WebGPU) the GPU buffers ORT holds.
//
// Three ways to run, all selectable:
//   'wasm'        CPU, the JSEP build's wasm kernels (single-threaded: the page is not
//                 crossOriginIsolated, so ORT cannot start worker threads);
//   'webgpu'      the JSEP build ('onnxruntime-web') with its JavaScript WebGPU kernels;
//   'webgpu-native' the native C++ WebGPU EP build ('onnxruntime-web/webgpu').
// Both WebGPU variants take a layout; NCHW avoids NHWC transposes, which use workgroup
// memory and are slow on SwiftShader. DEFAULT_WEBGPU_BACKEND is the faster variant here.
import type * as Ort from 'onnxruntime-web';
import { installBufferTracker } from '../profiler/buffer-tracker.js';
import { summarize, type Summary } from '../util/stats.js';

export type OrtBackend = 'wasm' | 'webgpu' | 'webgpu-native';
export type OrtLayout = 'NCHW' | 'NHWC';

/**
 * SwiftShader, whole network b1@256 (our export), 2-core machine, medians of 3-5 runs:
 * JSEP/NCHW 2.9-5.2 s (first run 3.1-10 s), native/NCHW 3.7-5.5 s (first run 9-11 s),
 * native/NHWC 5.7 s. The two NCHW builds overlap within the noise; JSEP was ahead in two of
 * three rounds and starts faster, so it is the default. Peaks of live GPU buffers: JSEP
 * 39.8 MB, native 39.5 MB (NHWC 53.9 MB); JSEP keeps 38.7 MB cached after release.
 */
export const DEFAULT_WEBGPU_BACKEND: OrtBackend = 'webgpu';

export interface OrtRunOptions {
  backend?: OrtBackend;
  /** WebGPU tensor layout (default NCHW). */
  layout?: OrtLayout;
  /** Timed runs after the first (default 5); the median is reported. */
  reps?: number;
  /** Extra untimed runs between the first run and the timed ones (default 0). */
  warmup?: number;
  /**
   * Then keep running untimed until two consecutive runs agree within 10% (at most 8 runs or
   * 10 s): the wasm EP's code is tiered up in the background, and its first runs are 2-7x slower
   * than its steady state, which is what a user's app sees.
   */
  settle?: boolean;
}

export interface OrtGpuBuffers {
  /** Bytes ORT's device already held when the session was created (e.g. JSEP's cache from earlier sessions). */
  baselineBytes: number;
  /** Most bytes live on ORT's device at any point of session creation and runs. */
  peakBytes: number;
  /** peakBytes - baselineBytes: what this session added at its worst. */
  peakGrowthBytes: number;
  liveAfterRunsBytes: number;
  /** What stays after session.release() (JSEP keeps its buffer cache; the native EP frees it). */
  liveAfterReleaseBytes: number;
  buffersCreated: number;
}

export interface OrtRunResult {
  backend: OrtBackend;
  layout?: OrtLayout;
  output: Float32Array;
  outputShape: number[];
  sessionMs: number;
  firstRunMs: number;
  medianMs: number;
  /** Median, p10 and p90 of runsMs, filtered and summarized exactly as our engine's times; null without timed runs. */
  timeStatsMs: Summary | null;
  runsMs: number[];
  /** Untimed runs taken to settle (see OrtRunOptions.settle). */
  settleRuns: number;
  /** The .wasm the page actually fetched for this build (from resource timing). */
  wasmUrl?: string;
  gpuBuffers?: OrtGpuBuffers;
}

type OrtModule = typeof Ort;

type BuildKey = 'jsep' | 'native';

/**
 * How each build is imported. A bundler for the browser resolves 'onnxruntime-web' to the JSEP
 * build; Node resolves it to a wasm-only build, so a Node host points 'jsep' at the build that
 * has JSEP everywhere ('onnxruntime-web/all': the same kernels and wasm, plus WebGL).
 */
const imports: Record<BuildKey, () => Promise<unknown>> = {
  jsep: () => import('onnxruntime-web'),
  native: () => import('onnxruntime-web/webgpu'),
};

export function useOrtImports(given: Partial<Record<BuildKey, () => Promise<unknown>>>): void {
  Object.assign(imports, given);
  builds.clear();
}

// Cached per build: each import loads its own ~27 MB wasm once per page.
const builds = new Map<string, Promise<OrtModule>>();

function load(backend: OrtBackend): Promise<OrtModule> {
  const key: BuildKey = backend === 'webgpu-native' ? 'native' : 'jsep';
  let p = builds.get(key);
  if (!p) {
    const mod = imports[key]() as Promise<OrtModule>;
    p = mod.then((ort) => {
      ort.env.wasm.numThreads = 1;
      ort.env.wasm.proxy = false;
      // Its warnings (initializers a graph optimization removed) are not ours to act on; in Node
      // they would fill the terminal between the progress lines.
      ort.env.logLevel = 'error';
      return ort;
    });
    builds.set(key, p);
  }
  return p;
}

function sessionOptions(backend: OrtBackend, layout: OrtLayout): Ort.InferenceSession.SessionOptions {
  if (backend === 'wasm') return { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
  return { executionProviders: [{ name: 'webgpu', preferredLayout: layout } as Ort.InferenceSession.WebGpuExecutionProviderOption], graphOptimizationLevel: 'all' };
}

function lastWasmUrl(): string | undefined {
  const entries = performance.getEntriesByType('resource').filter((e) => /\.wasm(\?|$)/.test(e.name));
  return entries.at(-1)?.name;
}

/** Float32 data and shape per graph input, by name. */
export type OrtFeeds = Record<string, { data: Float32Array; shape: number[] }>;

export async function runOrt(model: Uint8Array, inputs: OrtFeeds, opts: OrtRunOptions = {}): Promise<OrtRunResult> {
  const backend = opts.backend ?? 'wasm';
  const layout = opts.layout ?? 'NCHW';
  const gpu = backend !== 'wasm';
  // The tracker must wrap createBuffer before ORT creates its device to see every buffer.
  const tracker = gpu ? installBufferTracker() : undefined;
  const ort = await load(backend);
  const mark = tracker?.ledger.mark() ?? 0;
  const t0 = performance.now();
  const session = await ort.InferenceSession.create(model, sessionOptions(backend, layout));
  const sessionMs = performance.now() - t0;
  const wasmUrl = lastWasmUrl();
  let released = false;
  try {
    const feeds = Object.fromEntries(Object.entries(inputs).map(([name, x]) => [name, new ort.Tensor('float32', x.data, x.shape)]));
    const once = async (): Promise<{ ms: number; out: Ort.Tensor }> => {
      const s = performance.now();
      const r = await session.run(feeds);
      const out = r[session.outputNames[0]];
      // Reading the data waits for the GPU; without it a run could return before the work ends.
      await out.getData();
      return { ms: performance.now() - s, out };
    };
    const first = await once();
    for (let i = 0; i < (opts.warmup ?? 0); i++) await once();
    const settleRuns = opts.settle ? await settle(once) : 0;
    const runsMs: number[] = [];
    let last = first.out;
    for (let i = 0; i < (opts.reps ?? 5); i++) {
      const r = await once();
      runsMs.push(r.ms);
      last = r.out;
    }
    // int64 outputs (ArgMax heads) arrive as BigInt64Array; ours are float32 indices.
    const output = Float32Array.from(await last.getData(), Number);
    const outputShape = [...last.dims];
    const afterRuns = tracker && (await ortDeviceOwner(ort, tracker, mark));
    await session.release();
    released = true;
    const gpuBuffers = tracker && afterRuns !== undefined ? gpuBufferSummary(tracker, mark, afterRuns) : undefined;
    const timeStatsMs = summarize(runsMs);
    return { backend, layout: gpu ? layout : undefined, output, outputShape, sessionMs, firstRunMs: first.ms, medianMs: timeStatsMs?.median ?? first.ms, timeStatsMs, runsMs, settleRuns, wasmUrl, gpuBuffers };
  } finally {
    if (!released) await session.release();
  }
}

const SETTLE = { maxRuns: 8, maxMs: 10_000, agreement: 0.1 };

/** Untimed runs until two in a row agree within SETTLE.agreement; returns how many ran. */
async function settle(once: () => Promise<{ ms: number }>): Promise<number> {
  const start = performance.now();
  let prev = (await once()).ms;
  let runs = 1;
  while (runs < SETTLE.maxRuns && performance.now() - start < SETTLE.maxMs) {
    const ms = (await once()).ms;
    runs++;
    if (Math.abs(ms - prev) <= SETTLE.agreement * Math.max(ms, prev)) break;
    prev = ms;
  }
  return runs;
}

type Tracker = ReturnType<typeof installBufferTracker>;

/** ORT's GPUDevice owner in the ledger, with its live bytes right now. */
async function ortDeviceOwner(ort: OrtModule, tracker: Tracker, mark: number): Promise<{ owner: number; liveAfterRuns: number } | undefined> {
  let owner: number | undefined;
  try {
    const device = await Promise.race([ort.env.webgpu.device, new Promise<undefined>((r) => setTimeout(() => r(undefined), 1000))]);
    if (device) owner = tracker.ownerOf(device);
  } catch {
    // Builds that do not expose their device: take the owner that allocated most since the mark.
  }
  if (owner === undefined) {
    const counts = new Map<number, number>();
    for (const e of tracker.ledger.eventsSince(mark)) if (e.kind === 'create') counts.set(e.owner, (counts.get(e.owner) ?? 0) + e.bytes);
    owner = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  }
  return owner === undefined ? undefined : { owner, liveAfterRuns: tracker.ledger.liveBytes(owner) };
}

function gpuBufferSummary(tracker: Tracker, mark: number, at: { owner: number; liveAfterRuns: number }): OrtGpuBuffers {
  const events = tracker.ledger.eventsSince(mark, at.owner);
  const first = events[0];
  // Live bytes just before the first event of this session (its own creation or destruction undone).
  const baselineBytes = first ? first.liveBytes - (first.kind === 'create' ? first.bytes : -first.bytes) : tracker.ledger.liveBytes(at.owner);
  const peakBytes = Math.max(baselineBytes, ...events.map((e) => e.liveBytes));
  return {
    baselineBytes,
    peakBytes,
    peakGrowthBytes: peakBytes - baselineBytes,
    liveAfterRunsBytes: at.liveAfterRuns,
    liveAfterReleaseBytes: tracker.ledger.liveBytes(at.owner),
    buffersCreated: events.filter((e) => e.kind === 'create').length,
  };
}

/** Fetches the wasm binaries of both builds as the dev server serves them (status, type, size). */
export async function checkOrtAssets(): Promise<{ url: string; status: number; contentType: string; bytes: number }[]> {
  const urls = await Promise.all([
    import('onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url'),
    import('onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url'),
  ]);
  return Promise.all(
    urls.map(async ({ default: url }) => {
      const r = await fetch(url);
      const body = await r.arrayBuffer();
      return { url, status: r.status, contentType: r.headers.get('content-type') ?? '', bytes: body.byteLength };
    }),
  );
}
