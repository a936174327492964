// Non-convolution kernels (reduce, PRCM gate, pools, resize, element-wise, batchnorm, matmul)
// against the CPU reference, kernel selection, and opt-in timings at the network's shapes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGpuPage, type GpuPage } from '../setup/gpu';
import { jeongwonnet } from '../../src/graph/jeongwonnet';
import type { KernelContext } from '../../src/runtime/kernel';
import { selectKernel } from '../../src/ops/kernels';
import type { MiscCase } from './cases/misc-cases';
import type { MiscResult, MiscTiming } from './cases/misc';
import { MISC_CASES, reduceCases } from './cases/misc-specs';

const CASES = '/test/gpu/cases/misc.ts';

// fp32 throughout; the largest error measured is ~1e-6 (mean of 262144 values centred on 0,
// whose small result makes the relative error large), everything else is below 2e-7; max
// pooling, nearest resize and the element-wise ops are exact.
const TOLERANCE = 1e-5;

const fmt = (x: number): string => x.toExponential(2);

async function check(gp: GpuPage, c: MiscCase, opts: { noSubgroups?: boolean } = {}): Promise<void> {
  const r = await gp.run<MiscResult>(CASES, 'miscCase', c, opts);
  console.log(`| ${c.name}${opts.noSubgroups ? ' (no subgroups)' : ''} | ${r.key} | [${r.shape}] | maxRel ${fmt(r.stats.maxRelError)} | maxAbs ${fmt(r.stats.maxAbsError)} |`);
  if (c.kernel) expect(r.kernel).toBe(c.kernel);
  expect(r.stats.maxRelError).toBeLessThanOrEqual(TOLERANCE);
}

describe('misc kernels vs CPU reference', () => {
  let gp: GpuPage;

  beforeAll(async () => {
    gp = await openGpuPage();
  });

  afterAll(async () => {
    await gp?.close();
  });

  for (const c of MISC_CASES) it(c.name, () => check(gp, c));

  // Without subgroups the reduction uses one invocation per plane (small planes) or a
  // workgroup-memory tree (large planes): run both on a device that lacks the feature.
  for (const c of reduceCases()) it(`${c.name} without subgroups`, () => check(gp, c, { noSubgroups: true }));
});

const CTX_LIMITS = { maxComputeWorkgroupsPerDimension: 65535, maxComputeInvocationsPerWorkgroup: 256 };

describe('misc kernel selection', () => {
  it('runs the network’s pools, upsamples and adds on their fast paths', () => {
    const graph = jeongwonnet({ size: 64 });
    const ctx: KernelContext = { graph, limits: CTX_LIMITS, features: new Set(['subgroups']) };
    const picked = (op: string) => graph.nodes.filter((n) => n.op === op).map((n) => selectKernel(n, ctx).name);
    expect(picked('maxpool2d')).toEqual(Array(5).fill('maxpool2x2'));
    expect(picked('resize')).toEqual(Array(5).fill('resize2x_ac'));
    expect(picked('add')).toEqual(Array(5).fill('binary'));
  });
});

/** The network's misc ops at batch 1, 256x256 (prescale = the PRCM scale folded into the read). */
function networkCases(): MiscCase[] {
  const s = (c: number) => ({ name: 's', shape: [1, c, 1, 1], range: [0, 1] as [number, number] });
  const x = (shape: number[]) => ({ name: 'x', shape, range: [0, 1] as [number, number] });
  const out: MiscCase[] = [];
  for (const [c, h] of [[24, 256], [48, 128], [64, 64], [96, 32], [128, 16], [192, 8]]) {
    out.push({ name: `reduce_mean_hw ${c}x${h}x${h}`, op: 'reduce_mean_hw', inputs: [x([1, c, h, h])], attrs: {} });
    out.push({ name: `prcm_gate c${c}`, op: 'prcm_gate', inputs: [x([1, c, 1, 1]), { name: 'basis', shape: [8, c], weight: true }, { name: 'fuser', shape: [c, 8], weight: true }], attrs: {} });
    if (h > 8) out.push({ name: `maxpool 2x2 ${c}x${h}x${h} prescale`, op: 'maxpool2d', inputs: [x([1, c, h, h]), s(c)], attrs: { kernel: [2, 2], strides: [2, 2], prescale: true } });
  }
  for (const [c, h] of [[96, 8], [64, 16], [48, 32], [24, 64]]) {
    out.push({ name: `resize_add 2x ${c}x${h}x${h} prescale`, op: 'resize_add', inputs: [x([1, c, h, h]), { name: 'skip', shape: [1, c, 2 * h, 2 * h] }, s(c)], attrs: { outSize: [2 * h, 2 * h], mode: 'linear', coord: 'align_corners', prescale: true } });
  }
  out.push({ name: 'resize 2x 1x128x128 (output)', op: 'resize', inputs: [x([1, 1, 128, 128])], attrs: { outSize: [256, 256], mode: 'linear', coord: 'align_corners' } });
  out.push({ name: 'add 128x8x8 prescale (decoder1)', op: 'add', inputs: [x([1, 128, 8, 8]), { name: 'b', shape: [1, 128, 8, 8] }, s(128)], attrs: { prescale: true } });
  out.push({ name: 'add 24x256x256 (training form)', op: 'add', inputs: [x([1, 24, 256, 256]), { name: 'b', shape: [1, 24, 256, 256] }], attrs: {} });
  out.push({ name: 'batchnorm 24x256x256 (training form)', op: 'batchnorm', inputs: [x([1, 24, 256, 256]), ...['scale', 'bias', 'mean', 'var'].map((n) => ({ name: n, shape: [24], weight: true, range: [0.5, 1.5] as [number, number] }))], attrs: { epsilon: 1e-5 } });
  return out;
}

describe.skipIf(!process.env.MISC_TIMINGS)('misc timings at the network shapes (MISC_TIMINGS=1)', () => {
  let gp: GpuPage;

  beforeAll(async () => {
    gp = await openGpuPage();
  });

  afterAll(async () => {
    await gp?.close();
  });

  it('every misc op of the network', async () => {
    for (const c of networkCases()) {
      const t = await gp.run<MiscTiming>(CASES, 'miscTiming', c, 7);
      console.log(`| ${c.name} | ${t.key} | median ${t.ms[3].toFixed(3)} ms | min ${t.ms[0].toFixed(3)} ms |`);
    }
  });
});
