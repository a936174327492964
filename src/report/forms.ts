// As exported vs reparameterized, per (batch, size, mode), for the terminal and the HTML report:
// what merging a training-form model's RepConv branches saves, beside the seed's §4 prediction.
import type { FormComparisonRow, FormSide, Results } from '../results/types.js';
import { configName, escapeHtml as esc, mb, ms, percent, ratio } from './format.js';
import { textTable } from './summary.js';
import { table } from './tables.js';

const side = (s: FormSide): string[] => (s.status === 'ok' ? [mb(s.measuredPhysical), mb(s.measuredLogical), mb(s.predicted), ms(s.gpuTimeMs)] : [s.status, '-', '-', '-']);

const HEADERS = [
  'config',
  'mode',
  'exported phys MB',
  'exp. logical MB',
  'exp. predicted MB',
  'exp. GPU ms',
  'reparam phys MB',
  'rep. logical MB',
  'rep. predicted MB',
  'rep. GPU ms',
  'phys less',
  'logical less',
  'predicted less',
  'time rep./exp.',
];

function row(c: FormComparisonRow): string[] {
  const d = c.reduction;
  return [configName(c), c.mode, ...side(c.asExported), ...side(c.reparameterized), percent(d.physical, 1), percent(d.logical, 1), percent(d.predicted, 1), ratio(c.timeRatio, 2)];
}

function note(r: Results): string {
  const f = r.forms!;
  return `Training form as exported (RepConv branches kept, fusions on) vs reparameterized, same input and reference. Seed §4 for one RepConv block: ${percent(f.seedBlockReduction, 1)} less. ${f.note}`;
}

export function formsText(r: Results): string | null {
  if (!r.forms) return null;
  return `${textTable(HEADERS, r.forms.rows.map(row))}\n${note(r)}`;
}

export function formsHtml(r: Results): string {
  if (!r.forms) return '';
  return `<h2>Training form: as exported vs reparameterized</h2>\n<p class="muted">${esc(note(r))}</p>\n${table(HEADERS, r.forms.rows.map(row), 2)}`;
}
