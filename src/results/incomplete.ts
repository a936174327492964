// The document of a run whose host could not hand back its own results (its page stopped
// answering or crashed, or a second Ctrl-C cut the stop short): the configurations it had
// reported so far, marked incomplete. It reads, reports and compares like any other document;
// what the host never reported (its adapter, features and limits, the profiling overhead) is
// empty and says so.
import { seedReferenceRows } from './predict.js';
import { noOverhead } from './overhead.js';
import { SCHEMA_VERSION, SEED_PYTORCH_LABEL, type ConfigResult, type HostKind, type ModelInfo, type Results, type SweepOptions } from './types.js';

export const NOT_REPORTED = 'not reported: the run ended before its host reported the adapter';

export interface IncompleteRun {
  options: SweepOptions;
  host: HostKind;
  model: ModelInfo;
  /** The configurations finished and reported before the end. */
  rows: readonly ConfigResult[];
  configsPlanned: number;
  reason: string;
  durationMs: number;
  /** What the host said of itself, if anything (a user agent). */
  userAgent?: string;
}

export function incompleteResults(run: IncompleteRun): Results {
  const seedNet = run.model.source === 'builtin' && !run.options.variant;
  return {
    schemaVersion: SCHEMA_VERSION,
    createdAt: new Date().toISOString(),
    environment: {
      host: run.host,
      userAgent: run.userAgent ?? '',
      adapter: { vendor: '', architecture: '', description: NOT_REPORTED },
      features: [],
      limits: {},
      // Whether timestamps were used is what the rows show; without rows, what was asked for.
      timestampQuery: run.rows.length ? run.rows.some((r) => r.nodes.some((n) => n.gpuTimeMs !== null)) : run.options.timestamps,
    },
    model: run.model,
    options: run.options,
    durationMs: run.durationMs,
    profilingOverhead: noOverhead('not-measured', 'not reported: the run ended before its host handed back its results'),
    configs: [...run.rows],
    seedReference: { label: SEED_PYTORCH_LABEL, rows: seedNet ? seedReferenceRows() : [] },
    deviceLost: null,
    ceilings: null,
    whatif: null,
    whatifClaims: null,
    forms: null,
    tuning: null,
    incomplete: { reason: run.reason, configsDone: run.rows.length, configsPlanned: Math.max(run.configsPlanned, run.rows.length) },
  };
}
