// One configuration: build, predict, create the engine, measure, check; always releasing
// what it created, whatever fails.
import type { PipelineCache } from '../runtime/pipelines.js';
import { keyString } from '../runtime/kernel.js';
import type { DeviceHandle } from '../runtime/device.js';
import { Engine } from '../runtime/engine.js';
import { BufferLimitError, DeviceLostError, GpuOutOfMemoryError } from '../runtime/errors.js';
import { LimitError } from '../plan/index.js';
import type { BufferTracker } from '../profiler/buffer-tracker.js';
import { tensorsByBuffer } from '../profiler/attribution.js';
import { measureEngine } from '../profiler/measure.js';
import type { QuantumDetector } from '../profiler/quantum.js';
import { measureOverhead } from '../profiler/overhead.js';
import { soakEngine, trackedLiveBuffers } from '../profiler/soak.js';
import type { Graph } from '../graph/ir.js';
import { checkOutput, notChecked, type ReferenceCache } from './check.js';
import { composeFailed, composeOk, type ConfigKey, type Measured } from '../results/compose.js';
import { modelInputs, type BenchModel } from './model.js';
import type { Prediction } from '../results/predict.js';
import { applyCacheLevels, applyRoofline, type RooflineContext, type RooflineDispatch } from '../results/roofline.js';
import type { SweepProgress } from './progress.js';
import { isStopped, throwIfStopped } from './stop.js';
import { chooserOf, type NodeChoice, type Tuner } from '../profiler/tuning/index.js';
import { applyVariants } from '../results/variants.js';
import { OVERHEAD_GOAL, type CheckResult, type ConfigResult, type ProfilingOverhead, type SoakResult, type SweepOptions } from '../results/types.js';

export interface ConfigContext {
  handle: DeviceHandle;
  tracker: BufferTracker;
  model: BenchModel;
  refs: ReferenceCache | null;
  opts: SweepOptions;
  progress(p: Omit<SweepProgress, 'config' | 'configs' | 'batch' | 'size' | 'label' | 'mode'>): void;
  wantOverhead: boolean;
  onEngine?(engine: Engine, config: ConfigKey): void;
  pipelines?: PipelineCache;
  /** Ceilings to place every node against; null leaves the roofline fields null. */
  roofline?: RooflineContext | null;
  /** Hand back the first output (the peers compare with it once the sweep has measured everything). */
  keepOutput?: boolean;
  /** The sweep's timestamp quantum detector: every engine's stamps, so later ones know the quantum from the start. */
  quantum?: QuantumDetector;
  /** Chooses each node's variant before the engine is made; without one, the kernels' defaults. */
  tuner?: Tuner;
  /** Stops the configuration at its next step (see stop.ts). */
  signal?: AbortSignal;
  /** Inferences after the timed runs, checked for leaks and bit-identical outputs (0 or absent: none). */
  soak?: number;
}

export interface ConfigOutcome {
  row: ConfigResult;
  overhead: ProfilingOverhead | null;
  lost: string | null;
  output?: Float32Array;
  /** The sweep was stopped during this configuration; row is its partial failure, not a result. */
  stopped?: boolean;
}

const pause = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** The soak on the measured engine: the device's live buffers before and after, every output against the first run's. */
async function soak(e: Engine, feeds: Record<string, Float32Array>, first: Record<string, Float32Array>, runs: number, cc: ConfigContext): Promise<SoakResult> {
  // A progress line every 5% is enough for a thousand runs; the stop signal is checked every run.
  const every = Math.max(1, Math.floor(runs / 20));
  return soakEngine(e, feeds, {
    runs,
    first,
    live: trackedLiveBuffers(cc.tracker, cc.handle.device),
    onStep: (i, n) => {
      throwIfStopped(cc.signal);
      if (i === 1 || i === n || i % every === 0) cc.progress({ phase: 'soak', step: i, steps: n, message: `soak ${i}/${n}` });
    },
  });
}

/** Lets a pending device-lost report land: hosts deliver it a little after the errors it causes. */
async function lossSettled(handle: DeviceHandle, waitMs = 100): Promise<void> {
  await Promise.race([handle.device.lost.then(pause), new Promise((r) => setTimeout(r, waitMs))]);
}

