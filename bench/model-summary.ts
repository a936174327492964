// What the page shows about a model file before anything runs: its inputs and outputs (dynamic
// dims marked), its ops with counts, its parameter count, and at once the ops it cannot import
// with the importer's own message. HTML only; bench/model-form.ts decides when.
import { escapeHtml as esc } from '../src/report/format';
import type { OnnxInspection, OpUse } from '../src/sweep/onnx-inspect';

type Dims = (number | string | null)[] | undefined;

function dimsHtml(dims: Dims): string {
  if (!dims) return '<span class="dyn">no shape declared</span>';
  const parts = dims.map((d) => (typeof d === 'number' && d > 0 ? String(d) : `<span class="dyn" title="dynamic: set below">${esc(typeof d === 'string' && d ? d : '?')}</span>`));
  return parts.join(' × ');
}

function ioTable(what: string, rows: { name: string; dims?: Dims }[]): string {
  const body = rows.map((r) => `<tr><td>${esc(r.name)}</td><td class="dims">${dimsHtml(r.dims)}</td></tr>`).join('');
  return `<table class="io"><thead><tr><th>${what}</th><th>Shape</th></tr></thead><tbody>${body}</tbody></table>`;
}

const opName = (u: OpUse): string => (u.domain ? `${u.domain}.${u.op}` : u.op);

function opsHtml(x: OnnxInspection): string {
  const bad = new Set(x.unsupported.map(opName));
  const constOnly = new Set(x.constantOnly.map(opName));
  const chips = Object.entries(x.summary.opCounts).map(([op, n]) => {
    const cls = bad.has(op) ? 'chip bad-chip' : constOnly.has(op) ? 'chip const-chip' : 'chip';
    const title = bad.has(op) ? 'not supported' : constOnly.has(op) ? 'supported on constants and shapes only' : 'supported';
    return `<span class="${cls}" title="${title}">${esc(op)} <b>×${n}</b></span>`;
  });
  // Ops of other domains are keyed by op type in the counts; list them by their full name too.
  for (const u of x.unsupported) if (u.domain) chips.push(`<span class="chip bad-chip" title="not supported">${esc(opName(u))} <b>×${u.nodes}</b></span>`);
  return `<div class="chips">${chips.join(' ')}</div>`;
}

function problemsHtml(x: OnnxInspection): string {
  const out: string[] = [];
  if (x.unsupported.length) {
    const list = x.unsupported.map((u) => `${opName(u)} (${u.nodes} node${u.nodes > 1 ? 's' : ''})`).join(', ');
    out.push(`<p class="bad"><strong>Unsupported ops: ${esc(list)}.</strong> This model cannot run here until they are supported or replaced in the export.</p>`);
  }
  if (x.trial.error) {
    const at = x.trial.shapes ? ` (imported at ${Object.entries(x.trial.shapes).map(([n, s]) => `${n} ${s.join('x')}`).join(', ')})` : '';
    out.push(`<pre class="bad error-box" id="model-error">The importer says${esc(at)}: ${esc(x.trial.error)}</pre>`);
  }
  if (x.constantOnly.length && !x.trial.error) {
    out.push(`<p class="muted">${esc(x.constantOnly.map(opName).join(', '))}: evaluated at import time (on constants and shapes), as this model uses them.</p>`);
  }
  return out.join('\n');
}

export function summaryHtml(file: { name: string; size: number }, x: OnnxInspection): string {
  const s = x.summary;
  const nodes = Object.values(s.opCounts).reduce((a, b) => a + b, 0);
  const dynamic = x.fields.length ? `${x.fields.length} dynamic (${x.fields.map((f) => esc(f.key)).join(', ')}): set them below` : 'none: every input dim is fixed';
  const facts = [
    ['File', `${esc(file.name)}, ${(file.size / 1024).toFixed(1)} KB`],
    ['Producer', `${esc(s.producer || 'unknown')}, IR ${s.irVersion}, opset ${s.opset}`],
    ['Parameters', `${s.initializerElements.toLocaleString('en-US')} in ${s.initializers} initializers`],
    ['Nodes', `${nodes}, of ${Object.keys(s.opCounts).length} op types`],
    ['Dynamic dims', dynamic],
  ];
  return [
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`,
    `<div class="io-tables">${ioTable('Input', s.inputs)}${ioTable('Output', s.outputs)}</div>`,
    opsHtml(x),
    problemsHtml(x),
  ].join('\n');
}

export function fileErrorHtml(name: string, message: string): string {
  return `<pre class="bad error-box" id="model-error">Cannot use ${esc(name)}: ${esc(message)}\nThe page runs the built-in network until you choose another model.</pre>`;
}
