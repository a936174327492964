import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGpuPage, type GpuPage } from '../setup/gpu';
import type { Refusals } from './cases/allocation-refusals';
import { expectRefusals } from './refusal-checks';

const CASES = '/test/gpu/cases/errors.ts';

describe('GPU errors are surfaced with what failed', () => {
  let gp: GpuPage;
  beforeAll(async () => {
    gp = await openGpuPage();
  });
  afterAll(async () => gp?.close());

  it('a shader that does not compile names the pipeline key, the node and the line', async () => {
    const msg = await gp.run<string>(CASES, 'brokenShader');
    expect(msg).toMatch(/pipeline broken\{K=7\} \(first used by node 'encoder1.dw'\) failed/);
    expect(msg).toMatch(/line 1:/);
  });

  it('a buffer beyond the device limits is caught by the error scope, not swallowed', async () => {
    const msg = await gp.run<string>(CASES, 'oversizedBuffer');
    expect(msg).toMatch(/^Gpu(Validation|OutOfMemory)Error: .* while allocating the arena for 'encoder1.pw'/);
  });

  it('an allocation the device refuses is raised by its own error scope, naming what was asked for and the bytes', async () => {
    const r = await gp.run<Refusals>(CASES, 'refusals');
    console.log(`refused in the page: ${r.oversized}\npre-checked: ${r.preChecked}\nquery set: ${r.querySet}`);
    expectRefusals(r, gp.gpu.limits.maxBufferSize);
  });

  it('an invalid dispatch is reported with the label of its pass', async () => {
    const msg = await gp.run<string>(CASES, 'invalidDispatch');
    expect(msg).toMatch(/^GpuValidationError: GPU validation error while running the inference/);
    expect(msg).toContain('decoder3.up');
  });
});
