// The bench command for every host: parses the flags, loads the model, runs the host the flags
// choose (--host; each entry point says which hosts it has), writes the files and prints the summary.
// Exit status: 0 all good (OOM rows included); 1 a check failed, a configuration errored, the
// device was lost (even when a new one ran the rest) or the page crashed; 2 bad usage; 3 no
// browser, no WebGPU adapter or no Vulkan; 130 / 143 interrupted by SIGINT / SIGTERM (the
// configurations done so far are written, marked incomplete; see interrupt.ts).
import { adapterText, hostText } from '../report/format.js';
import { formsText } from '../report/forms.js';
import { deviceLossText } from '../report/device-loss.js';
import { comparisonText } from '../report/peers-text.js';
import { ceilingsText, rooflineFitText, whatIfText } from '../report/roofline-text.js';
import { summaryText, verdict } from '../report/summary.js';
import { overheadText } from '../report/tables.js';
import { timingText } from '../report/timing.js';
import { tuningText } from '../report/variants.js';
import { soakText } from '../report/soak.js';
import type { ConfigResult, HostKind, Results } from '../results/types.js';
import type { StagedModel } from '../sweep/onnx-model.js';
import { CLI_TUNE_DEFAULT, parseBenchArgs, unsupportedFlags, USAGE, type BenchArgs } from './bench-args.js';
import { builtinSweep, loadModel } from './bench-model.js';
import { OutputFolder } from './bench-output.js';
import type { PageProgress } from './bench-drive.js';
import { watchInterrupts, type Interrupts } from './interrupt.js';
import { StreamedRun } from './streamed-run.js';

export type Say = (line: string) => void;

/** One host's run: the results and the files it made of them (results.json first). */
export interface HostRun {
  results: Results;
  files: [name: string, text: string][];
}

/** What a host gets besides the flags: the way to be stopped, and where to report as it goes. */
export interface RunControl {
  /** Aborted by Ctrl-C or SIGTERM: stop at the next step and return the configurations done. */
  signal: AbortSignal;
  /** How long the host may take to stop once asked, ms (past it, what was reported is written). */
  stopTimeoutMs: number;
  /** Each configuration as it finishes, kept for the document written if the host cannot finish. */
  onRow(row: ConfigResult): void;
  onProgress(p: PageProgress): void;
}

export interface BenchRunner {
  /**
   * Readies the machine before anything else runs; a number is the exit status of a process
   * started in this one's place (with the environment the host needs), null: go on here.
   */
  prepare?(say: Say): Promise<number | null> | number | null;
  run(args: BenchArgs, say: Say, staged: StagedModel | null, control: RunControl): Promise<HostRun>;
  /** Prints the adapters this host sees (--list-adapters). */
  listAdapters?(say: Say): Promise<number>;
}

export interface BenchEntry {
  hosts: Partial<Record<HostKind, () => Promise<BenchRunner>>>;
  defaultHost: HostKind;
  /** How the user runs it, for the usage text (default `npm run bench --`). */
  command?: string;
}

const NO_GPU = new Set(['NoBrowser', 'VulkanSetupError', 'DawnUnavailableError']);

function isNoGpu(e: Error): boolean {
  return NO_GPU.has(e.name) || /navigator\.gpu|requestAdapter|no WebGPU adapter/i.test(e.message);
}

function printSummary(r: Results, say: Say): void {
  say(`\nHost: ${hostText(r.environment)}. Adapter: ${adapterText(r.environment)}.`);
  if (r.incomplete) say(`INCOMPLETE: ${r.incomplete.configsDone} of ${r.incomplete.configsPlanned} configurations done (${r.incomplete.reason})`);
  say(`\n${summaryText(r)}\n`);
  const soak = soakText(r);
  if (soak) say(`${soak}\n`);
  const losses = deviceLossText(r);
  if (losses) say(`${losses}\n`);
  const timing = timingText(r);
  if (timing) say(timing);
  say(overheadText(r.profilingOverhead));
  const tuning = tuningText(r.tuning);
  if (tuning) say(tuning);
  const forms = formsText(r);
  if (forms) say(`\n${forms}`);
  const comparison = comparisonText(r);
  if (comparison) say(`\n${comparison}`);
  say(`\n${ceilingsText(r)}`);
  const fit = rooflineFitText(r);
  if (fit) say(fit);
  const whatif = whatIfText(r);
  if (whatif) say(`\n${whatif}\n`);
  say(`PyTorch CUDA MB column: ${r.seedReference.label}. Sweep took ${(r.durationMs / 1000).toFixed(1)} s.`);
}

