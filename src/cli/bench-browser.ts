// The browser host: serves the bench page, runs the sweep in headless Chromium and collects the
// four files the page makes (the HTML report's charts need the page's DOM).
import { Harness } from '../harness/browser.js';
import type { StagedModel } from '../sweep/onnx-model.js';
import type { BenchArgs } from './bench-args.js';
import { BenchPageError, driveBench } from './bench-drive.js';
import type { BenchRunner, HostRun, Say } from './bench-main.js';
import { progressSayer } from './bench-progress.js';
import { CEILINGS_CACHE_FILE, TUNING_CACHE_FILE, collectPage, seedPage } from './ceilings-cache.js';
import { TUNING_CACHE_PREFIX } from '../profiler/tuning/signature.js';

const BENCH_PAGE = '/bench/index.html';

async function run(args: BenchArgs, say: Say, staged: StagedModel | null): Promise<HostRun> {
  let harness: Harness;
  try {
    harness = await Harness.start();
  } catch (e) {
    throw new BenchPageError('NoBrowser', `could not start headless Chromium: ${(e as Error).message}`);
  }
  try {
    const page = await harness.open(BENCH_PAGE);
    await seedPage(page, CEILINGS_CACHE_FILE);
    await seedPage(page, TUNING_CACHE_FILE, TUNING_CACHE_PREFIX);
    if (staged) await harness.run(page, '/bench/model-stage.ts', 'stageModel', staged);
    const driven = await driveBench(page, args.sweep, progressSayer(say));
    await collectPage(page, CEILINGS_CACHE_FILE);
    await collectPage(page, TUNING_CACHE_FILE, TUNING_CACHE_PREFIX);
    const f = driven.files;
    return { results: driven.results, files: [['results.json', f.json], ['layers.csv', f.csv], ['trace.json', f.trace], ['report.html', f.html]] };
  } finally {
    await harness.close();
  }
}

export const browserRunner: BenchRunner = { run };
