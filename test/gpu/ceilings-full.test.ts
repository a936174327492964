// The full ceiling measurement (about 30 s on SwiftShader), run on request only:
//   CEILINGS_FULL=1 npx vitest run test/gpu/ceilings-full.test.ts
// It writes test-results/ceilings.json and prints the curves, the FMA peak and the cliffs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openGpuPage } from '../setup/gpu';
import type { DeviceCeilings } from '../../src/profiler/ceilings/index';
import { cachesFromCliffs, detectCliffs } from '../../src/analysis/roofline/cliffs';

const KiB = 1024;

function table(c: DeviceCeilings): string {
  const kinds = (['read', 'write', 'copy'] as const).filter((k) => c.bandwidth[k]);
  const rows = c.bandwidth[kinds[0]]!.points.map((p, i) => [`${(p.bytes / KiB).toFixed(1)} KiB`, ...kinds.map((k) => `${c.bandwidth[k]!.points[i].gbps.toFixed(2)} (±${c.bandwidth[k]!.points[i].spread.toFixed(2)})`)].join('\t'));
  return [['working set', ...kinds.map((k) => `${k} GB/s`)].join('\t'), ...rows].join('\n');
}

describe.skipIf(!process.env.CEILINGS_FULL)('full device ceilings', () => {
  it('measures and reports', async () => {
    const gp = await openGpuPage();
    try {
      const c = await gp.run<DeviceCeilings>('/test/gpu/cases/ceilings.ts', 'fullCeilings');
      mkdirSync('test-results', { recursive: true });
      writeFileSync('test-results/ceilings.json', JSON.stringify(c, null, 1));
      console.log(table(c));
      console.log(`FMA f32 ${c.fmaF32.gflops.toFixed(2)} GFLOP/s (spread ${c.fmaF32.spread.toFixed(3)}); f16 ${c.fmaF16Note ?? c.fmaF16!.gflops.toFixed(2)}`);
      console.log(`dispatch overhead ${c.dispatchOverhead.us.toFixed(1)} us; ${c.timing}; ${(c.durationMs / 1e3).toFixed(1)} s`);
      for (const k of ['read', 'write', 'copy'] as const) {
        const cliffs = detectCliffs(c.bandwidth[k]!.points);
        console.log(`${k}: ${cachesFromCliffs(cliffs).note}`, cliffs.map((x) => x.evidence));
      }
      expect(c.fmaF32.gflops).toBeGreaterThan(0);
    } finally {
      await gp.close();
    }
  }, 300_000);
});
