// `npm run bench -- [options]`: the sweep in headless Chromium (the default, --host browser),
// writing results.json, layers.csv, trace.json and report.html; or in plain Node through Dawn
// (--host node), writing the same four files (the report's charts drawn into linkedom). See bench-main.ts.
// The npm script runs it as `node --import tsx`, one process: the tsx command would stand between
// the terminal and this process and SIGKILL it whenever it takes more than 60 ms to acknowledge a
// Ctrl-C (a busy machine), leaving no time to stop the sweep and end the browser.
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { registerRawImports } from '../host/raw-imports.js';
import { exitWith } from './interrupt.js';
import { benchMain, type BenchRunner } from './bench-main.js';
import { CEILINGS_CACHE_FILE, TUNING_CACHE_FILE } from './ceilings-cache.js';
import type { Results } from '../results/types.js';

/** Where the installed `webgpu` package keeps this platform's dawn.node (null: not installed). */
function dawnDir(): string | null {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('webgpu')), 'dist', `${process.platform}-${process.arch}`);
  } catch {
    return null;
  }
}

/** layers.csv, trace.json and report.html, the report's charts drawn into linkedom's DOM. */
async function renderFiles(r: Results): Promise<[string, string][]> {
  return (await import('./dom.js')).renderedFiles(r);
}

async function node(): Promise<BenchRunner> {
  // From source, shaders are `?raw` imports: Node needs the hook before the engine loads.
  registerRawImports();
  const { nodeRunner } = await import('./bench-node.js');
  return nodeRunner({ dawnDir: dawnDir(), ceilingsFile: CEILINGS_CACHE_FILE, tuningFile: TUNING_CACHE_FILE, render: renderFiles });
}

async function browser(): Promise<BenchRunner> {
  return (await import('./bench-browser.js')).browserRunner;
}

exitWith(await benchMain(process.argv.slice(2), { hosts: { browser, node }, defaultHost: 'browser' }));
