// Bench page wiring: options form, progress, live rows, the report, downloads.
import { listen, runBench, type BenchState } from './state';
import { ARTIFACT_FILES, artifacts, download, type Artifacts } from './artifacts';
import { applyQuery, readForm } from './form';
import './model-form';
import { showModel, showTiming } from './heading';
import { reportBody } from '../src/report/html';
import { sweepTable } from '../src/report/tables';
import type { Results } from '../src/results/types';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const form = $<HTMLFormElement>('options');
const runButton = $<HTMLButtonElement>('run');

function showProgress(s: BenchState): void {
  $('progress').hidden = s.status !== 'running';
  const p = s.progress;
  if (!p) return;
  $<HTMLProgressElement>('bar').value = p.fraction;
  const step = p.steps ? ` ${p.step}/${p.steps}` : '';
  const what = p.phase === 'ceilings' ? p.message : p.variant ? `what-if ${p.config + 1}/${p.configs}: ${p.variant}, ${p.phase}${step}` : `config ${p.config + 1}/${p.configs}: ${p.label} ${p.mode}, ${p.phase}${step}`;
  $('progress-text').textContent = `${what} (${(p.elapsedMs / 1000).toFixed(0)} s)`;
}

function showDevice(s: BenchState): void {
  if (s.device) $('device').textContent = s.device;
}

function showError(s: BenchState): void {
  const el = $('error');
  el.hidden = s.status !== 'error';
  el.textContent = s.error ? `${s.error.name}: ${s.error.message}` : '';
}

function showRows(s: BenchState): void {
  if (s.status !== 'running' || !s.rows.length) return;
  const partial = { configs: s.rows } as Results;
  $('live').innerHTML = `<h2>Finished so far</h2>${sweepTable(partial)}`;
}

listen({
  onState: (s) => {
    runButton.disabled = s.status === 'running';
    showDevice(s);
    showProgress(s);
    showError(s);
    showRows(s);
  },
});

let files: Artifacts | undefined;

async function start(): Promise<void> {
  $('report').innerHTML = '';
  $('downloads').hidden = true;
  showTiming(null);
  try {
    const results = await runBench(readForm(form));
    $('live').innerHTML = '';
    showModel(results.model.name);
    showTiming(results);
    $('report').innerHTML = `<h2>Results</h2>${reportBody(results)}`;
    files = artifacts(results);
    $('downloads').hidden = false;
  } catch {
    // runBench has already put the error in benchState, which the listener shows.
    if (window.benchState.status !== 'error') showError({ ...window.benchState, status: 'error', error: { name: 'Error', message: 'the run failed' } });
  }
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  void start();
});

$('downloads').addEventListener('click', (e) => {
  const key = (e.target as HTMLElement).dataset.file as keyof Artifacts | undefined;
  if (key && files) download(files[key], ARTIFACT_FILES[key]);
});

if (applyQuery(form, location.search)) void start();
