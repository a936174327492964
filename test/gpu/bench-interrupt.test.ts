// `npm run bench` interrupted, crashed and run twice at once, as a user would meet it: each
// run is watched through /proc from its first process to its last, and afterwards none of the
// processes it started (npm, tsx, Chromium and its helpers) may still run, and its Chromium
// profile must be gone. Every run is tiny (b1..b4@64, no check, no ceilings, no tuning).
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, it, type ExpectStatic } from 'vitest';
import type { Results } from '../../src/results/types';
import { processes, ProcessWatch, type Proc } from '../harness/processes';

const REPO = resolve(import.meta.dirname, '../..');
const BENCH = join(REPO, 'src/cli/bench.ts');
const dir = mkdtempSync(join(tmpdir(), 'bench-interrupt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TINY = ['--size', '64', '--mode', 'arena', '--no-check', '--tune', 'off', '--ceilings', 'off', '--overhead-pairs', '0'];
/** Three configurations, enough reps that the second is still running when the first is done. */
const SWEEP = ['--batch', '1,2,4', '--reps', '10', ...TINY];

interface Run {
  child: ChildProcess;
  watch: ProcessWatch;
  stdout: string;
  stderr: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  /** Resolves once stdout matches. */
  waitFor(re: RegExp, ms?: number): Promise<RegExpMatchArray>;
}

/**
 * `npm run bench` (via: npm), or the command it runs (node --import tsx ...: its exit status is
 * the bench's, where npm's on a signal is npm's own), in a process group of its own, as a
 * terminal starts a command.
 */
function bench(args: string[], o: { via?: 'npm' | 'tsx'; cwd?: string } = {}): Run {
  const [cmd, argv] = o.via === 'npm' ? ['npm', ['run', '--silent', 'bench', '--', ...args]] : [process.execPath, ['--import', 'tsx', BENCH, ...args]];
  const child = spawn(cmd, argv, { cwd: o.cwd ?? REPO, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const run = { child, watch: new ProcessWatch(child.pid!), stdout: '', stderr: '' } as Run;
  const t0 = performance.now();
  child.stdout!.on('data', (d: Buffer) => (run.stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (run.stderr += d.toString()));
  // 'close': the exit and the last of its output (which can come after 'exit').
  run.exit = new Promise((done) => child.on('close', (code, signal) => done({ code, signal, ms: performance.now() - t0 })));
  run.waitFor = (re, ms = 90_000) =>
    new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`no ${re} in the bench's output within ${ms / 1000} s:\n${run.stdout}\n${run.stderr}`)), ms);
      const check = (): void => {
        const m = run.stdout.match(re);
        if (!m) return;
        clearTimeout(timer);
        child.stdout!.off('data', check);
        ok(m);
      };
      child.stdout!.on('data', check);
      check();
    });
  return run;
}

/** Waits for the exit (killing the group if it hangs), then checks that nothing of the run is left. */
async function ended(expect: ExpectStatic, run: Run, ms = 60_000): Promise<{ code: number | null; ms: number }> {
  const timer = setTimeout(() => {
    for (const p of run.watch.survivors()) process.kill(p.pid, 'SIGKILL');
  }, ms);
  const e = await run.exit;
  clearTimeout(timer);
  run.watch.sample();
  run.watch.stop();
  // A helper's exit is seen a moment after its group is killed.
  await new Promise((r) => setTimeout(r, 300));
  const survivors = run.watch.survivors();
  const left = survivors.map((p: Proc) => `${p.pid} ${p.cmd.slice(0, 120)}`);
  // Whatever the outcome, nothing of a failed run may linger on the machine.
  for (const p of survivors) process.kill(p.pid, 'SIGKILL');
  expect(left, `processes of the run still running:\n${left.join('\n')}`).toEqual([]);
  expect(e.signal, `killed after ${ms / 1000} s:\n${run.stdout}\n${run.stderr}`).toBeNull();
  return { code: e.code, ms: e.ms };
}

const renderers = (run: Run): Proc[] => run.watch.matching(/--type=renderer/);

/**
 * The Chromium the run started, from the line it prints: it and its helpers were seen, and afterwards
 * neither its main process nor anything using its profile runs, and the profile folder is gone.
 */
function checkBrowser(expect: ExpectStatic, run: Run): void {
  const m = run.stdout.match(/browser: Chromium pid (\d+) \(profile (\S+)\)/);
  expect(m, run.stdout).not.toBeNull();
  const [, pid, profile] = m!;
  expect(run.watch.matching(/chromium/).map((p) => p.pid)).toContain(Number(pid));
  expect(renderers(run).length).toBeGreaterThan(0);
  expect(processes().filter((p) => p.pid === Number(pid) && p.state !== 'Z').map((p) => p.cmd)).toEqual([]);
  expect(processes().filter((p) => p.cmd.includes(profile)).map((p) => `${p.pid} ${p.cmd.slice(0, 80)}`)).toEqual([]);
  expect(existsSync(profile), `${profile} left behind`).toBe(false);
}

function dawnInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('webgpu');
    return true;
  } catch {
    return false;
  }
}

const readResults = (out: string): Results => JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;

