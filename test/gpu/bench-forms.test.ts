// A training-form export through the bench page: the file runs as exported (RepConv branches
// kept) and reparameterized, both checked against the CPU reference of the imported graph, and
// the branches' extra feature maps show up in the measured physical peak.
import puppeteer from 'puppeteer-core';
import { describe, expect, inject, it } from 'vitest';
import { parseBenchArgs } from '../../src/cli/bench-args';
import { loadModel } from '../../src/cli/bench-model';
import { driveBench } from '../../src/cli/bench-drive';
import { runInPage } from '../../src/harness/browser';
import { formsText } from '../../src/report/forms';
import { verdict } from '../../src/report/summary';
import { validateResults } from '../../src/results/schema';
import '../setup/provided';

const MODEL = 'models/jeongwonnet_training_c8_64.onnx';

async function benchPage() {
  const unavailable = inject('gpuUnavailable');
  if (unavailable) throw new Error(`GPU harness unavailable: ${unavailable}`);
  const browser = await puppeteer.connect({ browserWSEndpoint: inject('browserWSEndpoint'), defaultViewport: null });
  const page = await browser.newPage();
  await page.goto(new URL('/bench/index.html', inject('gpuBaseUrl')).href, { waitUntil: 'load' });
  const close = async () => {
    await page.close().catch(() => undefined);
    await browser.disconnect();
  };
  return { page, close };
}

describe('bench page with a training-form model', () => {
  it('runs it as exported and reparameterized, both checked, and reports the reduction', async () => {
    const loaded = loadModel(parseBenchArgs(['--model', MODEL]));
    const sweep = { ...loaded.sweep, modes: ['arena' as const], reps: 2, overheadPairs: 0, ceilings: 'off' as const };
    const { page, close } = await benchPage();
    try {
      await runInPage(page, '/bench/model-stage.ts', 'stageModel', loaded.staged);
      const { results: r } = await driveBench(page, sweep, () => undefined);
      expect(validateResults(r)).toEqual([]);
      expect(r.configs.map((c) => [c.batch, c.size, c.mode, c.form, c.status])).toEqual([
        [1, 64, 'arena', 'as-exported', 'ok'],
        [1, 64, 'arena', 'reparameterized', 'ok'],
      ]);
      for (const c of r.configs) {
        expect(c.check).toMatchObject({ reference: 'cpu', status: 'pass' });
        expect(c.check.maxRelError).toBeLessThanOrEqual(1e-3);
      }
      const [exported, reparam] = r.configs;
      expect(exported.nodes.length).toBeGreaterThan(reparam.nodes.length);
      expect(exported.peakBytes.measuredPhysical!).toBeGreaterThan(reparam.peakBytes.measuredPhysical!);
      const row = r.forms!.rows[0];
      expect(row.reduction.physical).toBeGreaterThan(0);
      expect(r.forms!.seedBlockReduction).toBeCloseTo(5 / 7, 6);
      console.log(formsText(r));
      expect(verdict(r).failures).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);
});
