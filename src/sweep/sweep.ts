// The sweep: every (size, batch, mode) configuration measured in turn on one device, each
// composed with its predictions into the results document. A configuration that runs out of
// memory or hits a device limit becomes an "oom" row and the sweep goes on. A device lost during
// a configuration makes it a "device-lost" row; the sweep then goes on with a new device from the
// host (SweepContext.reacquire), or, when none can be had, marks the rest as not run.
import type { BufferTracker } from '../profiler/buffer-tracker.js';
import type { Engine } from '../runtime/engine.js';
import type { DeviceHandle } from '../runtime/device.js';
import { ReferenceCache, notChecked } from './check.js';
import { composeFailed, type ConfigKey, type SweepPoint } from '../results/compose.js';
import { pointLabel } from '../results/labels.js';
import { runConfig, type ConfigContext } from './config-run.js';
import { PipelineCache } from '../runtime/pipelines.js';
import { BUILTIN_INFO, JEONGWONNET, type BenchModel } from './model.js';
import { formComparison } from '../results/forms.js';
import { comparePeers, type MeasuredRow, type PeerCache } from './peers.js';
import { resolveOptions } from './options.js';
import { seedReferenceRows } from '../results/predict.js';
import { rooflineContext } from '../results/roofline.js';
import { runWhatIf } from './whatif-run.js';
import { QuantumDetector } from '../profiler/quantum.js';
import { timingResult } from '../results/timing.js';
import type { SweepProgress } from './progress.js';
import type { KeyValueStore } from '../profiler/ceilings/cache.js';
import { createTuner, tunerResult } from './tuning-step.js';
import { stopReason } from './stop.js';
import { noOverhead } from '../results/overhead.js';
import { DeviceKeeper, lossRowMessage } from './device-keeper.js';
import {
  SCHEMA_VERSION,
  SEED_PYTORCH_LABEL,
  type CeilingsResult,
  type ConfigResult,
  type DeviceLossRecord,
  type Environment,
  type HostInfo,
  type Mode,
  type ModelForm,
  type ProfilingOverhead,
  type Results,
  type SweepOptions,
  type WhatIfClaimResult,
  type WhatIfResult,
} from '../results/types.js';

export interface SweepContext {
  handle: DeviceHandle;
  tracker: BufferTracker;
  model?: BenchModel;
  onProgress?(p: SweepProgress): void;
  /** Each finished row, as soon as it exists (for live tables). */
  onConfig?(row: ConfigResult): void;
  /** Each engine once created, before it runs (lets tests reconcile what it owns). */
  onEngine?(engine: Engine, config: ConfigKey): void;
  /** onnxruntime-web beside each point, when the options compare with it (see sweep-setup.ts). */
  peers?: PeerCache | null;
  /** The host the sweep runs in, recorded in the environment. */
  host: HostInfo;
  /** Measured device ceilings (the page measures them); without them the roofline fields stay null. */
  ceilings?: CeilingsResult | null;
  /** Where variant choices are cached (default: localStorage when there is one; null: nowhere). */
  tuningStore?: KeyValueStore | null;
  /** Stops the sweep at its next step: the result holds the configurations done, marked incomplete. */
  signal?: AbortSignal;
  /** Compiled pipelines of ctx.handle's device to start from (e.g. an earlier sweep's); default: a new cache. */
  pipelines?: PipelineCache;
  /**
   * A new device after the current one was lost; the host owns it (and destroys it when done).
   * Without it a lost device ends the sweep: the remaining rows are marked as not run.
   */
  reacquire?(): Promise<DeviceHandle>;
}

export function environmentOf(handle: DeviceHandle, timestamps: boolean, host: HostInfo): Environment {
  const a = handle.adapterInfo;
  return {
    host: host.host,
    userAgent: host.userAgent,
    adapter: { vendor: a.vendor, architecture: a.architecture, description: a.description, device: a.device, isFallbackAdapter: a.isFallbackAdapter },
    features: [...handle.features],
    limits: { ...handle.limits },
    timestampQuery: timestamps && handle.features.includes('timestamp-query'),
  };
}

