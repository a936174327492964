// The default network on WebGPU vs the CPU reference (tolerance max|y-ref|/max|ref| <= 1e-3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGpuPage, type GpuPage } from '../setup/gpu';
import type { NetworkResult } from './cases/network';

const CASES = '/test/gpu/cases/network.ts';
const TOLERANCE = 1e-3;

describe('whole network on WebGPU', () => {
  let gp: GpuPage;
  beforeAll(async () => {
    gp = await openGpuPage();
  });
  afterAll(async () => gp?.close());

  for (const [batch, size] of [
    [1, 64],
    [2, 64],
    [1, 256],
    [2, 256],
  ]) {
    it(`b${batch}@${size} matches the CPU reference; arena and pool agree bit for bit; repeats are bit-identical`, async () => {
      const r = await gp.run<NetworkResult>(CASES, 'networkCase', { batch, size });
      console.log(
        `network b${batch}@${size}: max|y-ref|/max|ref| = ${r.maxRelError.toExponential(2)} (max|ref| ${r.maxAbsRef.toFixed(3)}), ` +
          `${r.dispatches} dispatches, ${r.pipelines} pipelines, arena ${r.arenaBytes} B, first run ${r.wallMs.toFixed(0)} ms`,
      );
      expect(r.maxRelError).toBeLessThanOrEqual(TOLERANCE);
      expect(r.modesBitIdentical).toBe(true);
      expect(r.repeatsBitIdentical).toBe(true);
    });
  }

  it('kernels rebuild their linear workgroup id when the engine folds dispatches into 2D grids', async () => {
    const r = await gp.run<{ folded: string[]; bitIdentical: boolean }>(CASES, 'foldedDispatches', { batch: 2, size: 64 });
    console.log(`kernels run folded: ${r.folded.join(', ')}`);
    expect(r.folded.length).toBeGreaterThan(0);
    expect(r.bitIdentical).toBe(true);
  });

  it('rejects a wrong input size with the expected shape in the message', async () => {
    const msg = await gp.run<string>(CASES, 'wrongInputSize');
    expect(msg).toMatch(/input 'input' has 10 values; the graph expects \[1,3,64,64\] = 12288/);
  });

  it('refuses a tensor beyond maxStorageBufferBindingSize before dispatching, naming it', async () => {
    const msg = await gp.run<string>(CASES, 'tooLarge');
    expect(msg).toMatch(/^LimitError: tensor 'encoder1.pw' \[\d+,24,512,512\].*maxStorageBufferBindingSize/);
  });
});
