// The page's list of earlier runs (bench/history.ts) and the comparison of two of them, or of
// one and the current run, rendered by the compare view (src/compare, src/report/compare-html).
import { compareResults } from '../src/compare/compare';
import { compareHtml } from '../src/report/compare-html';
import { summaryLine } from '../src/report/compare-text';
import { escapeHtml as esc } from '../src/report/format';
import type { Results } from '../src/results/types';
import { download } from './artifacts';
import { clearRuns, deleteRun, HISTORY_LIMITS, listRuns, loadRun, saveRun, type StoredRun } from './history';

export interface HistoryHooks {
  /** The run on the page now, if it is not a stored one. */
  current(): Results | undefined;
  /** Shows a stored run's report where the current one goes. */
  show(r: Results, label: string): void;
}

const CURRENT = 'current';
const $ = (id: string): HTMLElement => document.getElementById(id)!;
let hooks: HistoryHooks | undefined;
/** The current run's id in the store, once saved. */
let currentId: number | null = null;
let lastComparison: { json: string; html: string } | undefined;

const when = (iso: string): string => new Date(iso).toLocaleString();
const kb = (bytes: number): string => (bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MB` : bytes ? `${Math.max(1, Math.round(bytes / 1024))} KB` : '0 KB');

function configsText(r: StoredRun): string {
  const failed = r.failed ? `, ${r.failed} failed` : '';
  return r.planned !== null ? `${r.configs} of ${r.planned} (stopped)${failed}` : `${r.configs}${failed}`;
}

function runLabel(r: StoredRun): string {
  return `#${r.id} ${r.model}, ${when(r.createdAt)}${r.planned !== null ? ' (incomplete)' : ''}`;
}

function radios(value: string, a: boolean, b: boolean): string {
  return `<td><input type="radio" name="cmp-a" value="${value}" aria-label="A"${a ? ' checked' : ''}></td><td><input type="radio" name="cmp-b" value="${value}" aria-label="B"${b ? ' checked' : ''}></td>`;
}

function rowHtml(r: StoredRun, a: boolean, b: boolean): string {
  const mark = r.id === currentId ? ' <span class="tag">this run</span>' : '';
  return `<tr data-id="${r.id}">${radios(String(r.id), a, b)}<td>#${r.id}${mark}</td><td>${esc(when(r.createdAt))}</td><td>${esc(r.model)}</td><td class="num">${esc(configsText(r))}</td><td>${esc(r.adapter)}</td><td class="num">${kb(r.bytes)}</td>
<td><button type="button" data-act="show">Show</button> <button type="button" data-act="delete">Delete</button></td></tr>`;
}

/** Newest first; A defaults to the run before the newest, B to the newest (or the unsaved current run). */
function tableHtml(runs: StoredRun[], unsaved: Results | undefined): string {
  const newest = [...runs].reverse();
  const rows = newest.map((r, i) => rowHtml(r, i === (unsaved ? 0 : 1) || newest.length === 1, i === 0 && !unsaved));
  if (unsaved) rows.unshift(`<tr data-id="${CURRENT}">${radios(CURRENT, false, true)}<td colspan="6">the current run (${esc(unsaved.model.name)}, not kept)</td><td></td></tr>`);
  const head = '<tr><th>A</th><th>B</th><th>Run</th><th>Started</th><th>Model</th><th>Configurations</th><th>Adapter</th><th>Size</th><th></th></tr>';
  return `<table id="history-table"><thead>${head}</thead><tbody>${rows.join('\n')}</tbody></table>`;
}

async function render(note = ''): Promise<void> {
  const list = $('history-list');
  try {
    const runs = await listRuns();
    const unsaved = currentId === null ? hooks?.current() : undefined;
    const total = runs.reduce((s, r) => s + r.bytes, 0);
    const kept = `${runs.length} run(s), ${kb(total)} kept`;
    list.innerHTML = runs.length || unsaved ? tableHtml(runs, unsaved) : '<p class="muted">No runs kept yet: each run you finish (or stop) here is kept.</p>';
    $('history-actions').hidden = !runs.length;
    $('history-note').textContent = `${kept}. This browser keeps the last ${HISTORY_LIMITS.runs} runs, at most ${HISTORY_LIMITS.bytes / 2 ** 20} MB in all; older ones are dropped first.${note ? ` ${note}` : ''}`;
  } catch (e) {
    list.innerHTML = `<p class="bad">${esc((e as Error).message)}</p>`;
  }
}

