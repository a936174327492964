// `npm run report -- results.json`: the page's renderers in plain Node, from a document on disk.
// That the charts come out as the page draws them is checked on real runs in
// test/gpu/bench-compare.test.ts; here the files, the folder form and the errors.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { layersCsv } from '../../src/report/csv.js';
import { chromeTrace } from '../../src/report/trace.js';
import { results } from '../report/fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function report(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'src/cli/report.ts', ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('npm run report', () => {
  it('writes report.html, layers.csv and trace.json beside a results folder', async () => {
    const run = join(dir, 'run');
    mkdirSync(run);
    const r = results();
    writeFileSync(join(run, 'results.json'), JSON.stringify(r));
    const out = await report(run);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/b1@256\s+arena\s+ok/);
    expect(readFileSync(join(run, 'layers.csv'), 'utf8')).toBe(layersCsv(r));
    expect(JSON.parse(readFileSync(join(run, 'trace.json'), 'utf8'))).toEqual(chromeTrace(r));
    const html = readFileSync(join(run, 'report.html'), 'utf8');
    // Plot's charts need a DOM: in Node they come out as SVG all the same.
    expect(html.match(/<svg[^>]*class="plot-/g)?.length).toBeGreaterThanOrEqual(3);
    expect(html).toContain('WebGPU working-set profile: JeongWonNet_DWBlock_Swap');
  }, 60_000);

  it('fails with the reason for a missing file, a non-results file and bad usage', async () => {
    const missing = await report(join(dir, 'nothing.json'));
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringMatching(/nothing.json: no such file or folder; give a results.json/)]);
    const trace = join(dir, 'trace.json');
    writeFileSync(trace, JSON.stringify({ traceEvents: [] }));
    expect((await report(trace)).stderr).toMatch(/is not a results document: it is a Chrome trace/);
    expect((await report()).code).toBe(2);
  }, 60_000);
});
