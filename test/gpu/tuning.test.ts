// `--tune full` on a small built-in network through the Node host: every tuned node records its
// candidates with their times and runs the fastest; a pin beats tuning; an unknown variant fails
// with the list of what the kernel offers.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { validateResults } from '../../src/results/schema';
import type { Results } from '../../src/results/types';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'tuning-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const QUICK = ['--host', 'node', '--batch', '1', '--size', '32', '--reps', '1', '--mode', 'arena', '--ceilings', 'off', '--overhead-pairs', '0'];

async function bench(out: string, ...args: string[]): Promise<{ results: Results; stdout: string }> {
  const outDir = join(dir, out);
  const { stdout } = await run('npx', ['tsx', 'src/cli/bench.ts', ...QUICK, ...args, '--out', outDir], { maxBuffer: 1 << 24 });
  return { results: JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as Results, stdout };
}

describe('variant autotuning', () => {
  it('--tune full times every candidate and runs the fastest', async () => {
    const { results: r, stdout } = await bench('full', '--tune', 'full', '--tune-budget', '600');
    expect(validateResults(r)).toEqual([]);
    expect(r.configs[0].check.status).toBe('pass');
    expect(r.tuning).toMatchObject({ mode: 'full', cacheHits: 0, overBudget: 0 });
    expect(r.tuning!.tuned).toBeGreaterThan(0);
    expect(stdout).toMatch(/tuning full: [\d.]+ s of 600 s; \d+ tuned/);
    const tuned = r.configs[0].nodes.filter((n) => n.variant?.source === 'tuned');
    expect(tuned.length).toBeGreaterThan(10);
    for (const n of tuned) {
      const v = n.variant!;
      const timed = v.candidates.filter((c) => c.ms !== null);
      expect(timed.length, n.name).toBe(v.candidates.length);
      expect(timed.every((c) => c.runs >= 1 && c.ms! > 0)).toBe(true);
      const fastest = timed.reduce((a, b) => (b.ms! < a.ms! ? b : a));
      expect(v.chosen, n.name).toBe(fastest.name);
    }
  });

  it('a pin wins; an unknown variant fails listing what exists', async () => {
    const { results: r } = await bench('pinned', '--tune', 'full', '--tune-budget', '600', '--kernel-variant', 'pwconv=co8px2');
    const pw = r.configs[0].nodes.filter((n) => n.variant?.kernel === 'pwconv');
    expect(pw.length).toBeGreaterThan(3);
    expect(pw.every((n) => n.variant!.chosen === 'co8px2' && n.variant!.source === 'pinned')).toBe(true);
    expect(r.configs[0].check.status).toBe('pass');
    const bad = await run('npx', ['tsx', 'src/cli/bench.ts', ...QUICK, '--tune', 'off', '--kernel-variant', 'pwconv=tile99', '--out', join(dir, 'bad')]).catch((e: { stdout: string; stderr: string; code: number }) => e);
    expect((bad as { code: number }).code).toBe(1);
    // The configuration fails with the message (in its row and the printed summary).
    const said = bad as { stdout: string; stderr: string };
    expect(`${said.stdout}${said.stderr}`).toMatch(/pwconv has no variant 'tile99'.*offers io16x2, io8x4, io8x2, io4x4, co8px2/);
  });
});