/** The model's configurations filled in (or a usage error). */
function withModel(args: BenchArgs): { args: BenchArgs; staged: StagedModel | null } {
  if (args.model === undefined) return { args: { ...args, sweep: builtinSweep(args) }, staged: null };
  const m = loadModel(args);
  return { args: { ...args, sweep: m.sweep }, staged: m.staged };
}

const usage = (entry: BenchEntry) => (entry.command ? USAGE.replace('npm run bench --', entry.command) : USAGE);

function parse(argv: string[], entry: BenchEntry): { args: BenchArgs; host: HostKind } | string {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (e) {
    return `${(e as Error).message}\n\n${usage(entry)}`;
  }
  const host = args.host ?? entry.defaultHost;
  const refused = unsupportedFlags(args);
  if (!entry.hosts[host]) refused.push(`--host ${host}: this command runs ${Object.keys(entry.hosts).join(', ')} only`);
  if (args.listAdapters && host !== 'node') refused.push('--list-adapters lists what Dawn sees: use it with --host node (a browser lists its adapter in the report)');
  return refused.length ? refused.join('; ') : { args, host };
}

export async function benchMain(argv: string[], entry: BenchEntry): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(`${usage(entry)}\n`);
    return 0;
  }
  const parsed = parse(argv, entry);
  if (typeof parsed === 'string') {
    process.stderr.write(`bench: ${parsed}\n`);
    return 2;
  }
  const out = parsed.args.json ? process.stderr : process.stdout;
  const say: Say = (line) => void out.write(`${line}\n`);
  let runner: BenchRunner;
  try {
    runner = await entry.hosts[parsed.host]!();
    const restarted = (await runner.prepare?.(say)) ?? null;
    if (restarted !== null) return restarted;
    if (parsed.args.listAdapters) return await runner.listAdapters!(say);
  } catch (e) {
    const err = e as Error;
    process.stderr.write(`bench: ${err.name}: ${err.message}\n`);
    return isNoGpu(err) ? 3 : 1;
  }
  let model: { args: BenchArgs; staged: StagedModel | null };
  try {
    model = withModel({ ...parsed.args, sweep: { tune: CLI_TUNE_DEFAULT, ...parsed.args.sweep } });
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    return 2;
  }
  // Installed after prepare: a process that only relays to a restarted one passes signals on.
  const interrupts = watchInterrupts();
  try {
    return await runAndWrite(runner, model.args, model.staged, say, interrupts, parsed.host);
  } finally {
    interrupts.dispose();
  }
}

function finish(r: Results, files: HostRun['files'], folder: OutputFolder, args: BenchArgs, say: Say): string[] {
  const paths = folder.write(files);
  const v = verdict(r);
  printSummary(r, say);
  for (const w of v.warnings) say(`warning: ${w}`);
  for (const f of v.failures) say(`FAILED: ${f}`);
  say(`wrote ${paths.join(', ')}`);
  if (args.json) process.stdout.write(`${files[0][1]}\n`);
  return v.failures;
}

async function runAndWrite(runner: BenchRunner, args: BenchArgs, staged: StagedModel | null, say: Say, interrupts: Interrupts, host: HostKind): Promise<number> {
  const folder = new OutputFolder(args.outDir, args.outDirIsDefault);
  const streamed = new StreamedRun(args, staged, host);
  let written = false;
  // A second signal leaves no time for the host: the rows it reported are what there is.
  interrupts.beforeForcedExit(() => {
    if (written) return;
    written = true;
    const [path] = folder.write(streamed.files(`${interrupts.signal.reason}; exited at once on a second signal`));
    say(`wrote ${path} (the ${streamed.rows.length} configuration(s) done)`);
  });
  const control: RunControl = { signal: interrupts.signal, stopTimeoutMs: args.stopTimeoutMs, onRow: (row) => streamed.addRow(row), onProgress: (p) => streamed.progress(p) };
  let run: HostRun;
  try {
    run = await runner.run(args, say, staged, control);
  } catch (e) {
    const err = e as Error;
    process.stderr.write(`bench: ${err.name}: ${err.message}\n`);
    const code = interrupts.exitCode() ?? (isNoGpu(err) ? 3 : 1);
    if (written || (!interrupts.received && !streamed.rows.length)) return code;
    written = true;
    const reason = interrupts.received ? `${interrupts.signal.reason}; ${err.message}` : `${err.name}: ${err.message}`;
    const files = streamed.files(reason);
    finish(JSON.parse(files[0][1]) as Results, files, folder, args, say);
    say(`results.json holds the configurations reported before the end; \`npm run report -- ${folder.path}\` makes the report of them`);
    return code;
  }
  written = true;
  const failures = finish(run.results, run.files, folder, args, say);
  return interrupts.exitCode() ?? (failures.length ? 1 : 0);
}
