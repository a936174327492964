// The calibration side names kernel classes and counts flops on its own; these check that its
// names cover what the runtime dispatches and that its flops agree with the roofline's costs.
import { describe, expect, it } from 'vitest';
import { nodeCost } from '../../src/analysis/roofline/cost.js';
import { jeongwonnet } from '../../src/graph/jeongwonnet.js';
import type { Graph } from '../../src/graph/ir.js';
import { optimize } from '../../src/passes/index.js';
import { calibrationGraph, DEFAULT_KERNEL_CLASSES, kernelCalibration, kernelClass } from '../../src/profiler/ceilings/kernel-class.js';
import type { KernelContext } from '../../src/runtime/kernel.js';
import { selectKernel } from '../../src/ops/kernels.js';

const ctx = (graph: Graph): KernelContext => ({ graph, limits: { maxComputeWorkgroupsPerDimension: 65535, maxComputeInvocationsPerWorkgroup: 256 }, features: new Set() });

function dispatchedClasses(g: Graph): Set<string> {
  const c = ctx(g);
  const keys = g.nodes.flatMap((n) => selectKernel(n, c).dispatches(n, c).map((d) => d.key));
  return new Set(keys.map(kernelClass).filter((k): k is string => k !== null));
}

describe('kernel classes', () => {
  it('names classes from pipeline keys; streaming kernels have none', () => {
    expect(kernelClass({ kernel: 'dwconv', variant: { KH: 7, KW: 7, SH: 1, SW: 1, rows: 2 } })).toBe('dwconv:k7');
    expect(kernelClass({ kernel: 'dwconv', variant: { KH: 3, KW: 3, SH: 2, SW: 2 } })).toBe('dwconv:k3s2');
    expect(kernelClass({ kernel: 'dwconv', variant: { KH: 1, KW: 7, SH: 2, SW: 1 } })).toBe('dwconv:k1x7s2x1');
    expect(kernelClass({ kernel: 'pwconv', variant: { co: 8 } })).toBe('pwconv');
    expect(kernelClass({ kernel: 'conv2d', variant: {} })).toBe('conv2d');
    expect(kernelClass({ kernel: 'conv_transpose', variant: { bias: true } })).toBe('conv_transpose');
    expect(kernelClass({ kernel: 'conv2d_tiled', variant: { oct: 16, px: 2 } })).toBe('conv2d');
    expect(kernelClass({ kernel: 'pwconv_wg', variant: { bm: 64, bn: 64, bk: 8 } })).toBe('pwconv');
    expect(kernelClass({ kernel: 'conv_transpose_tiled', variant: { oct: 8, px: 1 } })).toBe('conv_transpose');
    expect(kernelClass({ kernel: 'maxpool2x2', variant: {} })).toBeNull();
  });

  it('calibrates every compute-heavy class the built-in network and its what-if variants dispatch', () => {
    const graphs = [jeongwonnet({ size: 64 }), jeongwonnet({ size: 64, kernelSize: 5 }), jeongwonnet({ size: 64, stem: true })].map((g) => optimize(g));
    const used = new Set(graphs.flatMap((g) => [...dispatchedClasses(g)]));
    expect([...used].sort()).toEqual(expect.arrayContaining(['dwconv:k7', 'pwconv']));
    for (const cls of used) expect(DEFAULT_KERNEL_CLASSES).toContain(cls);
  });

  it('runs each class on its own kernel at a small fixed shape, with the flops the roofline counts', () => {
    for (const cls of DEFAULT_KERNEL_CLASSES) {
      const g = calibrationGraph(cls);
      expect([...dispatchedClasses(g)], cls).toEqual([cls]);
      const cal = kernelCalibration(cls);
      expect(cal.flops, cls).toBe(nodeCost(g, g.nodes[0]).flops);
      expect(cal.height * cal.width * Math.max(cal.cin, cal.cout) * 4, cls).toBeLessThanOrEqual(128 * 1024);
    }
    expect(kernelCalibration('dwconv:k4').kernelSize).toBe(4);
    expect(() => kernelCalibration('dwconv:k3x5')).toThrow(/square/);
    expect(() => kernelCalibration('maxpool2x2')).toThrow(/unknown kernel class/);
  });
});
