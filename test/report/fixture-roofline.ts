// Hand-made roofline inputs: a device-ceiling measurement with one known cliff, a measured row
// of a real (small) graph, and what-if rows with known numbers.
import type { DeviceCeilings } from '../../src/profiler/ceilings/types.js';
import type { Graph } from '../../src/graph/ir.js';
import { jeongwonnet } from '../../src/graph/jeongwonnet.js';
import { optimize } from '../../src/passes/index.js';
import { ceilingsResult } from '../../src/results/ceilings.js';
import type { CeilingsResult, ConfigResult, WhatIfResult } from '../../src/results/types.js';
import { okConfig } from './fixture.js';

const KiB = 1024;
export const MiB = 1024 * KiB;

/** 2 points per octave, 16 KiB to 64 MiB, as the bench preset measures. */
const SIZES = Array.from({ length: 25 }, (_, i) => Math.round(16 * KiB * 2 ** (i / 2)));

/** Flat at `high` GB/s up to 4 MiB, `low` beyond: one cliff, at 4-5.7 MiB. */
function curve(kind: 'read' | 'write' | 'copy', high: number, low: number) {
  const points = SIZES.map((bytes) => {
    const gbps = bytes <= 4 * MiB ? high : low;
    return { bytes, gbps, spread: 0.05, minGbps: gbps * 0.97, maxGbps: gbps * 1.02, repeats: 3, dispatchesPerPass: 1 };
  });
  return { kind, points, spread: 0.05, maxSpread: 0.05, peakGbps: high };
}

/** Kernel roofs are optional so the FMA-only expectations of older tests stay as they were. */
export function deviceCeilings(kernelRoofs: DeviceCeilings['kernelRoofs'] = []): DeviceCeilings {
  return {
    version: 3,
    adapter: { vendor: 'google', architecture: 'swiftshader', device: '', description: '' },
    timing: 'timestamp',
    measuredAt: '2025-01-01T00:00:00.000Z',
    durationMs: 3100,
    options: {
      minBytes: 16 * KiB,
      maxBytes: 64 * MiB,
      pointsPerOctave: 2,
      repeats: 3,
      kinds: ['read', 'write', 'copy'],
      targetBytesPerPass: 8 * MiB,
      maxDispatchesPerPass: 32,
      fmaTargetMs: 10,
      fmaInvocations: 65536,
      minWorkgroups: 16,
      timing: 'auto',
      kernelClasses: ['dwconv:k7', 'pwconv'],
    },
    maxBytes: 64 * MiB,
    bandwidth: { read: curve('read', 4, 2), write: curve('write', 3, 1), copy: curve('copy', 4, 1) },
    fmaF32: { gflops: 20, spread: 0.02, repeats: 3, invocations: 65536, iterations: 64, flopsPerDispatch: 65536 * 64 * 256 },
    fmaF16: null,
    fmaF16Note: "not measurable on this device: no 'shader-f16' feature",
    dispatchOverhead: { us: 10, spread: 0.1, repeats: 3 },
    launch: { us: 40, spread: 0.1, repeats: 32, workgroups: 1 },
    kernelRoofs,
  };
}

export function ceilings(kernelRoofs: DeviceCeilings['kernelRoofs'] = []): CeilingsResult {
  return ceilingsResult(deviceCeilings(kernelRoofs), { mode: 'cached', preset: 'bench', fromCache: false, cacheKey: 'k', stepMs: 3200 });
}

export const smallGraph = (): Graph => optimize(jeongwonnet({ batch: 1, size: 64 }));

/** A measured row for every node of `g`: times are `factor(node)` x 1 ms, layers in graph order. */
export function measuredRow(g: Graph, ms: (node: string) => number): ConfigResult {
  const s = (m: number) => ({ median: m, p10: m, p90: m });
  const layers = [...new Set(g.nodes.map((n) => n.layer))];
  return {
    ...okConfig(),
    size: 64,
    nodes: g.nodes.map((n) => ({ name: n.name, op: n.op, layer: n.layer, gpuTimeMs: s(ms(n.name)), predictedLiveBytes: null, measuredLiveBytes: null, roofline: null, rooflineDetail: null })),
    layers: layers.map((layer) => ({ layer, gpuTimeMs: null, seedWorkingSetBytes: layer === 'final' ? null : 2 * MiB, predictedLiveBytes: null, measuredLiveBytes: null, measuredPhysicalBytes: null, roofline: null, cache: null })),
  };
}

const stats = (m: number) => ({ median: m, p10: m, p90: m });
const zero = { predictedPeakBytes: 0, predictedPeakFraction: 0, measuredPeakBytes: null, measuredPeakFraction: null, gpuTimeMs: null, gpuTimeFraction: null, predictedMs: null, predictedMsFraction: null };

function row(variant: string, label: string, peak: number, measured: number | null, enc1: number, ms: number | null): WhatIfResult {
  const ok = measured !== null;
  return {
    variant,
    label,
    status: ok ? 'ok' : 'not-measurable',
    measurable: ok,
    note: ok ? null : "not measurable on this adapter (no 'shader-f16'); predicted only",
    config: { batch: 1, size: 256, mode: 'arena' },
    params: 154753,
    predictedPeakBytes: peak * MiB,
    measuredPeakBytes: ok ? measured * MiB : null,
    measuredLogicalPeakBytes: ok ? peak * MiB : null,
    predictedEncoder1ActivationBytes: enc1 * MiB,
    measuredEncoder1ActivationBytes: ok ? enc1 * MiB : null,
    predictedMs: 30,
    gpuTimeMs: ms === null ? null : stats(ms),
    rooflineFit: null,
    check: ok ? { status: 'pass', reference: 'cpu', pass: true, tolerance: 1e-3, maxRelError: 3e-7, maxAbsError: 1e-7, items: [0] } : { status: 'not-checked', reference: null, pass: false, tolerance: 1e-3, reason: 'not measurable' },
    deltaVsBaseline: { ...zero },
  };
}

/** Baseline 12 MiB; the stem variant 3 MiB predicted but 4 MiB measured (67% smaller: the claim fails measured). */
export function whatIfRows(): WhatIfResult[] {
  return [
    row('baseline', 'baseline', 12, 12, 12, 200),
    row('early-downsampling', 'early downsampling (3x3 stride-2 stem)', 3, 4, 3, 60),
    row('c0-16', 'c_list[0] = 16', 8, 8.2, 8, 170),
    row('kernel-5', 'kernel size 5', 11.9, 11.95, 12, 140),
    row('fp16', 'fp16 activations and weights (predicted)', 6, null, 6, null),
  ];
}
