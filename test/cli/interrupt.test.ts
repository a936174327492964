// Ctrl-C and SIGTERM as the bench command handles them, without a browser: the first signal
// stops (the abort signal fires, the exit status is 128 + the signal's number), a repeat relayed
// by a wrapper is the same Ctrl-C, and a real second one saves what it can, ends the children and exits.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../src/cli/bench-args';
import { BenchPageError } from '../../src/cli/bench-drive';
import { benchMain, type BenchEntry, type BenchRunner } from '../../src/cli/bench-main';
import { claimFolder, OutputFolder } from '../../src/cli/bench-output';
import { SAME_INTERRUPT_MS, signalExitCode, watchInterrupts, type Interrupts } from '../../src/cli/interrupt';
import { StreamedRun } from '../../src/cli/streamed-run';
import { onProcessExit } from '../../src/harness/cleanup';
import { summaryText, verdict } from '../../src/report/summary';
import { composeFailed } from '../../src/results/compose';
import { parseResults } from '../../src/results/read';
import { notChecked } from '../../src/sweep/check';

const dir = mkdtempSync(join(tmpdir(), 'interrupt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('watchInterrupts', () => {
  let w: Interrupts | undefined;
  afterEach(() => w?.dispose());

  function watch(): { lines: string[]; exits: number[]; clock: { t: number } } {
    const lines: string[] = [];
    const exits: number[] = [];
    const clock = { t: 1000 };
    w = watchInterrupts({ say: (l) => lines.push(l), exit: (c) => exits.push(c), now: () => clock.t });
    return { lines, exits, clock };
  }

  it('gives the conventional exit statuses', () => {
    expect([signalExitCode('SIGINT'), signalExitCode('SIGTERM')]).toEqual([130, 143]);
  });

  it('stops on the first SIGINT, ignores a relayed repeat, and exits at once on a second one after saving and ending the children', () => {
    const { lines, exits, clock } = watch();
    const order: string[] = [];
    const unregister = onProcessExit(() => order.push('children ended'));
    w!.beforeForcedExit(() => order.push('saved'));
    process.emit('SIGINT', 'SIGINT');
    expect(w!.signal.aborted).toBe(true);
    expect(w!.signal.reason).toBe('interrupted by SIGINT');
    expect([w!.received, w!.exitCode()]).toEqual(['SIGINT', 130]);
    expect(lines[0]).toMatch(/SIGINT: stopping after the current step.*Ctrl-C again exits at once/);
    clock.t += SAME_INTERRUPT_MS - 1;
    process.emit('SIGINT', 'SIGINT');
    expect([exits, order]).toEqual([[], []]);
    clock.t += 2;
    process.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([130]);
    expect(order).toEqual(['saved', 'children ended']);
    expect(lines[1]).toMatch(/SIGINT again: exiting at once/);
    unregister();
  });

  it('keeps the first signal for the status: SIGTERM then SIGINT exits 143', () => {
    const { exits, clock } = watch();
    process.emit('SIGTERM', 'SIGTERM');
    expect(w!.exitCode()).toBe(143);
    clock.t += SAME_INTERRUPT_MS;
    process.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([143]);
  });
});

describe('output folders', () => {
  it('claims base, base-2, base-3 for runs that share a default folder name', () => {
    const base = join(dir, 'results', '2026-01-01T00-00-00');
    expect([claimFolder(base), claimFolder(base), claimFolder(base)]).toEqual([base, `${base}-2`, `${base}-3`]);
  });

  it('uses a given --out as it is, even when it exists, and claims the default only on the first write', () => {
    const given = new OutputFolder(join(dir, 'given'), false);
    given.write([['a.txt', 'a']]);
    given.write([['b.txt', 'b']]);
    expect(readdirSync(join(dir, 'given')).sort()).toEqual(['a.txt', 'b.txt']);
    const base = join(dir, 'default');
    const a = new OutputFolder(base, true);
    const b = new OutputFolder(base, true);
    expect(readdirSync(dir)).not.toContain('default');
    expect([b.write([['x', '1']])[0], a.write([['x', '2']])[0], a.path]).toEqual([join(base, 'x'), join(`${base}-2`, 'x'), `${base}-2`]);
  });
});

