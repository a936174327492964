// Zero-copy concat on the GPU: producers (convs of odd shapes, strides, pads, a max pool) write
// their slices in place where the slice is contiguous and aligned, the rest is copied; every
// case matches the CPU reference within max|y-ref|/max|ref| <= 1e-4 in arena and pool mode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGpuPage, type GpuPage } from '../setup/gpu';
import type { ConcatSpec } from './cases/concat-graph';
import type { ConcatRun } from './cases/concat';

const TOLERANCE = 1e-4;

interface Expect {
  views: number;
  concatDispatches: number;
}

const CASES: [ConcatSpec, Expect][] = [
  // Every part [1, 16, 4, 4] or [1, 32, 4, 4]: all aligned, no copy.
  [{ name: 'aligned convs', N: 1, C: 3, H: 4, W: 4, branches: [{ OC: 16, K: 1 }, { OC: 32, K: 3, pad: 1, relu: true }, { OC: 16, K: 3, pad: 1 }] }, { views: 3, concatDispatches: 0 }],
  // 9x13 = 117 pixels: only the part at offset 0 and those at multiples of 64 channels are aligned.
  [{ name: 'odd shape, stride 2', N: 1, C: 5, H: 17, W: 25, branches: [{ OC: 64, K: 3, stride: 2, pad: 1 }, { OC: 7, K: 1, stride: 2 }, { OC: 57, K: 5, stride: 2, pad: 2, relu: true }, { OC: 3, K: 3, stride: 2, pad: 1 }] }, { views: 3, concatDispatches: 1 }],
  [{ name: 'pool and conv branches', N: 1, C: 16, H: 8, W: 8, branches: [{ OC: 16, K: 3, pad: 1 }, { K: 3, pad: 1, pool: true }, { OC: 5, K: 1 }] }, { views: 3, concatDispatches: 0 }],
  // Batch 2: a channel slice is not contiguous, so every part is copied.
  [{ name: 'batch 2', N: 2, C: 3, H: 6, W: 7, branches: [{ OC: 8, K: 3, pad: 1 }, { OC: 5, K: 1 }] }, { views: 0, concatDispatches: 2 }],
  [{ name: 'densenet chain', N: 1, C: 4, H: 8, W: 8, branches: [{ OC: 8, K: 1 }], dense: { layers: 3, growth: 4 } }, { views: 7, concatDispatches: 0 }],
  [{ name: 'repeated part', N: 1, C: 3, H: 4, W: 4, branches: [{ OC: 16, K: 1 }, { OC: 16, K: 1 }], repeat: true }, { views: 1, concatDispatches: 2 }],
];

describe('zero-copy concat on the WebGPU engine', () => {
  let gp: GpuPage;
  beforeAll(async () => {
    gp = await openGpuPage();
  });
  afterAll(async () => {
    await gp?.close();
  });

  for (const [spec, want] of CASES) {
    it(spec.name, async () => {
      const r = await gp.run<ConcatRun>('/test/gpu/cases/concat.ts', 'concatCase', spec);
      console.log(`${spec.name}: ${r.views} views, ${r.concatDispatches} concat copies, max|y-ref|/max|ref| arena ${r.arena.maxRelError.toExponential(2)} pool ${r.pool.maxRelError.toExponential(2)}`);
      expect({ views: r.views, concatDispatches: r.concatDispatches }).toEqual(want);
      expect(r.arena.maxRelError).toBeLessThanOrEqual(TOLERANCE);
      expect(r.pool.maxRelError).toBeLessThanOrEqual(TOLERANCE);
      expect(gp.log.errors).toEqual([]);
    });
  }
});
