// One dev server and one Chromium for the whole run: a launch costs about half a
// second and a fresh Vite server more, while a new page costs a few hundred ms.
import type { TestProject } from 'vitest/node';
import { Harness } from '../../src/harness/browser';
import './provided';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let harness: Harness | undefined;
  try {
    harness = await Harness.start({ echo: process.env.GPU_ECHO ? '[page]' : false });
  } catch (err) {
    // Node-only tests must still run on a machine without Chromium; GPU tests
    // fail individually with this message instead.
    const message = err instanceof Error ? err.message : String(err);
    console.error(`[gpu-global] harness unavailable: ${message}`);
    project.provide('gpuUnavailable', message);
    project.provide('gpuBaseUrl', '');
    project.provide('browserWSEndpoint', '');
    return async () => undefined;
  }
  const { serverMs, launchMs } = harness.timings;
  console.log(`[gpu-global] dev server ${serverMs.toFixed(0)} ms, Chromium launch ${launchMs.toFixed(0)} ms`);
  project.provide('gpuUnavailable', '');
  project.provide('gpuBaseUrl', harness.url);
  project.provide('browserWSEndpoint', harness.wsEndpoint);
  const started = harness;
  return () => started.close();
}