interface ConfigPlan {
  at: SweepPoint;
  mode: Mode;
  form?: ModelForm;
  model: BenchModel;
}

/** The model's points, each in every mode; the forms of one point run back to back, so both meet the device in the same state. */
function configList(o: SweepOptions, model: BenchModel): ConfigPlan[] {
  const forms = model.forms ?? [{ form: undefined, model }];
  return model.points(o).flatMap((at) => o.modes.flatMap((mode) => forms.map((f) => ({ at, mode, form: f.form, model: f.model }))));
}

const pause = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

function initialOverhead(opts: SweepOptions, env: Environment): ProfilingOverhead {
  if (!env.timestampQuery) return noOverhead('unsupported', 'the device has no timestamp-query feature (or timestamps were turned off)');
  if (opts.overheadPairs <= 0) return noOverhead('not-measured', 'disabled (overheadPairs = 0)');
  return noOverhead('not-measured', 'no configuration ran successfully');
}

export async function runSweep(options: Partial<SweepOptions>, ctx: SweepContext): Promise<Results> {
  const opts = resolveOptions(options);
  const model = ctx.model ?? JEONGWONNET;
  const isSeedNet = model === JEONGWONNET;
  const t0 = performance.now();
  const env = environmentOf(ctx.handle, opts.timestamps, ctx.host);
  if (opts.maxBindingBytes && opts.maxBindingBytes < ctx.handle.limits.maxStorageBufferBindingSize) env.emulatedMaxStorageBufferBindingSize = opts.maxBindingBytes;
  const list = configList(opts, model);
  const refs = model.reference ? new ReferenceCache(model.reference) : null;
  const configs: ConfigResult[] = [];
  const measured: MeasuredRow[] = [];
  let overhead = initialOverhead(opts, env);
  // One pipeline cache per device: configurations differ in shapes (uniforms), not in kernels.
  const pipelines = ctx.pipelines ?? new PipelineCache(ctx.handle.device);
  const roofline = rooflineContext(ctx.ceilings ?? null, env);
  const quantum = new QuantumDetector();
  let tuneProgress: (message: string) => void = () => undefined;
  const tuner = createTuner(opts, ctx.handle, pipelines, ctx.tuningStore, (m) => tuneProgress(m));
  const keeper = new DeviceKeeper(ctx.handle, pipelines, ctx.reacquire?.bind(ctx), (p) => tuner.usePipelines(p));
  checkInjection(opts, list.length);
  for (const [i, c] of list.entries()) {
    if (ctx.signal?.aborted) break;
    const key: ConfigKey = { ...c.at, mode: c.mode, reps: opts.reps, warmup: opts.warmup };
    const where = { batch: c.at.batch, size: c.at.size, label: pointLabel(c.at), mode: c.mode, ...(c.form ? { form: c.form } : {}) };
    const name = `${where.label} ${c.mode}${c.form ? ` ${c.form}` : ''}`;
    const report: ConfigContext['progress'] = (p) => ctx.onProgress?.({ config: i, configs: list.length, ...where, ...p });
    const progress = opts.injectDeviceLoss === i + 1 ? injectingProgress(keeper, report) : report;
    tuneProgress = (message) => progress({ phase: 'tune', message });
    if (keeper.lostBetween()) await keeper.recover(null, `before ${name}`);
    let row: ConfigResult;
    if (keeper.dead) row = skipped(key, keeper.dead);
    else {
      // The overhead is measured once, on the first configuration that runs.
      const wantOverhead = overhead.status === 'not-measured' && opts.overheadPairs > 0 && env.timestampQuery;
      const out = await runConfig(key, { handle: keeper.handle, tracker: ctx.tracker, model: c.model, refs, opts, progress, onEngine: ctx.onEngine, wantOverhead, pipelines: keeper.pipelines, roofline, keepOutput: !!ctx.peers, quantum, tuner, signal: ctx.signal, soak: opts.soak });
      if (out.stopped) break;
      row = out.row;
      overhead = out.overhead ?? overhead;
      if (out.lost) row.error = lossRowMessage(await keeper.recover(i + 1, name));
      if (out.output) measured.push({ row, output: out.output, index: i, model: c.model });
    }
    if (c.form) row.form = c.form;
    if (!isSeedNet) row.seedPyTorchPeakBytes = null;
    configs.push(row);
    ctx.onConfig?.(row);
    progress({ phase: 'done', message: `${c.mode} ${where.label}: ${row.status}` });
    await pause();
  }
  const stopped = ctx.signal?.aborted ?? false;
  let whatif: { whatif: WhatIfResult[]; claims: WhatIfClaimResult[] } | null = null;
  if (keeper.lostBetween() && opts.whatif && !stopped) await keeper.recover(null, 'before the what-if variants');
  if (opts.whatif && isSeedNet && !keeper.dead && !stopped && list.length) {
    const w = await runWhatIf({ handle: keeper.handle, tracker: ctx.tracker, opts, at: list[0].at, roofline, pipelines: keeper.pipelines, onProgress: ctx.onProgress, quantum });
    // The what-if variants come last: the ones after a loss stay unmeasured, with nothing left to recover for.
    if (w.lost) keeper.losses.push(whatIfLoss(w.lost));
    whatif = w;
  }
  // Last, so that what the peers leave running in the page cannot slow our measurements.
  const peerStep = (m: MeasuredRow): SweepProgress => ({ config: m.index, configs: list.length, batch: m.row.batch, size: m.row.size, label: pointLabel(m.row), mode: m.row.mode, phase: 'peers', message: 'onnxruntime-web (WebGPU, then wasm)' });
  if (ctx.peers && !stopped) await comparePeers(ctx.peers, model, measured, (m) => ctx.onProgress?.(peerStep(m)));
  return {
    schemaVersion: SCHEMA_VERSION,
    createdAt: new Date().toISOString(),
    environment: env,
    timing: timingResult(opts, env.timestampQuery, quantum.result(), configs),
    model: model.info ?? BUILTIN_INFO,
    options: opts,
    durationMs: performance.now() - t0,
    profilingOverhead: overhead,
    configs,
    seedReference: { label: SEED_PYTORCH_LABEL, rows: isSeedNet ? seedReferenceRows() : [] },
    deviceLost: keeper.losses.length ? keeper.losses : null,
    ceilings: ctx.ceilings ?? null,
    whatif: whatif?.whatif ?? null,
    whatifClaims: whatif?.claims ?? null,
    forms: formComparison(configs),
    tuning: tunerResult(tuner, opts),
    incomplete: stopped ? { reason: stopReason(ctx.signal!), configsDone: configs.length, configsPlanned: list.length } : null,
  };
}

