// The shapes a staged model runs at. Dims it leaves dynamic get fields: one per named dim (shared
// by every input that uses the name), comma-separated lists sweeping every combination; the
// batch and size fields then step aside. A model with fixed dims that are not one square image
// keeps them: only the batch field applies (as --batch does on the command line).
import { resolveInputShapes, type InputShapes } from '../src/onnx/index';
import { escapeHtml as esc } from '../src/report/format';
import type { SweepOptions } from '../src/results/types';
import { shapesPoint } from '../src/sweep/model';
import { shapesFromFields, type OnnxInspection } from '../src/sweep/onnx-inspect';

const PREFIX = 'dim:';
let current: OnnxInspection | null = null;

const container = (): HTMLElement => document.getElementById('model-shapes')!;
const form = (): HTMLFormElement => document.getElementById('options') as HTMLFormElement;

type ShapeMode = 'batch-size' | 'fields' | 'batch-only';

/** A square 4-D first input (NCHW) is what the size field sets; any other fixed shape is kept. */
function modeOf(x: OnnxInspection | null): ShapeMode {
  if (!x) return 'batch-size';
  if (x.fields.length) return 'fields';
  const d = x.summary.inputs[0].dims ?? [];
  return x.summary.inputs.length === 1 && d.length === 4 && d[2] === d[3] ? 'batch-size' : 'batch-only';
}

function setField(name: string, active: boolean, why: string): void {
  const el = form().elements.namedItem(name) as HTMLInputElement | null;
  if (!el) return;
  el.readOnly = !active;
  el.title = active ? '' : why;
}

function fieldHtml(f: OnnxInspection['fields'][number]): string {
  const where = f.uses.map((u) => (u.index < 0 ? `${u.input} (whole shape)` : `${u.input}[${u.index}]`)).join(', ');
  const label = f.kind === 'shape' ? `Shape of ${f.key}` : f.key;
  return `<label title="Used by ${esc(where)}. A comma-separated list sweeps several values.">${esc(label)} <input name="${PREFIX}${esc(f.key)}" value="${esc(f.suggested)}" size="8" /><span class="hint">${esc(where)}</span></label>`;
}

/** Shows the fields of a staged model's dynamic dims (none: null, or a model without any). */
export function showShapeFields(x: OnnxInspection | null): void {
  current = x;
  const mode = modeOf(x);
  setField('batch', mode !== 'fields', 'This model has dynamic dims: the input-shape fields set its shapes.');
  setField('size', mode === 'batch-size', mode === 'fields' ? 'This model has dynamic dims: the input-shape fields set its shapes.' : 'This model fixes its input shapes (not one square image), so it runs at them.');
  container().hidden = mode !== 'fields';
  if (!current || mode !== 'fields') {
    container().innerHTML = '';
    return;
  }
  container().innerHTML = `<div class="shape-head">Input shapes for the dynamic dims (comma-separated values sweep every combination; batch and size above are not used for this model)</div>${current.fields.map(fieldHtml).join('')}`;
}

function fieldShapes(x: OnnxInspection): InputShapes[] {
  const values: Record<string, string> = {};
  for (const f of x.fields) values[f.key] = String((form().elements.namedItem(PREFIX + f.key) as HTMLInputElement | null)?.value ?? '');
  return shapesFromFields(x.summary.inputs, x.fields, values);
}

/**
 * The shapes to run, as sweep options over the form's (`base`): {} where the batch and size
 * fields apply as they are (the built-in network, a model with one square input).
 */
export function shapeOptions(base: Partial<SweepOptions>): Partial<SweepOptions> {
  const mode = modeOf(current);
  if (!current || mode === 'batch-size') return {};
  const inputShapes = mode === 'fields' ? fieldShapes(current) : resolveInputShapes(current.summary.inputs, { batches: base.batches });
  const points = inputShapes.map(shapesPoint);
  // As the CLI records them: the batch and size values of the configurations (sizes: square 4-D inputs only).
  return { inputShapes, batches: [...new Set(points.map((p) => p.batch))], sizes: [...new Set(points.flatMap((p) => (p.size === null ? [] : [p.size])))] };
}
