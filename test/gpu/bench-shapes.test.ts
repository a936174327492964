// The bench page with ONNX models whose inputs the built-in network never has: two inputs,
// a non-square image, a 1-D (rank-3) signal. Each configuration's shapes come in explicitly, as
// the CLI resolves them; every row records them and is checked against the CPU reference.
import puppeteer from 'puppeteer-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { driveBench } from '../../src/cli/bench-drive';
import { runInPage } from '../../src/harness/browser';
import { comparisonText } from '../../src/report/peers-text';
import { validateResults } from '../../src/results/schema';
import type { InputShapes, Results } from '../../src/results/types';
import { convModel, rank3Model, twoInputModel } from '../onnx/shape-models';
import '../setup/provided';

async function run(name: string, bytes: Uint8Array, inputShapes: InputShapes[]): Promise<Results> {
  const unavailable = inject('gpuUnavailable');
  if (unavailable) throw new Error(`GPU harness unavailable: ${unavailable}`);
  const browser = await puppeteer.connect({ browserWSEndpoint: inject('browserWSEndpoint'), defaultViewport: null });
  const page = await browser.newPage();
  try {
    await page.goto(new URL('/bench/index.html', inject('gpuBaseUrl')).href, { waitUntil: 'load' });
    await runInPage(page, '/bench/model-stage.ts', 'stageModel', { name, bytes });
    const sweep = { inputShapes, batches: [], sizes: [], modes: ['arena' as const], reps: 1, warmup: 1, overheadPairs: 0, ceilings: 'off' as const };
    return (await driveBench(page, sweep, () => undefined)).results;
  } finally {
    await page.close().catch(() => undefined);
    await browser.disconnect();
  }
}

describe('bench page: input shapes beyond one square image', () => {
  const runs: Record<string, Results> = {};
  beforeAll(async () => {
    runs.two = await run('add2.onnx', twoInputModel(['n', 4, 8, 8]), [
      { a: [1, 4, 8, 8], b: [1, 4, 8, 8] },
      { a: [2, 4, 8, 8], b: [2, 4, 8, 8] },
    ]);
    runs.wide = await run('conv.onnx', convModel(['n', 3, 'h', 'w']), [{ image: [1, 3, 16, 24] }]);
    runs.signal = await run('signal.onnx', rank3Model(['n', 4, 'len']), [{ signal: [2, 4, 50] }]);
  }, 180_000);

  it('writes valid documents whose rows all ran and passed the CPU check', () => {
    for (const [k, r] of Object.entries(runs)) {
      expect(validateResults(r), k).toEqual([]);
      for (const c of r.configs) expect([k, c.status, c.check.status, c.check.reference]).toEqual([k, 'ok', 'pass', 'cpu']);
    }
  });

  it('records every input shape per row, with batch, and size only where it means height = width', () => {
    expect(runs.two.configs.map((c) => [c.inputShapes, c.batch, c.size])).toEqual([
      [{ a: [1, 4, 8, 8], b: [1, 4, 8, 8] }, 1, 8],
      [{ a: [2, 4, 8, 8], b: [2, 4, 8, 8] }, 2, 8],
    ]);
    expect(runs.wide.configs.map((c) => [c.inputShapes, c.size])).toEqual([[{ image: [1, 3, 16, 24] }, null]]);
    expect(runs.signal.configs.map((c) => [c.inputShapes, c.size])).toEqual([[{ signal: [2, 4, 50] }, null]]);
    expect(runs.wide.options.inputShapes).toEqual([{ image: [1, 3, 16, 24] }]);
  });

  it('names each configuration by its shapes in the report', () => {
    expect(comparisonText(runs.two)).toContain('a=1x4x8x8 b=1x4x8x8 arena: pass against the CPU reference');
    expect(comparisonText(runs.wide)).toContain('1x3x16x24 arena: pass');
    expect(comparisonText(runs.signal)).toContain('2x4x50 arena: pass');
  });
});
