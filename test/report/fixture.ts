// A small, hand-made results document: one measured configuration and one OOM row.
import type { ConfigResult, Results } from '../../src/results/types.js';

const s = (median: number, p10 = median, p90 = median) => ({ median, p10, p90 });
const MB = 2 ** 20;

export function okConfig(): ConfigResult {
  return {
    batch: 1,
    size: 256,
    inputShapes: { input: [1, 3, 256, 256] },
    mode: 'arena',
    status: 'ok',
    timing: 'timestamp-query',
    reps: 3,
    warmup: 1,
    gpuTimeMs: s(3.5, 3.4, 3.9),
    wallTimeMs: s(4.2, 4, 5),
    sumOfDispatchesMs: s(3.4),
    peakBytes: { measuredPhysical: 10.4 * MB, measuredLogical: 10 * MB, predicted: 10 * MB },
    ratios: { physicalOverPredicted: 1.04, logicalEqualsPredicted: true, logicalMismatches: 0 },
    seedPyTorchPeakBytes: Math.round(25.43 * MB),
    pipelines: 2,
    nodes: [
      { name: 'encoder1.pw', op: 'conv2d', layer: 'encoder1', gpuTimeMs: s(1), predictedLiveBytes: 8 * MB, measuredLiveBytes: 8 * MB, roofline: null, rooflineDetail: null },
      { name: 'final.conv', op: 'conv2d', layer: 'final', gpuTimeMs: s(2.4), predictedLiveBytes: 10 * MB, measuredLiveBytes: 10 * MB, roofline: null, rooflineDetail: null },
    ],
    layers: [
      { layer: 'encoder1', gpuTimeMs: s(1), seedWorkingSetBytes: 18 * MB, predictedLiveBytes: 8 * MB, measuredLiveBytes: 8 * MB, measuredPhysicalBytes: 10.5 * MB, roofline: null, cache: null },
      { layer: 'final', gpuTimeMs: s(2.4), seedWorkingSetBytes: null, predictedLiveBytes: 10 * MB, measuredLiveBytes: 10 * MB, measuredPhysicalBytes: 10.5 * MB, roofline: null, cache: null },
    ],
    dispatches: [
      { index: 0, node: 'encoder1.pw', layer: 'encoder1', label: 'encoder1.pw (pwconv)', kernel: 'pwconv{}', gpuTimeMs: s(1), startMs: 0, durationMs: 1, logicalBytes: 8 * MB, physicalBytes: 10.5 * MB },
      { index: 1, node: 'final.conv', layer: 'final', label: 'final.conv, "1x1"', kernel: 'conv2d{}', gpuTimeMs: s(2.4), startMs: 1.1, durationMs: 2.4, logicalBytes: 10 * MB, physicalBytes: 10.5 * MB },
    ],
    memory: null,
    check: { status: 'pass', reference: 'cpu', pass: true, tolerance: 1e-3, maxRelError: 2e-7, maxAbsError: 1e-7, items: [0] },
    peers: null,
    rooflineFit: null,
    durationMs: 1234,
  };
}

export function oomConfig(): ConfigResult {
  return {
    ...okConfig(),
    batch: 8,
    size: 512,
    inputShapes: { input: [8, 3, 512, 512] },
    status: 'oom',
    error: "LimitError: tensor 'encoder1.pw' needs 192.0 MiB",
    errorName: 'LimitError',
    timing: null,
    gpuTimeMs: null,
    wallTimeMs: null,
    sumOfDispatchesMs: null,
    peakBytes: { measuredPhysical: null, measuredLogical: null, predicted: 400 * MB },
    ratios: { physicalOverPredicted: null, logicalEqualsPredicted: null, logicalMismatches: 0 },
    seedPyTorchPeakBytes: Math.round(804.81 * MB),
    pipelines: null,
    nodes: [],
    layers: [{ layer: 'encoder1', gpuTimeMs: null, seedWorkingSetBytes: 100 * MB, predictedLiveBytes: 300 * MB, measuredLiveBytes: null, measuredPhysicalBytes: null, roofline: null, cache: null }],
    dispatches: [],
    check: { status: 'not-checked', reference: null, pass: false, tolerance: 1e-3, reason: 'not run (oom)' },
  };
}

export function results(configs: ConfigResult[] = [okConfig(), oomConfig()]): Results {
  return {
    schemaVersion: 2,
    createdAt: '2025-01-01T00:00:00.000Z',
    environment: {
      host: 'browser',
      userAgent: 'test',
      adapter: { vendor: 'google', architecture: 'swiftshader', description: '' },
      features: ['timestamp-query'],
      limits: { maxStorageBufferBindingSize: 128 * MB, maxBufferSize: 256 * MB },
      timestampQuery: true,
    },
    model: { name: 'JeongWonNet_DWBlock_Swap', source: 'builtin', file: null },
    options: { batches: [1, 8], sizes: [256, 512], inputShapes: null, modes: ['arena'], reps: 3, warmup: 1, overheadPairs: 4, check: true, timestamps: true, ceilings: 'cached', whatif: false, compare: 'none', maxBindingBytes: null, form: 'auto', emulateTimestampQuantumNs: null, quantizedReps: 200, tune: 'off', kernelVariants: {}, tuneBudgetMs: 20_000 },
    durationMs: 5000,
    profilingOverhead: {
      status: 'measured',
      batch: 1,
      size: 256,
      inputShapes: { input: [1, 3, 256, 256] },
      mode: 'arena',
      pairs: 4,
      timedWallMs: s(101),
      untimedWallMs: s(100),
      timedSubmitWallMs: s(100.5),
      ratio: 1.01,
      submitOnlyRatio: 1.005,
      goal: 1.05,
    },
    configs,
    seedReference: { label: 'measured by PyTorch on CUDA (seed)', rows: [{ batch: 1, size: 256, peakBytes: Math.round(25.43 * MB) }] },
    deviceLost: null,
    ceilings: null,
    whatif: null,
    whatifClaims: null,
  };
}
