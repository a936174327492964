// Bench page wiring: options form, Run and Stop, progress, errors, live rows, the report,
// downloads, and the runs kept in this browser.
import { listen, probeDevice, runBench, stopBench, type BenchState } from './state';
import { ARTIFACT_FILES, artifacts, download, type Artifacts } from './artifacts';
import { applyQuery, readForm } from './form';
import './model-drop';
import { shapeOptions } from './model-shapes';
import { showDevice, showModel, showTiming } from './heading';
import { progressText } from './progress';
import { initHistory, recordRun, runStarted } from './history-view';
import { reportBody } from '../src/report/html';
import { sweepTable } from '../src/report/tables';
import { escapeHtml as esc } from '../src/report/format';
import type { Results } from '../src/results/types';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const form = $<HTMLFormElement>('options');
const runButton = $<HTMLButtonElement>('run');
const stopButton = $<HTMLButtonElement>('stop');

function showProgress(s: BenchState): void {
  $('progress').hidden = s.status !== 'running';
  const p = s.progress;
  if (!p) return;
  $<HTMLProgressElement>('bar').value = p.fraction;
  $('progress-text').textContent = progressText(p);
}

function showDeviceLine(s: BenchState): void {
  if (s.device) showDevice(s.device, s.adapter ?? 'adapter', 'browser');
}

function showError(message: string | null): void {
  const el = $('error');
  el.hidden = message === null;
  el.textContent = message ?? '';
}

function showRows(s: BenchState): void {
  if (s.status !== 'running' || !s.rows.length) return;
  const partial = { configs: s.rows } as Results;
  $('live').innerHTML = `<h2>Finished so far</h2>${sweepTable(partial)}`;
}

function showLiveAfter(s: BenchState): void {
  const note = $('run-note');
  note.hidden = !s.liveAfter;
  if (s.liveAfter) note.textContent = `GPU buffers left on the page's device after the run: ${s.liveAfter.buffers} (${s.liveAfter.bytes} bytes).`;
}

listen({
  onState: (s) => {
    runButton.disabled = s.status === 'running';
    if (s.status !== 'running') stopButton.textContent = 'Stop';
    stopButton.disabled = s.status !== 'running' || stopButton.textContent !== 'Stop';
    showDeviceLine(s);
    showProgress(s);
    if (s.status === 'error') showError(s.error ? `${s.error.name}: ${s.error.message}` : 'the run failed without a message');
    showRows(s);
    showLiveAfter(s);
  },
});

let files: Artifacts | undefined;
/** The results on the page now: the last run's, or a kept run the user chose to show. */
let shown: Results | undefined;

/** Puts a run's report and downloads on the page. */
function showResults(r: Results, label?: string): void {
  shown = r;
  $('live').innerHTML = '';
  showModel(r.model.name);
  showTiming(r);
  const from = label ? `<p class="muted">Showing kept run ${esc(label)}.</p>` : '';
  $('report').innerHTML = `<h2>Results</h2>${from}${reportBody(r)}`;
  files = artifacts(r);
  $('downloads').hidden = false;
}

async function start(): Promise<void> {
  $('report').innerHTML = '';
  $('downloads').hidden = true;
  showError(null);
  showTiming(null);
  let options;
  try {
    const base = readForm(form);
    options = { ...base, ...shapeOptions(base) };
  } catch (e) {
    showError(`The options are not valid: ${(e as Error).message}`);
    return;
  }
  shown = undefined;
  runStarted();
  try {
    const results = await runBench(options);
    showResults(results);
    await recordRun(results);
  } catch {
    // runBench has already put the error in benchState, which the listener shows; the page
    // stays as it was, ready for the next run.
  }
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  void start();
});

// A new model makes the last run's error stale.
form.addEventListener('model-staged', () => {
  if (window.benchState.status !== 'running') showError(null);
});

stopButton.addEventListener('click', () => {
  if (!stopBench('stopped from the page')) return;
  stopButton.textContent = 'Stopping…';
  stopButton.disabled = true;
});

$('downloads').addEventListener('click', (e) => {
  const key = (e.target as HTMLElement).dataset.file as keyof Artifacts | undefined;
  if (key && files) download(files[key], ARTIFACT_FILES[key]);
});

// Whatever slips past the handlers above still shows on the page instead of only in the console.
window.addEventListener('unhandledrejection', (e) => showError(`Unexpected error: ${e.reason instanceof Error ? e.reason.message : String(e.reason)}`));

initHistory({ current: () => shown, show: showResults });
showTiming(null);
probeDevice().catch((e: Error) => showDevice(`Host: browser. Adapter: none (${e.message}).`, 'no adapter', 'browser'));
if (applyQuery(form, location.search)) void start();
