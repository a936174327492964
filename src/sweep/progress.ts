// What a sweep reports while it runs, for progress bars and log lines. Its own module, because
// the sweep, one configuration's run and the what-if runs all report it.
import type { ModelForm, Mode } from '../results/types.js';

export interface SweepProgress {
  /** 0-based index of the configuration being run, and how many there are. */
  config: number;
  configs: number;
  batch: number;
  size: number | null;
  /** The point's name: b1@256, or its input shapes (see results/labels.ts). */
  label: string;
  mode: Mode;
  /** Set when a training-form model runs in both forms. */
  form?: ModelForm;
  phase: 'ceilings' | 'build' | 'tune' | 'warmup' | 'rep' | 'overhead' | 'soak' | 'peers' | 'check' | 'done';
  step?: number;
  steps?: number;
  /** Set while a what-if variant runs (config then counts variants). */
  variant?: string;
  message: string;
}

/** How far into a configuration each phase starts, so the fraction (and the page's ETA) only grows. */
const PHASE_AT: Record<SweepProgress['phase'], number> = { ceilings: 0, build: 0, tune: 0.05, warmup: 0.1, rep: 0.3, overhead: 0.8, soak: 0.82, peers: 0.9, check: 0.95, done: 1 };

export function progressFraction(p: SweepProgress): number {
  const steps = p.steps && p.step !== undefined ? p.step / p.steps : 0;
  // Warm-up, timed and soak runs spread over their share of the configuration.
  const spread: Partial<Record<SweepProgress['phase'], number>> = { warmup: 0.2, rep: 0.5, soak: 0.12 };
  const within = PHASE_AT[p.phase] + (spread[p.phase] ?? 0) * steps;
  return (p.config + within) / p.configs;
}
