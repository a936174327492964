// `npm run compare -- A B`: the text, compare.json and compare.html from two documents on disk,
// and the errors a wrong argument gets. Real runs: test/gpu/bench-compare.test.ts.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/compare/types.js';
import type { ConfigResult, Results } from '../../src/results/types.js';
import { validate } from '../analysis/json-schema.js';
import { okConfig, results } from '../report/fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'compare-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const schema = JSON.parse(readFileSync('src/compare/compare.schema.json', 'utf8')) as Record<string, unknown>;

async function compare(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'src/cli/compare.ts', ...args], { maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

function save(name: string, v: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof v === 'string' ? v : JSON.stringify(v));
  return path;
}

/** The fixture's row with whole byte counts, as a real run has them. */
function row(): ConfigResult {
  const c = okConfig();
  return { ...c, peakBytes: { ...c.peakBytes, measuredPhysical: Math.round(c.peakBytes.measuredPhysical!) } };
}

/** B: final 2x slower beyond its spread, encoder1 holding fewer bytes. */
function slowerFinal(): Results {
  const c = row();
  c.layers[1] = { ...c.layers[1], gpuTimeMs: { median: 4.8, p10: 4.7, p90: 5 } };
  c.layers[0] = { ...c.layers[0], measuredLiveBytes: c.layers[0].measuredLiveBytes! / 2 };
  return results([c]);
}

describe('npm run compare', () => {
  it('prints the comparison and writes compare.json (fitting its schema) and compare.html', async () => {
    const a = join(dir, 'a');
    mkdirSync(a);
    save('a/results.json', results([row()]));
    const out = join(dir, 'out');
    const r = await compare(a, save('b.json', slowerFinal()), '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^A: .*a\/results.json \(JeongWonNet_DWBlock_Swap; google \/ swiftshader, host browser;/m);
    expect(r.stdout).toMatch(/^final\s+SLOWER\s+same\s+2\.40 \(2\.40-2\.40\)\s+4\.80 \(4\.70-5\.00\)\s+2\.000x/m);
    expect(r.stdout).toMatch(/^encoder1\s+~\s+SMALLER/m);
    expect(r.stdout).toMatch(/changes beyond noise in 1 of 1 configuration\(s\), 2 of 2 layers/);
    const cmp = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8')) as Comparison;
    expect(validate(cmp, schema)).toEqual([]);
    expect(cmp.configs[0].layers.map((l) => [l.layer, l.time.change, l.logicalBytes.change])).toEqual([
      ['final', 'slower', 'same'],
      ['encoder1', 'within-noise', 'smaller'],
    ]);
    const html = readFileSync(join(out, 'compare.html'), 'utf8');
    // The ratio bars: one per layer in each chart, time and memory.
    const charts = html.match(/<svg[^>]*class="plot-[\s\S]*?<\/svg>/g) ?? [];
    expect(charts.length).toBeGreaterThanOrEqual(2);
    expect(html).toContain('GPU time per layer, B/A');
    expect(html).toContain('final: 2.000x (slower)');
  }, 60_000);

  it('fails with the reason for a missing file, a non-results file, an unknown schema version and bad usage', async () => {
    const a = save('ok.json', results([okConfig()]));
    const missing = await compare(a, join(dir, 'none.json'));
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringMatching(/none.json: no such file or folder/)]);
    expect((await compare(a, save('notjson.json', 'hello'))).stderr).toMatch(/notjson.json is not JSON/);
    expect((await compare(a, save('other.json', { foo: 1 }))).stderr).toMatch(/other.json is not a results document: it has no schemaVersion and configs \(its fields: foo\)/);
    expect((await compare(save('v9.json', { ...results(), schemaVersion: 9 }), a)).stderr).toMatch(/v9.json has schemaVersion 9, and this checkout reads schemaVersion 2/);
    const usage = await compare(a);
    expect([usage.code, usage.stderr]).toEqual([2, expect.stringMatching(/give two results files, A and B \(got 1\)/)]);
  }, 90_000);
});