describe('the document of a run whose host could not finish', () => {
  it('is a valid results document, marked incomplete, that the summary and verdict read', () => {
    const args = parseBenchArgs(['--batch', '1,2,4', '--size', '64', '--mode', 'arena']);
    const run = new StreamedRun(args, null, 'browser');
    run.progress({ config: 0, configs: 3, batch: 1, size: 64, label: 'b1@64', mode: 'arena', phase: 'rep', message: '', elapsedMs: 0 });
    const [[name, text]] = run.files('interrupted by SIGINT; the bench page did not stop within 30 s');
    const r = parseResults(text, name);
    expect(name).toBe('results.json');
    expect(r.incomplete).toEqual({ reason: 'interrupted by SIGINT; the bench page did not stop within 30 s', configsDone: 0, configsPlanned: 3 });
    expect([r.configs, r.environment.host, r.model.name, r.options.batches]).toEqual([[], 'browser', 'JeongWonNet_DWBlock_Swap', [1, 2, 4]]);
    expect(r.environment.adapter.description).toMatch(/^not reported/);
    expect(typeof summaryText(r)).toBe('string');
    expect(verdict(r).failures).toEqual([]);
  });

  it('plans every (batch, size) in every mode before the sweep reports its plan', () => {
    const args = parseBenchArgs(['--batch', '1,2', '--size', '64,128', '--mode', 'both']);
    const r = parseResults(new StreamedRun(args, null, 'node').files('stopped')[0][1], 'results.json');
    expect(r.incomplete?.configsPlanned).toBe(8);
  });
});

describe('bench flags', () => {
  it('takes --stop-timeout in seconds, defaults it to 30, and refuses a bad one', () => {
    expect(parseBenchArgs([]).stopTimeoutMs).toBe(30_000);
    expect(parseBenchArgs(['--stop-timeout', '2.5']).stopTimeoutMs).toBe(2500);
    expect(() => parseBenchArgs(['--stop-timeout', 'soon'])).toThrow(/--stop-timeout: expected seconds >= 0, got 'soon'/);
    expect([parseBenchArgs([]).outDirIsDefault, parseBenchArgs(['--out', 'x']).outDirIsDefault]).toEqual([true, false]);
  });
});

describe('benchMain when its host cannot finish', () => {
  const QUIET = ['--batch', '1,2', '--size', '64', '--mode', 'arena', '--ceilings', 'off', '--tune', 'off'];
  const entry = (run: BenchRunner['run']): BenchEntry => ({ hosts: { browser: async () => ({ run }) }, defaultHost: 'browser' });

  it('interrupted before the host had a row: writes an incomplete document with no configurations and the reason, and exits 130', async () => {
    const out = join(dir, 'interrupted-early');
    const code = await benchMain([...QUIET, '--out', out], entry(async (_args, _say, _staged, control) => {
      process.emit('SIGINT', 'SIGINT');
      expect(control.signal.aborted).toBe(true);
      throw new BenchPageError('Interrupted', 'stopped before the sweep started');
    }));
    expect(code).toBe(130);
    const r = parseResults(readFileSync(join(out, 'results.json'), 'utf8'), 'results.json');
    expect(r.incomplete).toEqual({ reason: 'interrupted by SIGINT; stopped before the sweep started', configsDone: 0, configsPlanned: 2 });
  });

  it('a page that crashed after one configuration: that configuration is written, marked incomplete with the error, and it exits 1', async () => {
    const out = join(dir, 'crashed');
    const row = composeFailed({ batch: 1, size: 64, inputShapes: { input: [1, 3, 64, 64] }, mode: 'arena', reps: 1, warmup: 1 }, 'oom', new Error('too big'), null, notChecked('not run'), 0);
    const code = await benchMain([...QUIET, '--out', out], entry(async (_args, _say, _staged, control) => {
      control.onRow(row);
      throw new BenchPageError('PageCrashed', 'the page crashed while answering a progress poll');
    }));
    expect(code).toBe(1);
    const r = parseResults(readFileSync(join(out, 'results.json'), 'utf8'), 'results.json');
    expect(r.configs.map((c) => [c.batch, c.status])).toEqual([[1, 'oom']]);
    expect(r.incomplete).toEqual({ reason: 'PageCrashed: the page crashed while answering a progress poll', configsDone: 1, configsPlanned: 2 });
  });

  it('a host failure with nothing reported writes nothing and exits 1', async () => {
    const out = join(dir, 'failed-early');
    const code = await benchMain([...QUIET, '--out', out], entry(async () => {
      throw new BenchPageError('PageCrashed', 'the page crashed');
    }));
    expect([code, existsSync(out)]).toEqual([1, false]);
  });
});
