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
