// `npm run compare` and `npm run report` on real runs of `npm run bench`: two runs of the same
// configuration, a what-if variant against the baseline, and a model that shares the network's
// layer names. The machine is shared and its load changes from one minute to the next, so the
// two runs of one configuration are made at the same time, with 20 repetitions each: both then
// sample the same load, as two runs on a quiet machine would.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictVariant, whatIfVariants } from '../../src/analysis/whatif';
import type { Comparison } from '../../src/compare/types';
import type { Results } from '../../src/results/types';
import { validate } from '../analysis/json-schema';

const dir = mkdtempSync(join(tmpdir(), 'bench-compare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const schema = JSON.parse(readFileSync('src/compare/compare.schema.json', 'utf8')) as Record<string, unknown>;

const CONFIG = ['--batch', '1', '--size', '64', '--mode', 'arena', '--ceilings', 'off', '--overhead-pairs', '0', '--tune', 'off'];
const run = promisify(execFile);

async function tsx(script: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('npx', ['tsx', script, ...args], { maxBuffer: 1 << 24 });
  return stdout;
}

const bench = (out: string, ...args: string[]): Promise<string> => tsx('src/cli/bench.ts', ...CONFIG, ...args, '--out', join(dir, out));
const readResults = (name: string): Results => JSON.parse(readFileSync(join(dir, name, 'results.json'), 'utf8')) as Results;

async function compare(a: string, b: string): Promise<{ text: string; cmp: Comparison; html: string }> {
  const out = join(dir, `${a}-vs-${b}`);
  const text = await tsx('src/cli/compare.ts', join(dir, a), join(dir, b), '--out', out);
  console.log(`npm run compare -- ${a} ${b}\n${text}`);
  return { text, cmp: JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8')) as Comparison, html: readFileSync(join(out, 'compare.html'), 'utf8') };
}

beforeAll(async () => {
  await Promise.all([bench('a', '--reps', '20', '--warmup', '2'), bench('b', '--reps', '20', '--warmup', '2')]);
  await Promise.all([
    bench('whatif', '--reps', '5', '--whatif'),
    bench('variant', '--reps', '5', '--variant', 'early-downsampling'),
    tsx('src/cli/bench.ts', '--tune', 'off', '--model', 'models/fixtures/jeongwonnet_swap_c8_64.onnx', '--mode', 'arena', '--ceilings', 'off', '--overhead-pairs', '0', '--reps', '5', '--out', join(dir, 'onnx')),
  ]);
}, 900_000);

describe('npm run compare on real runs', () => {
  it('finds no change beyond noise between two runs of the same configuration', async () => {
    const { cmp, text } = await compare('a', 'b');
    expect(validate(cmp, schema)).toEqual([]);
    const c = cmp.configs[0];
    expect([cmp.configs.length, c.label, c.layers.length, c.unmatchedLayers, c.unmatchedNodes]).toEqual([1, 'b1@64 arena', 12, { a: [], b: [] }, { a: [], b: [] }]);
    // Memory does not vary between runs of the same plan: every byte count is the same.
    expect(Object.values(c.peaks).map((p) => p.change)).toEqual(['same', 'same', 'same']);
    expect(c.layers.every((l) => l.logicalBytes.change === 'same' && l.physicalBytes.change === 'same')).toBe(true);
    expect(c.gpuTime.change).toBe('within-noise');
    // Times: on a shared CPU adapter the load can shift between two runs by more than one
    // run's spread, so a layer or two may read beyond noise; the allowance is 2 of 12 layers
    // (a comparison that flagged real-but-unchanged layers wholesale would exceed it).
    const flagged = c.layers.filter((l) => l.time.change !== 'within-noise').map((l) => l.layer);
    console.log(`same configuration twice: ${flagged.length} of 12 layers beyond noise (${flagged.join(', ') || 'none'}); verdict: ${cmp.summary.noChangeBeyondNoise ? 'no change beyond noise' : 'changed'}`);
    expect(flagged.length).toBeLessThanOrEqual(2);
    if (flagged.length === 0) expect(text).toContain('no change beyond noise');
    // The same document against itself: exactly no change, whatever the machine did.
    const self = await compare('a', 'a');
    expect(self.cmp.summary.noChangeBeyondNoise).toBe(true);
    expect(self.text).toContain('no change beyond noise');
  }, 120_000);

  it('shows the what-if variant dropping memory as much as the what-if says', async () => {
    const { cmp, html } = await compare('a', 'variant');
    expect(validate(cmp, schema)).toEqual([]);
    const c = cmp.configs[0];
    const p = c.peaks;
    expect([p.physical.change, p.logical.change, p.predicted.change]).toEqual(['smaller', 'smaller', 'smaller']);
    // Predicted: the analysis' own prediction for the variant, made here.
    const [base, early] = whatIfVariants({ batch: 1, size: 64 }).filter((v) => v.id === 'baseline' || v.id === 'early-downsampling').map((v) => predictVariant(v));
    expect(p.predicted.ratio).toBeCloseTo(early.peakBytes / base.peakBytes, 12);
    // Measured: the what-if run's variant and baseline, in another process.
    const w = readResults('whatif').whatif!;
    const [wb, we] = [w.find((x) => x.variant === 'baseline')!, w.find((x) => x.variant === 'early-downsampling')!];
    expect(p.physical.ratio).toBeCloseTo(we.measuredPeakBytes! / wb.measuredPeakBytes!, 12);
    expect(p.logical.ratio).toBeCloseTo(we.measuredLogicalPeakBytes! / wb.measuredLogicalPeakBytes!, 12);
    console.log(`early downsampling at b1@64: peak physical x${p.physical.ratio!.toFixed(4)}, logical x${p.logical.ratio!.toFixed(4)}, predicted x${p.predicted.ratio!.toFixed(4)}; what-if says ${(1 + we.deltaVsBaseline.measuredPeakFraction!).toFixed(4)} measured, ${(1 + we.deltaVsBaseline.predictedPeakFraction).toFixed(4)} predicted; GPU time x${c.gpuTime.ratio!.toFixed(3)}`);
    expect(c.unmatchedLayers).toEqual({ a: [], b: ['stem'] });
    expect(c.layers.find((l) => l.layer === 'encoder1')!.logicalBytes.change).toBe('smaller');
    expect(cmp.b.variant).toBe('early-downsampling');
    expect(cmp.summary.noChangeBeyondNoise).toBe(false);
    expect(html).toContain('Memory per layer, B/A');
  }, 120_000);

  it('matches the layers of another model that shares their names', async () => {
    const { cmp } = await compare('a', 'onnx');
    const c = cmp.configs[0];
    expect(c.layers.map((l) => l.layer).sort()).toEqual(readResults('a').configs[0].layers.map((l) => l.layer).sort());
    expect(c.unmatchedLayers).toEqual({ a: [], b: [] });
    // Node names differ (encoder1.pw, /encoder1/pw_conv/Conv): listed, not compared.
    expect([c.nodes.length, c.unmatchedNodes.a.length > 0, c.unmatchedNodes.b.length > 0]).toEqual([0, true, true]);
    expect(cmp.notes.join('\n')).toMatch(/models differ: A JeongWonNet_DWBlock_Swap, B jeongwonnet_swap_c8_64.onnx/);
  }, 120_000);
});

/** Elements, attributes and text in document order; numbers to 9 digits, Plot's half-pixel offsets left out. */
function structure(html: string): string[] {
  const { document } = parseHTML(html);
  document.querySelector('h1')?.remove(); // the run's date, in the renderer's locale
  const out: string[] = [];
  const walk = (n: Node): void => {
    if (n.nodeType === 3) {
      const t = n.textContent!.trim();
      if (t) out.push(`text ${t}`);
      return;
    }
    if (n.nodeType !== 1) return;
    const el = n as Element;
    const attrs = [...el.attributes]
      .filter((a) => a.name !== 'transform')
      .map((a) => `${a.name}=${a.value.replace(/\s+/g, '').replace(/;$/, '').replace(/-?\d+\.\d+/g, (x) => String(Number(Number(x).toPrecision(9))))}`)
      .sort();
    out.push(`<${el.tagName.toLowerCase()} ${attrs.join(' ')}`);
    el.childNodes.forEach(walk);
  };
  walk(document.documentElement);
  return out;
}

describe('npm run report on a real run', () => {
  it("renders the files the page wrote: the same CSV and trace, the report's same elements and text", async () => {
    const out = join(dir, 'rendered');
    await tsx('src/cli/report.ts', join(dir, 'a'), '--out', out);
    const file = (d: string, f: string) => readFileSync(join(d, f), 'utf8');
    expect(file(out, 'layers.csv')).toBe(file(join(dir, 'a'), 'layers.csv'));
    expect(file(out, 'trace.json')).toBe(file(join(dir, 'a'), 'trace.json'));
    const page = structure(file(join(dir, 'a'), 'report.html'));
    const node = structure(file(out, 'report.html'));
    expect(page.filter((x) => x.startsWith('<svg')).length).toBeGreaterThanOrEqual(3);
    expect(node).toEqual(page);
  }, 120_000);
});