/** A configuration number that the sweep does not have is a usage error, said before anything runs. */
function checkInjection(opts: SweepOptions, configs: number): void {
  const k = opts.injectDeviceLoss;
  if (k != null && k > configs) throw new Error(`inject device loss: there is no configuration ${k}; this sweep has ${configs} (numbered from 1 in the order they run)`);
}

/** Destroys the device once, just before the middle timed run (the 2nd of 2 or 3, the 3rd of 4 or 5). */
function injectingProgress(keeper: DeviceKeeper, report: ConfigContext['progress']): ConfigContext['progress'] {
  let done = false;
  return (p) => {
    if (!done && p.phase === 'rep' && p.steps && p.step === Math.floor(p.steps / 2) + 1) {
      done = true;
      keeper.inject();
    }
    report(p);
  };
}

function whatIfLoss(lost: string): DeviceLossRecord {
  const [reason, ...rest] = lost.split(': ');
  return { config: null, during: 'what-if', reason: rest.length ? reason : 'unknown', message: rest.length ? rest.join(': ') : lost, injected: false, recovered: false, recoveryMs: null, recoveryError: 'not attempted: the what-if variants come last, and the ones after the loss were not run' };
}

function skipped(key: ConfigKey, lost: string): ConfigResult {
  const error = new Error(`not run: the device was lost earlier (${lost})`);
  error.name = 'DeviceLostError';
  return composeFailed(key, 'error', error, null, notChecked('not run'), 0);
}
