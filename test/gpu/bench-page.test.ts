// The bench page as a person uses it, in headless Chromium: pick a file that is no model and see
// the error; drop models and see what they hold before anything runs (unsupported ops at once,
// fields for dynamic dims); run with bad options and see the error, then run for real in the
// same page; download results.json and validate it; stop a multi-configuration sweep and see
// the partial report; compare the two kept runs. Screenshots go to test-results/bench-page-*.png.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { validateResults } from '../../src/results/schema';
import type { Results } from '../../src/results/types';
import { FIXTURES, OnnxWriter } from '../onnx/helpers';
import '../setup/provided';

const SHOTS = 'test-results';
const FIXTURE = 'jeongwonnet_swap_c8_64';
/** Small and quick to compile, with dynamic batch, height and width. */
const DYNAMIC = 'dynamic_fcn_b2_48x64';
const params = (JSON.parse(readFileSync(`${FIXTURES}/fixtures.json`, 'utf8')) as { params: number }[])[0].params;

interface DropFile {
  name: string;
  /** Served by the dev server, or the bytes themselves (base64). */
  url?: string;
  base64?: string;
}

/** A synthetic drop of real File objects on the drop zone, as the browser delivers one. */
async function drop(page: Page, files: DropFile[]): Promise<void> {
  await page.evaluate(async (list: DropFile[]) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bytes = f.url ? await (await fetch(f.url)).arrayBuffer() : Uint8Array.from(atob(f.base64!), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name));
    }
    const zone = document.getElementById('drop-zone')!;
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
}

async function setText(page: Page, name: string, value: string): Promise<void> {
  const el = (await page.$(`[name="${name}"]`))!;
  await el.click({ count: 3 });
  await page.keyboard.press('Backspace');
  await el.type(value);
}

const text = (page: Page, sel: string) => page.$eval(sel, (el) => (el as HTMLElement).innerText);
const visible = (page: Page, sel: string) => page.$eval(sel, (el) => !(el as HTMLElement).hidden && (el as HTMLElement).offsetParent !== null);

async function finished(page: Page): Promise<{ status: string; error?: { message: string }; results?: Results; liveAfter?: { buffers: number; bytes: number } }> {
  try {
    await page.waitForFunction(`['done', 'error'].includes(window.benchState.status)`, { timeout: 60_000, polling: 100 });
  } catch {
    const seen = await page.evaluate(`({ status: window.benchState.status, progress: window.benchState.progress, error: document.getElementById('error').textContent })`);
    throw new Error(`the run did not end within 60 s: ${JSON.stringify(seen)}`);
  }
  return page.evaluate(`({ status: window.benchState.status, error: window.benchState.error, results: window.benchState.results, liveAfter: window.benchState.liveAfter })`) as never;
}

function unsupportedModel(): string {
  const w = new OnnxWriter({ opset: 13 });
  const x = w.input('x', [1, 4, 8, 8]);
  w.node('Relu', '/relu', [x], ['r']);
  w.node('Det', '/det', ['r'], ['y']);
  w.output('y');
  return Buffer.from(w.bytes()).toString('base64');
}