/** A run has started: the run on the page is no longer the one kept last. */
export function runStarted(): void {
  currentId = null;
  void render();
}

/** Keeps a finished run; says what was dropped to make room. */
export async function recordRun(r: Results): Promise<void> {
  currentId = null;
  try {
    const out = await saveRun(r);
    currentId = out.saved?.id ?? null;
    const note = out.reason ? `This run is not kept: ${out.reason}.` : out.evicted ? `${out.evicted} older run(s) dropped to stay within the limit.` : '';
    await render(note);
  } catch (e) {
    await render(`This run could not be kept: ${(e as Error).message}.`);
  }
}

async function resultsOf(value: string): Promise<{ r: Results; label: string }> {
  if (value === CURRENT) {
    const r = hooks?.current();
    if (!r) throw new Error('there is no current run to compare');
    return { r, label: `current run (${r.model.name})` };
  }
  const id = Number(value);
  const meta = (await listRuns()).find((x) => x.id === id);
  return { r: await loadRun(id), label: meta ? runLabel(meta) : `#${id}` };
}

const checked = (name: string): string | undefined => (document.querySelector(`input[name="${name}"]:checked`) as HTMLInputElement | null)?.value;

function fitFrame(frame: HTMLIFrameElement): void {
  const doc = frame.contentDocument;
  if (doc) frame.style.height = `${doc.documentElement.scrollHeight + 24}px`;
}

async function compareChosen(): Promise<void> {
  const out = $('comparison');
  const [a, b] = [checked('cmp-a'), checked('cmp-b')];
  if (!a || !b) {
    out.innerHTML = '<p class="bad">Choose a run as A and one as B (the radio buttons), then compare.</p>';
    return;
  }
  try {
    const [x, y] = await Promise.all([resultsOf(a), resultsOf(b)]);
    const cmp = compareResults(x.r, y.r, { a: x.label, b: y.label });
    lastComparison = { json: JSON.stringify(cmp, null, 2), html: compareHtml(cmp) };
    out.innerHTML = `<p><strong>${esc(summaryLine(cmp))}</strong> <button type="button" data-file="compare-json">compare.json</button> <button type="button" data-file="compare-html">compare.html</button></p>`;
    const frame = document.createElement('iframe');
    frame.id = 'comparison-frame';
    frame.title = 'Comparison of the two runs';
    frame.addEventListener('load', () => fitFrame(frame));
    frame.srcdoc = lastComparison.html;
    out.append(frame);
  } catch (e) {
    out.innerHTML = `<p class="bad">Cannot compare: ${esc((e as Error).message)}</p>`;
  }
}

async function onListClick(e: Event): Promise<void> {
  const button = (e.target as HTMLElement).closest('button');
  const id = Number(button?.closest('tr')?.dataset.id);
  if (!button || !Number.isFinite(id)) return;
  if (button.dataset.act === 'delete') {
    await deleteRun(id);
    if (id === currentId) currentId = null;
    await render();
  } else if (button.dataset.act === 'show') {
    const meta = (await listRuns()).find((x) => x.id === id);
    hooks?.show(await loadRun(id), meta ? runLabel(meta) : `#${id}`);
  }
}

function onComparisonClick(e: Event): void {
  const file = (e.target as HTMLElement).dataset.file;
  if (!lastComparison || !file) return;
  if (file === 'compare-json') download(lastComparison.json, { name: 'compare.json', type: 'application/json' });
  if (file === 'compare-html') download(lastComparison.html, { name: 'compare.html', type: 'text/html' });
}

export function initHistory(h: HistoryHooks): void {
  hooks = h;
  $('history-list').addEventListener('click', (e) => void onListClick(e).catch((err: Error) => render(`That did not work: ${err.message}.`)));
  $('compare-runs').addEventListener('click', () => void compareChosen());
  $('comparison').addEventListener('click', onComparisonClick);
  $('clear-history').addEventListener('click', () => {
    currentId = null;
    void clearRuns().then(() => render('Cleared.'), (err: Error) => render(`Not cleared: ${err.message}.`));
  });
  void render();
}
