// The Node host: the same run through Dawn in this process. It first makes sure Dawn can reach a
// Vulkan loader and driver (restarting with the loader's folder on LD_LIBRARY_PATH when only a
// browser's copy exists), then runs, and makes the files a DOM is not needed for.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { constants } from 'node:os';
import type { Results } from '../results/types.js';
import type { StagedModel } from '../sweep/onnx-model.js';
import { planVulkan } from '../host/vulkan.js';
import type { BenchArgs } from './bench-args.js';
import type { BenchRunner, HostRun, RunControl, Say } from './bench-main.js';
import { progressSayer } from './bench-progress.js';

export interface NodeRunnerOptions {
  /** The folder of dawn.node (Dawn looks for the Vulkan loader there first); null when unknown. */
  dawnDir: string | null;
  ceilingsFile: string;
  /** Where variant choices are cached between runs; absent: nowhere. */
  tuningFile?: string;
  /**
   * Renders the files written beside results.json (none when absent: the bundle). Given by the
   * caller, so the bundle never pulls in the report's chart code.
   */
  render?: (r: Results) => Promise<HostRun['files']>;
  /** Printed after a run that wrote results.json alone. */
  reportHint?: string;
}

const RELAYED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs this command again with `env` added and waits for it, passing on every signal. The new
 * process has its own process group, so a terminal's Ctrl-C reaches it once (from here), not
 * twice (a second Ctrl-C would make it exit at once).
 */
async function restart(env: Record<string, string>): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, ...env }, detached: true });
  const relay = (signal: NodeJS.Signals): void => void child.kill(signal);
  for (const s of RELAYED) process.on(s, relay);
  try {
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    return code ?? 128 + (signal ? constants.signals[signal] : 0);
  } finally {
    for (const s of RELAYED) process.off(s, relay);
  }
}

/**
 * The engine's modules read WebGPU's globals (GPUBufferUsage, ...) as they load: Dawn's must be
 * on globalThis first.
 */
async function engine(): Promise<typeof import('../host/node-bench.js')> {
  const { createDawnGpu } = await import('../host/dawn.js');
  await createDawnGpu();
  return import('../host/node-bench.js');
}

async function files(r: Results, render: NodeRunnerOptions['render']): Promise<HostRun['files']> {
  return [['results.json', JSON.stringify(r, null, 2)], ...(render ? await render(r) : [])];
}

export function nodeRunner(o: NodeRunnerOptions): BenchRunner {
  return {
    prepare(say: Say): Promise<number> | null {
      const plan = planVulkan(process.env, o.dawnDir);
      // The restarted process says what it uses; this one only why it restarts.
      for (const note of plan.restart ? plan.notes.slice(-1) : plan.notes) say(note);
      if (plan.restart) return restart(plan.restart);
      Object.assign(process.env, plan.set);
      return null;
    },
    async run(args: BenchArgs, say: Say, staged: StagedModel | null, control: RunControl): Promise<HostRun> {
      const { runNodeBench } = await engine();
      const sayer = progressSayer(say);
      const onProgress = (p: Parameters<RunControl['onProgress']>[0]): void => {
        control.onProgress(p);
        sayer(p);
      };
      // The sweep runs in this process: the signal stops it between steps, with no page to wait for.
      const results = await runNodeBench({ sweep: args.sweep, staged, ceilingsFile: o.ceilingsFile, tuningFile: o.tuningFile ?? null, onProgress, onConfig: control.onRow, signal: control.signal });
      if (o.reportHint) say(o.reportHint);
      return { results, files: await files(results, o.render) };
    },
    async listAdapters(say: Say): Promise<number> {
      const { listAdapters } = await engine();
      const seen = await listAdapters();
      if (!seen.length) say('no WebGPU adapter: Dawn found no usable Vulkan device with this loader and driver');
      for (const a of seen) say(`adapter: vendor ${a.vendor || '-'}, architecture ${a.architecture || '-'}, device ${a.device || '-'}, description ${a.description || '-'}${a.isFallbackAdapter ? ' (fallback)' : ''} [${a.asked.join(', ')}]`);
      return seen.length ? 0 : 3;
    },
  };
}