describe('the bench page, driven as a person uses it', () => {
  let page: Page;
  let close: () => Promise<void>;
  const downloads = mkdtempSync(join(tmpdir(), 'bench-page-downloads-'));
  const shot = (name: string, fullPage = false) => page.screenshot({ path: `${SHOTS}/bench-page-${name}.png`, fullPage });

  beforeAll(async () => {
    const unavailable = inject('gpuUnavailable');
    if (unavailable) throw new Error(`GPU harness unavailable: ${unavailable}`);
    mkdirSync(SHOTS, { recursive: true });
    const browser = await puppeteer.connect({ browserWSEndpoint: inject('browserWSEndpoint'), defaultViewport: null });
    // Its own storage (no runs kept by other tests) and a download folder.
    const context = await browser.createBrowserContext({ downloadBehavior: { policy: 'allow', downloadPath: downloads } });
    page = await context.newPage();
    await page.setViewport({ width: 1200, height: 900 });
    close = async () => {
      await context.close().catch(() => undefined);
      await browser.disconnect();
      rmSync(downloads, { recursive: true, force: true });
    };
    await page.goto(new URL('/bench/index.html', inject('gpuBaseUrl')).href, { waitUntil: 'load' });
    // The header names the adapter before any run.
    await page.waitForFunction(`document.getElementById('device').textContent.includes('vendor')`, { timeout: 20_000 });
  });
  afterAll(() => close?.());

  it('shows the error for a file that is no model, and stays on the built-in network', async () => {
    const garbage = join(downloads, 'not-a-model.onnx');
    writeFileSync(garbage, 'this is a text file, not a protobuf');
    const picker = (await page.$('input[name="model"]'))!;
    await picker.uploadFile(garbage);
    await page.waitForSelector('#model-error');
    expect(await text(page, '#model-error')).toMatch(/^Cannot use not-a-model\.onnx: not a valid ONNX model \(protobuf decoding failed: .*\); is the file truncated or not an \.onnx file\?/);
    expect(await text(page, '#model-status')).toBe('runs: built-in network');
    expect(await page.evaluate('window.benchModel')).toBeNull();
    await shot('1-garbage');
    // A tiny sweep for the rest of the test.
    await page.select('select[name="mode"]', 'arena');
    await page.select('select[name="ceilings"]', 'off');
    await setText(page, 'reps', '2');
    await setText(page, 'overheadPairs', '0');
  });

  it('lists unsupported ops at once with the importer message, and offers fields for dynamic dims', async () => {
    await drop(page, [{ name: 'det.onnx', base64: unsupportedModel() }]);
    await page.waitForFunction(`document.getElementById('model-status').textContent.includes('det.onnx')`);
    expect(await text(page, '#model-summary')).toContain('Unsupported ops: Det (1 node).');
    expect(await text(page, '#model-error')).toMatch(/^The importer says \(imported at x 1x4x8x8\): ONNX node '\/det' \(Det\): unsupported op type; supported ops: /);
    await shot('2-unsupported');
    // Running it anyway fails with the same message, on the page.
    await page.click('#run');
    const run = await finished(page);
    expect(run.status).toBe('error');
    expect(await text(page, '#error')).toMatch(/^OnnxImportError: ONNX node '\/det' \(Det\): unsupported op type; supported ops: /);
    await shot('3-run-error');

    await drop(page, [{ name: `${DYNAMIC}.onnx`, url: `/models/zoo/${DYNAMIC}.onnx` }]);
    await page.waitForSelector('#model-shapes:not([hidden]) input[name="dim:height"]');
    const fields = await page.$$eval('#model-shapes input', (els) => els.map((e) => [(e as HTMLInputElement).name, (e as HTMLInputElement).value]));
    expect(fields).toEqual([['dim:batch', '1'], ['dim:height', '64'], ['dim:width', '64']]);
    expect(await page.$eval('input[name="batch"]', (e) => (e as HTMLInputElement).readOnly)).toBe(true);
    expect(await text(page, '#model-summary')).toMatch(/Dynamic dims\s+3 dynamic \(batch, height, width\)/);
  });

  it('keeps the declared shape of a model whose fixed input is not one square image', async () => {
    await drop(page, [{ name: 'argmax_head_48x64.onnx', url: '/models/zoo/argmax_head_48x64.onnx' }]);
    await page.waitForFunction(`document.getElementById('model-status').textContent.includes('argmax_head')`);
    expect(await page.$eval('input[name="size"]', (e) => (e as HTMLInputElement).readOnly)).toBe(true);
    expect(await page.$eval('input[name="batch"]', (e) => (e as HTMLInputElement).readOnly)).toBe(false);
    // What the next run would sweep, from the page's own module: the declared 48x64 at each batch size.
    const shapes = await page.evaluate(`import('/bench/model-shapes.ts').then((m) => m.shapeOptions({ batches: [1, 2] }))`);
    expect(shapes).toEqual({ inputShapes: [{ input: [1, 3, 48, 64] }, { input: [2, 3, 48, 64] }], batches: [1, 2], sizes: [] });
  });

  it('drops the fixture with its input and expected output and shows what it holds before running', async () => {
    await drop(page, ['onnx', 'input.bin', 'output.bin'].map((ext) => ({ name: `${FIXTURE}.${ext}`, url: `/models/fixtures/${FIXTURE}.${ext}` })));
    await page.waitForFunction(`document.getElementById('model-status').textContent.includes('expected output')`);
    expect(await text(page, '#model-status')).toBe(`runs: ${FIXTURE}.onnx with its input and expected output`);
    const summary = await text(page, '#model-summary');
    expect(summary).toMatch(new RegExp(`Parameters\\s+${params.toLocaleString('en-US')} in \\d+ initializers`));
    expect(summary).toMatch(/input\t1 × 3 × 64 × 64/);
    expect(summary).toMatch(/output\t1 × 1 × 64 × 64/);
    expect(summary).toMatch(/Conv ×23/);
    expect(summary).toMatch(/Dynamic dims\s+none/);
    expect(await visible(page, '#model-shapes')).toBe(false);
    expect(await page.title()).toMatch(new RegExp(`^WebGPU working-set profiler: ${FIXTURE}\\.onnx \\(google swiftshader, browser\\)$`));
    expect(await visible(page, '#error')).toBe(false);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('4-model');
  });

  it('shows a bad shape as an error, then runs in the same page and offers the results', async () => {
    await drop(page, ['onnx', 'input.bin', 'output.bin'].map((ext) => ({ name: `${DYNAMIC}.${ext}`, url: `/models/zoo/${DYNAMIC}.${ext}` })));
    await page.waitForFunction(`document.getElementById('model-status').textContent.includes('expected output')`);
    await setText(page, 'dim:batch', '0');
    await setText(page, 'dim:height', '48');
    await page.click('#run');
    await page.waitForSelector('#error:not([hidden])');
    expect(await text(page, '#error')).toBe("The options are not valid: input dim 'batch': '0' is not a positive integer");
    await shot('5-error');

    // Its input and expected output files are for 2x3x48x64.
    await setText(page, 'dim:batch', '2');
    await page.click('#run');
    const ok = await finished(page);
    expect(ok.status, ok.error?.message).toBe('done');
    expect(await visible(page, '#error')).toBe(false);
    const r = ok.results!;
    expect(r.configs.map((c) => [c.inputShapes, c.mode, c.status, c.check.reference, c.check.pass])).toEqual([[{ input: [2, 3, 48, 64] }, 'arena', 'ok', 'expect-file', true]]);
    expect(r.incomplete).toBeNull();
    // The report and the header: model, adapter, host, quantum.
    expect(await text(page, '#report')).toContain('Configurations');
    expect(await page.title()).toBe(`WebGPU working-set profiler: ${DYNAMIC}.onnx (google swiftshader, browser, ns timestamps)`);
    expect(await text(page, '#timing')).toMatch(/^Timestamp quantum: none \(nanosecond stamps\)/);
    expect(ok.liveAfter).toEqual({ buffers: 0, bytes: 0 });
    await shot('6-report', true);

    await page.click('#downloads button[data-file="json"]');
    const file = join(downloads, 'results.json');
    // Chromium writes a .crdownload file and renames it when the download is complete.
    for (let i = 0; i < 100 && !readdirSync(downloads).includes('results.json'); i++) await new Promise((res) => setTimeout(res, 100));
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Results;
    expect(validateResults(doc)).toEqual([]);
    expect(doc.createdAt).toBe(r.createdAt);
    expect(doc.configs[0].peakBytes).toEqual(r.configs[0].peakBytes);
  });

  it('stops a multi-configuration sweep and shows the configurations done, marked incomplete', async () => {
    await page.select('select[name="mode"]', 'both');
    await page.click('#run');
    expect(await page.$eval('#stop', (b) => (b as HTMLButtonElement).disabled)).toBe(false);
    // The first configuration compiles its kernels: seconds, long enough to look at the progress line.
    await page.waitForFunction(`window.benchState.progress?.phase === 'tune'`, { polling: 20 });
    expect(await text(page, '#progress-text')).toMatch(/^config 1\/2: 2x3x48x64 arena, tune · \d+ s elapsed, /);
    await page.$eval('#progress', (el) => el.scrollIntoView({ block: 'center' }));
    await shot('7-running');
    // Stop once the progress line shows the second configuration. The click is dispatched in the
    // page the moment it does: a configuration of this model takes a fraction of a second.
    const line = await page.evaluate(() =>
      new Promise<string>((resolve) => {
        const poll = () => {
          if ((window.benchState.progress?.config ?? 0) < 1) return void setTimeout(poll, 2);
          document.getElementById('stop')!.click();
          resolve(document.getElementById('progress-text')!.textContent!);
        };
        poll();
      }),
    );
    expect(line).toMatch(/^config 2\/2: 2x3x48x64 pool, \w+.* · \d+ s elapsed, about \d+ s left$/);
    const stopped = await finished(page);
    expect(stopped.status, stopped.error?.message).toBe('done');
    const r = stopped.results!;
    expect(r.incomplete).toEqual({ reason: 'stopped from the page', configsDone: 1, configsPlanned: 2 });
    expect(r.configs.map((c) => [c.mode, c.status])).toEqual([['arena', 'ok']]);
    // The configuration in progress released its buffers on the way out.
    expect(stopped.liveAfter).toEqual({ buffers: 0, bytes: 0 });
    expect(await text(page, '#incomplete')).toBe('Incomplete: the sweep was stopped (stopped from the page) after 1 of 2 configurations; the results below are those of the 1 done.');
    expect(await page.$eval('#stop', (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    expect(await page.$eval('#run', (b) => (b as HTMLButtonElement).disabled)).toBe(false);
    await shot('8-stopped');
  });

  it('keeps both runs in this browser and compares them in the page', async () => {
    await page.waitForFunction(`document.querySelectorAll('#history-table tbody tr').length === 2`, { timeout: 10_000 });
    const rows = await page.$$eval('#history-table tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).innerText));
    expect(rows[0]).toMatch(/this run.*1 of 2 \(stopped\)/s);
    expect(rows[1]).toContain(`${DYNAMIC}.onnx`);
    expect(await text(page, '#history-note')).toMatch(/^2 run\(s\), \d+ KB kept\. This browser keeps the last 20 runs, at most 32 MB in all; older ones are dropped first\./);
    await page.click('#compare-runs');
    await page.waitForSelector('#comparison-frame');
    await page.waitForFunction(`document.getElementById('comparison-frame').contentDocument?.querySelector('h1')`);
    const inFrame = await page.$eval('#comparison-frame', (f) => (f as HTMLIFrameElement).contentDocument!.body.innerText);
    expect(inFrame).toContain('Comparison: B against A');
    expect(inFrame).toMatch(/A: #1 .*\nB: #2 .*\(incomplete\)/);
    expect(await text(page, '#comparison')).toMatch(/\b1 configuration\(s\)/);
    // Bytes are exact, and the same configuration of the same model holds the same buffers.
    expect(inFrame).toMatch(/Peaks: physical ([\d.]+) -> \1 MB \(1\.000x\), logical ([\d.]+) -> \2 MB \(1\.000x\)/);
    await page.$eval('#history', (el) => el.scrollIntoView());
    await shot('9-compare');
  });
});
