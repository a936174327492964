// `npm run bench -- --emulate-timestamp-quantum 1000000 --batch 1 --size 128 --mode arena`, the
// command as a user types it, against the same configuration without the flag: the quantum is
// found exactly, and per-layer times agree with the unquantized run within its run-to-run spread
// once the drift common to all layers between the two runs is taken out.
// Then the bench page with the quantum set in its form shows it under the heading.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { validateResults } from '../../src/results/schema';
import type { Results } from '../../src/results/types';
import '../setup/provided';

const dir = mkdtempSync(join(tmpdir(), 'bench-ts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const Q = 1_000_000;

async function bench(out: string, ...args: string[]): Promise<{ stdout: string; results: Results; html: string }> {
  const outDir = join(dir, out);
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'src/cli/bench.ts', '--tune', 'off', ...args, '--out', outDir], { maxBuffer: 1 << 24 });
  return { stdout, results: JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as Results, html: readFileSync(join(outDir, 'report.html'), 'utf8') };
}

describe('npm run bench with an emulated timestamp quantum', () => {
  let quantized: Awaited<ReturnType<typeof bench>>;
  let plain: Awaited<ReturnType<typeof bench>>;

  beforeAll(async () => {
    quantized = await bench('quantized', '--emulate-timestamp-quantum', String(Q), '--batch', '1', '--size', '128', '--mode', 'arena');
    plain = await bench('plain', '--batch', '1', '--size', '128', '--mode', 'arena', '--reps', '30');
  }, 600_000);

  it('detects exactly the emulated quantum and says so on the terminal and in the report', () => {
    const r = quantized.results;
    expect(validateResults(r)).toEqual([]);
    expect(r.timing).toMatchObject({ quantumNs: Q, method: 'mean-of-quantized', emulatedQuantumNs: Q, quantizedReps: 200 });
    expect(r.configs[0].timestamps).toMatchObject({ quantumNs: Q, runs: 200 });
    expect(quantized.stdout).toContain('Timestamp quantum: 1 ms (1000000 ns), emulated');
    expect(quantized.html).toContain('Timestamp quantum: 1 ms (1000000 ns)');
    expect(quantized.html).toContain('GPU ms mean ± s.e. (quantized stamps)');
    expect(plain.results.timing).toMatchObject({ quantumNs: 1, method: 'median', emulatedQuantumNs: null });
  });

  // The two runs are minutes apart on a shared machine, so the whole network can run a few
  // percent faster or slower in one; that drift is common to every layer. Each layer's quantized
  // time is scaled by the ratio of the two end-to-end times (itself bounded) before the check,
  // so the test asks whether quantized stamps split the time among layers as exact ones do.
  it("agrees per layer with the unquantized run, within that run's p10-p90 widened by 3 standard errors, after the common drift", () => {
    const a = plain.results.configs[0];
    const b = quantized.results.configs[0];
    const drift = b.gpuTime!.ms / a.gpuTimeMs!.median;
    console.log(`end to end: unquantized median ${a.gpuTimeMs!.median.toFixed(3)} ms, quantized mean ${b.gpuTime!.ms.toFixed(3)} ms (ratio ${drift.toFixed(3)})`);
    expect(drift).toBeGreaterThan(0.67);
    expect(drift).toBeLessThan(1.5);
    const rows: string[] = [];
    for (const l of a.layers) {
      const u = l.gpuTimeMs!;
      const q = b.layers.find((x) => x.layer === l.layer)!.gpuTime!;
      const ms = q.ms / drift;
      const se = q.stdErrMs! / drift;
      rows.push(`| ${l.layer} | ${u.median.toFixed(3)} [${u.p10.toFixed(3)}-${u.p90.toFixed(3)}] | ${q.ms.toFixed(3)} ± ${q.stdErrMs!.toFixed(3)} | ${ms.toFixed(3)} | ${(((ms - u.median) / u.median) * 100).toFixed(1)}% | ${q.resolved ? 'yes' : `no (${q.runsToResolve} runs)`} |`);
      expect(ms, l.layer).toBeGreaterThanOrEqual(u.p10 - 3 * se);
      expect(ms, l.layer).toBeLessThanOrEqual(u.p90 + 3 * se);
    }
    console.log(['| layer | unquantized ms median [p10-p90], 30 runs | quantized mean ± s.e., 200 runs | quantized / drift | vs median | resolved |', '|---|---|---|---|---|---|', ...rows].join('\n'));
  });

  it('has node times that add up to the end-to-end time', () => {
    const c = quantized.results.configs[0];
    const nodes = c.nodes.reduce((s, n) => s + n.gpuTime!.ms, 0);
    console.log(`node sum ${nodes.toFixed(2)} ms, end to end ${c.gpuTime!.ms.toFixed(2)} ± ${c.gpuTime!.stdErrMs!.toFixed(2)} ms`);
    expect(nodes).toBeLessThanOrEqual(c.gpuTime!.ms + 1e-9);
    expect(nodes / c.gpuTime!.ms).toBeGreaterThan(0.98);
  });
});

describe('the bench page with a quantum in its form', () => {
  it('shows the detected quantum under the heading', async () => {
    const unavailable = inject('gpuUnavailable');
    if (unavailable) throw new Error(`GPU harness unavailable: ${unavailable}`);
    const browser = await puppeteer.connect({ browserWSEndpoint: inject('browserWSEndpoint'), defaultViewport: null });
    const page = await browser.newPage();
    try {
      const query = '?batch=1&size=64&mode=arena&reps=2&overheadPairs=0&ceilings=off&emulateTimestampQuantum=65536&quantizedReps=20&run';
      await page.goto(new URL(`/bench/index.html${query}`, inject('gpuBaseUrl')).href, { waitUntil: 'load' });
      await page.waitForFunction(`window.benchState && ['done', 'error'].includes(window.benchState.status)`, { timeout: 240_000, polling: 500 });
      const state = (await page.evaluate(`({ status: window.benchState.status, error: window.benchState.error, timing: window.benchState.results?.timing, runs: window.benchState.results?.configs[0]?.timestamps?.runs })`)) as { status: string; error?: { message: string }; timing: Results['timing']; runs: number };
      expect(state.status, state.error?.message).toBe('done');
      expect(state.timing).toMatchObject({ quantumNs: 65536, emulatedQuantumNs: 65536, method: 'mean-of-quantized' });
      expect(state.timing!.detection.powerOfTwoNs).toBeGreaterThanOrEqual(65536);
      expect(state.runs).toBe(20);
      const heading = (await page.evaluate(`(() => { const el = document.getElementById('timing'); return { hidden: el.hidden, text: el.textContent }; })()`)) as { hidden: boolean; text: string };
      expect(heading.hidden).toBe(false);
      expect(heading.text).toContain('Timestamp quantum: 65.5 us (65536 ns), emulated');
    } finally {
      await page.close().catch(() => undefined);
      await browser.disconnect();
    }
  }, 300_000);
});
