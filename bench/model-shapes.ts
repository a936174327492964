// Input-shape fields for the dims a model leaves dynamic: one per named dim (shared by every input
// that uses the name), comma-separated lists sweeping every combination. While a model has them,
// they set the sweep's shapes and the batch and size fields step aside.
import { escapeHtml as esc } from '../src/report/format';
import type { SweepOptions } from '../src/results/types';
import { shapesPoint } from '../src/sweep/model';
import { shapesFromFields, type OnnxInspection } from '../src/sweep/onnx-inspect';

const PREFIX = 'dim:';
let current: OnnxInspection | null = null;

const container = (): HTMLElement => document.getElementById('model-shapes')!;
const form = (): HTMLFormElement => document.getElementById('options') as HTMLFormElement;

function setBatchSizeFields(active: boolean): void {
  for (const name of ['batch', 'size']) {
    const el = form().elements.namedItem(name) as HTMLInputElement | null;
    if (!el) continue;
    el.readOnly = !active;
    el.title = active ? '' : 'This model has dynamic dims: the input-shape fields set its shapes.';
  }
}

function fieldHtml(f: OnnxInspection['fields'][number]): string {
  const where = f.uses.map((u) => (u.index < 0 ? `${u.input} (whole shape)` : `${u.input}[${u.index}]`)).join(', ');
  const label = f.kind === 'shape' ? `Shape of ${f.key}` : f.key;
  return `<label title="Used by ${esc(where)}. A comma-separated list sweeps several values.">${esc(label)} <input name="${PREFIX}${esc(f.key)}" value="${esc(f.suggested)}" size="8" /><span class="hint">${esc(where)}</span></label>`;
}

/** Shows the fields of a staged model's dynamic dims (none: null, or a model without any). */
export function showShapeFields(x: OnnxInspection | null): void {
  current = x && x.fields.length ? x : null;
  setBatchSizeFields(!current);
  container().hidden = !current;
  if (!current) {
    container().innerHTML = '';
    return;
  }
  container().innerHTML = `<div class="shape-head">Input shapes for the dynamic dims (comma-separated values sweep every combination; batch and size above are not used for this model)</div>${current.fields.map(fieldHtml).join('')}`;
}

/** The shapes the fields give, as sweep options; {} when the staged model has no dynamic dims. */
export function shapeOptions(): Partial<SweepOptions> {
  if (!current) return {};
  const values: Record<string, string> = {};
  for (const f of current.fields) values[f.key] = String((form().elements.namedItem(PREFIX + f.key) as HTMLInputElement | null)?.value ?? '');
  const inputShapes = shapesFromFields(current.summary.inputs, current.fields, values);
  const points = inputShapes.map(shapesPoint);
  // As the CLI records them: the batch and size values of the configurations (sizes: square 4-D inputs only).
  return { inputShapes, batches: [...new Set(points.map((p) => p.batch))], sizes: [...new Set(points.flatMap((p) => (p.size === null ? [] : [p.size])))] };
}