/** Engine and measurement; the engine is destroyed before returning, whatever happens. */
async function measure(key: ConfigKey, g: Graph, cc: ConfigContext, choices: Map<string, NodeChoice> | null): Promise<{ measured: Measured; overhead: ProfilingOverhead | null }> {
  const { device } = cc.handle;
  const scope = cc.tracker.scope(device);
  let engine: Engine | undefined;
  try {
    const limits = cc.opts.maxBindingBytes ? { maxStorageBufferBindingSize: cc.opts.maxBindingBytes } : undefined;
    engine = await Engine.create(device, g, { mode: key.mode, pipelines: cc.pipelines, limits, chooseVariant: choices ? chooserOf(choices) : undefined });
    const e = engine;
    cc.onEngine?.(e, key);
    // After the engine: a configuration beyond the device's limits fails before paying for inputs.
    const feeds = modelInputs(cc.model, key, g);
    const measurement = await measureEngine(e, feeds, {
      reps: key.reps,
      warmup: key.warmup,
      timestamps: cc.opts.timestamps,
      emulateQuantumNs: cc.opts.emulateTimestampQuantumNs,
      quantizedReps: cc.opts.quantizedReps,
      detector: cc.quantum,
      scope,
      onStep: (phase, step, steps) => {
        throwIfStopped(cc.signal);
        cc.progress({ phase, step, steps, message: `${phase} ${step}/${steps}` });
      },
    });
    const physical = { bytes: scope.peakBytes(), buffers: scope.peakBuffers().map((b) => ({ label: b.label, bytes: b.bytes })) };
    const measured: Measured = {
      dispatches: e.dispatches.map((d) => ({
        index: d.index,
        nodeIndex: d.nodeIndex,
        node: d.node,
        label: d.spec.label,
        kernel: keyString(d.spec.key),
        key: d.spec.key,
        workgroups: d.workgroups,
        shader: d.spec.shader,
        kernelName: d.kernel,
        variant: d.variant,
      })),
      pipelines: e.pipelineCount,
      bindGroups: e.bindGroupsCreated,
      measurement,
      physical,
      tensorsByBuffer: tensorsByBuffer(e.plan.assignment.slots),
    };
    let overhead: ProfilingOverhead | null = null;
    if (cc.wantOverhead) {
      cc.progress({ phase: 'overhead', message: `profiling overhead, ${cc.opts.overheadPairs} interleaved pairs` });
      const { supported, ...o } = await measureOverhead(e, feeds, cc.opts.overheadPairs);
      overhead = { status: supported ? 'measured' : 'unsupported', batch: key.batch, size: key.size, inputShapes: key.inputShapes, mode: key.mode, ...o, goal: OVERHEAD_GOAL };
    }
    // Last, before the engine goes: everything the soak finds alive was alive before it too, or leaked.
    measured.soak = cc.soak ? await soak(e, feeds, measurement.outputs, cc.soak, cc) : null;
    return { measured, overhead };
  } finally {
    engine?.destroy();
    cc.tracker.destroyLeftovers(scope);
    scope.close();
  }
}

async function check(key: ConfigKey, g: Graph, outputs: Record<string, Float32Array>, cc: ConfigContext): Promise<CheckResult> {
  if (!cc.opts.check) return notChecked('disabled');
  if (cc.model.check) {
    cc.progress({ phase: 'check', message: 'checking the output against the model reference' });
    return cc.model.check(key, outputs[g.outputs[0]], modelInputs(cc.model, key, g));
  }
  if (!cc.refs || key.size === null) return notChecked('this model has no CPU reference graph');
  cc.progress({ phase: 'check', message: `checking ${key.batch} item(s) against the CPU reference` });
  return checkOutput(outputs[g.outputs[0]], key.batch, key.size, cc.refs, pause);
}

const OOM_ERRORS = new Set(['GpuOutOfMemoryError', 'LimitError', 'BufferLimitError']);

/** oom: the configuration does not fit this device; device-lost (with lost, the reason): the device is gone. */
export function classify(err: unknown, handle: DeviceHandle): { status: 'oom' | 'error' | 'device-lost'; error: Error; lost: string | null } {
  const error = err instanceof Error ? err : new Error(String(err));
  const lost = handle.lost ? `${handle.lost.reason}: ${handle.lost.message}` : error instanceof DeviceLostError ? error.message : null;
  if (lost) return { status: 'device-lost', error, lost };
  const oom = error instanceof GpuOutOfMemoryError || error instanceof LimitError || error instanceof BufferLimitError || OOM_ERRORS.has(error.name);
  return { status: oom ? 'oom' : 'error', error, lost: null };
}

function dispatchLikes(m: Measured): RooflineDispatch[] {
  return m.dispatches.map((d) => ({ node: d.node, workgroups: d.workgroups, spec: { shader: d.shader, key: d.key } }));
}

export async function runConfig(key: ConfigKey, cc: ConfigContext): Promise<ConfigOutcome> {
  const t0 = performance.now();
  let prediction: Prediction | null = null;
  let g: Graph | null = null;
  try {
    cc.progress({ phase: 'build', message: 'building the graph and the predictions' });
    await pause();
    throwIfStopped(cc.signal);
    g = cc.model.runnable(key);
    prediction = cc.model.predict(key, g);
    // Before the measurement's buffer scope: the tuner's one-node engines are gone by then.
    const choices = cc.tuner ? await cc.tuner.plan(cc.handle.device, g) : null;
    throwIfStopped(cc.signal);
    const { measured, overhead } = await measure(key, g, cc, choices);
    const outputs = measured.measurement.outputs;
    const result = await check(key, g, outputs, cc);
    const row = composeOk(key, measured, prediction, result, performance.now() - t0);
    applyRoofline(row, g, dispatchLikes(measured), cc.roofline ?? null);
    applyVariants(row, measured.dispatches.map((d) => ({ node: d.node.name, kernel: d.kernelName, variant: d.variant })), choices, cc.roofline?.ceilings.peakGflops ?? null);
    return { row, overhead, lost: null, ...(cc.keepOutput ? { output: outputs[g.outputs[0]] } : {}) };
  } catch (err) {
    await lossSettled(cc.handle); // a failure caused by a loss is classified as the loss
    const c = classify(err, cc.handle);
    const stopped = isStopped(err) && !c.lost;
    const row = composeFailed(key, c.status, c.error, prediction, notChecked(`not run (${c.status})`), performance.now() - t0);
    if (g) applyCacheLevels(row.layers, g, cc.roofline?.caches);
    return { row, overhead: null, lost: c.lost, ...(stopped ? { stopped } : {}) };
  }
}
