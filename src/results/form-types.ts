// The forms of a training-form model, as the results document records them: which form a row
// ran, what the options asked for, and the two forms side by side (computed in forms.ts).
import type { ConfigStatus, InputShapes, Mode } from './common-types.js';

export const MODEL_FORMS = ['as-exported', 'reparameterized'] as const;
export type ModelForm = (typeof MODEL_FORMS)[number];
export const FORM_CHOICES = ['auto', 'both', ...MODEL_FORMS] as const;
export type FormChoice = (typeof FORM_CHOICES)[number];

export interface FormSide {
  status: ConfigStatus;
  measuredPhysical: number | null;
  measuredLogical: number | null;
  predicted: number | null;
  /** End-to-end GPU time (the timing method's estimate: median, or mean under quantized timestamps). */
  gpuTimeMs: number | null;
  /** Nodes the engine ran (after the passes). */
  nodes: number;
}

export interface FormComparisonRow {
  batch: number;
  size: number | null;
  inputShapes: InputShapes;
  mode: Mode;
  asExported: FormSide;
  reparameterized: FormSide;
  /** 1 - reparameterized / as exported, per peak; null when either side has no value. */
  reduction: { physical: number | null; logical: number | null; predicted: number | null };
  /** Reparameterized GPU time over as-exported GPU time. */
  timeRatio: number | null;
}

export interface FormComparison {
  /** The seed's §4 prediction for one RepConv block: 7 maps training, 2 deploy. */
  seedBlockReduction: number;
  note: string;
  rows: FormComparisonRow[];
}
