// Page-side npm dependencies must load through Vite without a mid-test reload, and
// the committed ONNX fixture must be fetchable.
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/harness/server';
import { openGpuPage, type GpuPage } from '../setup/gpu';

const DEPS = '/test/gpu/cases/deps.ts';
const FIXTURE = resolve(REPO_ROOT, 'models/fixtures/jeongwonnet_swap_c8_64');

let gp: GpuPage;
let navigations = 0;

beforeAll(async () => {
  gp = await openGpuPage();
  gp.page.on('framenavigated', (frame) => {
    if (frame === gp.page.mainFrame()) navigations++;
  });
});

afterAll(async () => {
  await gp?.close();
});

it('imports onnxruntime-web and Plot in the page without reloading it', async () => {
  expect(await gp.run(DEPS, 'loadDeps')).toEqual({ ort: 'function', plot: 'function' });
  expect(navigations).toBe(0);
});

// The shared folder sits next to the checkout in development, not in every clone.
it('runs the ONNX fixture on the wasm EP', async () => {
  const out = await gp.run<Float32Array>(
    DEPS,
    'runOnnxWasm',
    `/@fs${FIXTURE}.onnx`,
    `/@fs${FIXTURE}.input.bin`,
    [1, 3, 64, 64],
  );
  expect(out.length).toBe(64 * 64);
  expect(navigations).toBe(0);
});