// Independent runs, much of whose time is start-up latency: side by side they take far less than
// one after another (and the runs meet the machine busy, as a user's would).
describe.concurrent('npm run bench, interrupted and side by side', () => {
  it('Ctrl-C (SIGINT to the whole process group) stops after the first configuration, writes it marked incomplete, ends Chromium and exits 130', async ({ expect }) => {
    const out = join(dir, 'sigint');
    const run = bench([...SWEEP, '--out', out]);
    await run.waitFor(/\[2\/3\] b2@64/);
    process.kill(-run.child.pid!, 'SIGINT');
    const { code, ms } = await ended(expect, run);
    const r = readResults(out);
    console.log(`SIGINT: exit ${code} after ${(ms / 1000).toFixed(1)} s, ${r.incomplete?.configsDone} of ${r.incomplete?.configsPlanned} configurations written, ${run.watch.seen.size} processes seen, none left`);
    expect(code, run.stderr).toBe(130);
    expect(r.incomplete).toMatchObject({ reason: 'interrupted by SIGINT', configsPlanned: 3 });
    expect(r.incomplete!.configsDone).toBeGreaterThanOrEqual(1);
    expect(r.configs[0]).toMatchObject({ batch: 1, status: 'ok' });
    expect(readdirSync(out).sort()).toEqual(['layers.csv', 'report.html', 'results.json', 'trace.json']);
    expect(run.stdout).toMatch(/INCOMPLETE: \d of 3 configurations done \(interrupted by SIGINT\)/);
    checkBrowser(expect, run);
  }, 180_000);

  it('SIGTERM, then Ctrl-C while the page does not answer: exits at once with 143, writing the configurations reported and ending Chromium', async ({ expect }) => {
    const out = join(dir, 'twice');
    const run = bench([...SWEEP, '--out', out]);
    await run.waitFor(/\[2\/3\] b2@64/);
    run.watch.sample();
    // A frozen page keeps the stop waiting (for --stop-timeout, 30 s) until the second signal.
    for (const p of renderers(run)) process.kill(p.pid, 'SIGSTOP');
    process.kill(run.child.pid!, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    const t0 = performance.now();
    process.kill(-run.child.pid!, 'SIGINT');
    const { code } = await ended(expect, run);
    const r = readResults(out);
    console.log(`SIGTERM then Ctrl-C: exit ${code} ${((performance.now() - t0) / 1000).toFixed(1)} s after the second signal, ${r.configs.length} configuration(s) written`);
    expect(code, run.stderr).toBe(143);
    expect(run.stderr).toContain('SIGINT again: exiting at once');
    expect(r.incomplete).toMatchObject({ reason: 'interrupted by SIGTERM; exited at once on a second signal', configsPlanned: 3 });
    expect(r.configs.length).toBeGreaterThanOrEqual(1);
    checkBrowser(expect, run);
  }, 180_000);

  it.skipIf(!dawnInstalled())('--host node: SIGTERM to the command stops the sweep in the process that runs it (through the Vulkan restart, when there is one), writes what was done and exits 143', async ({ expect }) => {
    const out = join(dir, 'node-sigterm');
    const run = bench(['--host', 'node', ...SWEEP, '--out', out]);
    await run.waitFor(/\[2\/3\] b2@64/);
    process.kill(run.child.pid!, 'SIGTERM');
    const { code, ms } = await ended(expect, run);
    const r = readResults(out);
    console.log(`node host SIGTERM: exit ${code} after ${(ms / 1000).toFixed(1)} s, ${r.incomplete?.configsDone} of ${r.incomplete?.configsPlanned} written, ${run.watch.seen.size} processes seen, none left`);
    expect(code, run.stderr).toBe(143);
    expect(r.incomplete).toMatchObject({ reason: 'interrupted by SIGTERM', configsPlanned: 3 });
    expect(r.environment.host).toBe('node');
    expect(r.configs[0]).toMatchObject({ batch: 1, status: 'ok' });
    expect(readdirSync(out).sort()).toEqual(['layers.csv', 'report.html', 'results.json', 'trace.json']);
  }, 180_000);

  it('two npm run bench at the same time both finish, each with its own port, browser profile and default output folder', async ({ expect }) => {
    const runs = [0, 1].map(() => bench(['--batch', '1', '--reps', '2', ...TINY], { via: 'npm' }));
    const codes: (number | null)[] = [];
    for (const run of runs) codes.push((await ended(expect, run, 90_000)).code);
    // The default folders are results/<timestamp>[-n] in the checkout, as a user gets them.
    const folders = runs.map((run) => run.stdout.match(/wrote (\S+)\/results\.json/)?.[1]).filter((f): f is string => !!f);
    try {
      expect(codes, runs.map((r) => r.stderr).join('\n')).toEqual([0, 0]);
      const seen = runs.map((run) => run.stdout.match(/browser: Chromium pid \d+ \(profile (\S+)\); bench page served at (\S+)/)!.slice(1));
      console.log(`two runs at once: folders ${folders.map((f) => f.split('/').at(-1)).join(', ')}; servers ${seen.map((s) => s[1]).join(', ')}`);
      expect(new Set(folders).size).toBe(2);
      for (const f of folders) expect(f.startsWith(join(REPO, 'results/'))).toBe(true);
      for (const f of folders) expect(readResults(f).configs.map((c) => c.status)).toEqual(['ok']);
      expect(new Set(seen.map((s) => s[0])).size).toBe(2);
      expect(new Set(seen.map((s) => s[1])).size).toBe(2);
      for (const run of runs) checkBrowser(expect, run);
    } finally {
      for (const f of folders) rmSync(f, { recursive: true, force: true });
    }
  }, 180_000);
});
