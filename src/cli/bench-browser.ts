// The browser host: serves the bench page, runs the sweep in headless Chromium and collects the
// four files the page makes (the HTML report's charts need the page's DOM).
import { BrowserLaunchError, Harness } from '../harness/browser.js';
import type { StagedModel } from '../sweep/onnx-model.js';
import type { BenchArgs } from './bench-args.js';
import { BenchPageError, driveBench } from './bench-drive.js';
import type { BenchRunner, HostRun, RunControl, Say } from './bench-main.js';
import { progressSayer } from './bench-progress.js';
import { CEILINGS_CACHE_FILE, TUNING_CACHE_FILE, collectPage, seedPage } from './ceilings-cache.js';
import { TUNING_CACHE_PREFIX } from '../profiler/tuning/signature.js';

const BENCH_PAGE = '/bench/index.html';

async function start(say: Say): Promise<Harness> {
  try {
    const harness = await Harness.start();
    // Which processes and folders are this run's: they all end (and go) with it.
    say(`browser: Chromium pid ${harness.browserPid ?? '?'} (profile ${harness.userDataDir}); bench page served at ${harness.url} by this process (pid ${process.pid})`);
    return harness;
  } catch (e) {
    if (e instanceof BrowserLaunchError) throw new BenchPageError('NoBrowser', `could not start headless Chromium: ${e.message}`);
    throw e;
  }
}

async function run(args: BenchArgs, say: Say, staged: StagedModel | null, control: RunControl): Promise<HostRun> {
  const harness = await start(say);
  try {
    const page = await harness.open(BENCH_PAGE);
    await seedPage(page, CEILINGS_CACHE_FILE);
    await seedPage(page, TUNING_CACHE_FILE, TUNING_CACHE_PREFIX);
    if (staged) await harness.run(page, '/bench/model-stage.ts', 'stageModel', staged);
    const sayer = progressSayer(say);
    const driven = await driveBench(
      page,
      args.sweep,
      (p) => {
        control.onProgress(p);
        sayer(p);
      },
      { signal: control.signal, stopTimeoutMs: control.stopTimeoutMs, onRow: control.onRow },
    );
    await collectPage(page, CEILINGS_CACHE_FILE);
    await collectPage(page, TUNING_CACHE_FILE, TUNING_CACHE_PREFIX);
    const f = driven.files;
    return { results: driven.results, files: [['results.json', f.json], ['layers.csv', f.csv], ['trace.json', f.trace], ['report.html', f.html]] };
  } finally {
    await harness.close();
  }
}

export const browserRunner: BenchRunner = { run };
