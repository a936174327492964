// The bench page path end to end with an ONNX file: the CLI's loader reads the PyTorch
// fixture with its input and expected output, the page imports and runs it like the built-in
// network, and onnxruntime-web runs beside it (WebGPU and wasm) with the same input.
import puppeteer from 'puppeteer-core';
import { describe, expect, inject, it } from 'vitest';
import { parseBenchArgs } from '../../src/cli/bench-args';
import { loadModel } from '../../src/cli/bench-model';
import { driveBench } from '../../src/cli/bench-drive';
import { runInPage } from '../../src/harness/browser';
import { verdict } from '../../src/report/summary';
import { validateResults } from '../../src/results/schema';
import { summarize } from '../../src/util/stats';
import { FIXTURES } from '../onnx/helpers';
import '../setup/provided';

const base = `${FIXTURES}/jeongwonnet_swap_c8_64`;

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

describe('bench page with --model, --input, --expect and --compare ort', () => {
  it('checks against the expect file and reports both onnxruntime-web peers', async () => {
    const args = parseBenchArgs(['--model', `${base}.onnx`, '--input', `${base}.input.bin`, '--expect', `${base}.output.bin`, '--compare', 'ort']);
    const loaded = loadModel(args);
    const sweep = { ...loaded.sweep, modes: ['arena' as const], reps: 2, overheadPairs: 0, ceilings: 'off' as const };
    const { page, close } = await benchPage();
    try {
      await runInPage(page, '/bench/model-stage.ts', 'stageModel', loaded.staged);
      const { results: r, files } = await driveBench(page, sweep, () => undefined);
      expect(validateResults(r)).toEqual([]);
      // The page and the report name the model that ran.
      // The tab title adds the adapter and host once the page has a device.
      expect(await page.title()).toBe('WebGPU working-set profiler: jeongwonnet_swap_c8_64.onnx (google swiftshader, browser)');
      expect(await page.evaluate("document.getElementById('heading').textContent")).toBe('WebGPU working-set profiler: jeongwonnet_swap_c8_64.onnx');
      expect(files.html).toContain('<title>WebGPU working-set profile: jeongwonnet_swap_c8_64.onnx</title>');
      expect(files.html).toMatch(/<h1>WebGPU working-set profile: jeongwonnet_swap_c8_64\.onnx, /);
      expect(r.model).toEqual({ name: 'jeongwonnet_swap_c8_64.onnx', source: 'onnx', file: 'jeongwonnet_swap_c8_64.onnx' });
      // The host and the adapter, on the page and in the report header.
      expect(r.environment.host).toBe('browser');
      expect(await page.evaluate("document.getElementById('device').textContent")).toMatch(/^Host: browser\. Adapter: vendor google, architecture swiftshader.* \(fallback adapter\)\.$/);
      expect(files.html).toMatch(/<p>Host: browser\. Adapter: vendor google, architecture swiftshader/);
      expect(r.configs).toHaveLength(1);
      const c = r.configs[0];
      expect([c.batch, c.size, c.status]).toEqual([1, 64, 'ok']);
      expect(c.check).toMatchObject({ reference: 'expect-file', pass: true, status: 'pass' });
      expect(c.check.maxRelError).toBeLessThanOrEqual(1e-3);
      const p = c.peers!;
      console.log(`fixture b1@64: ours ${p.ours.timeMs?.toFixed(1)} ms; ORT ${p.ortWebgpu.variant} ${p.ortWebgpu.timeMs?.toFixed(1)} ms, wasm ${p.ortWasm.timeMs?.toFixed(1)} ms; peaks ${p.ours.peakBytes} vs ${p.ortWebgpu.peakBytes} bytes`);
      expect(p.ortWebgpu.error).toBeNull();
      expect(p.ortWebgpu.timeMs).toBeGreaterThan(0);
      expect(p.ortWebgpu.firstRunMs).toBeGreaterThan(0);
      expect(p.ortWebgpu.peakBytes).toBeGreaterThan(0);
      expect(p.ortWebgpu.runsMs).toHaveLength(2);
      expect(p.ortWebgpu.timeStatsMs).toEqual(summarize(p.ortWebgpu.runsMs));
      expect(p.ortWasm.timeStatsMs).toEqual(summarize(p.ortWasm.runsMs));
      expect(p.ortWasm.timeMs).toBeGreaterThan(0);
      expect(p.ortWasm.firstRunMs).toBeGreaterThan(0);
      expect(p.ortWasm.check).toMatchObject({ reference: 'ort-wasm', pass: true });
      expect(p.ratios.ortWebgpuTimeOverOurs).toBeGreaterThan(0);
      expect(p.ratios.ortWasmTimeOverOurs).toBeGreaterThan(0);
      expect(p.ratios.ortWebgpuPeakOverOurs).toBeGreaterThan(0);
      expect(verdict(r).failures).toEqual([]);
    } finally {
      await close();
    }
  }, 90_000);
});
