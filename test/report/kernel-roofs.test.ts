// Kernel-class roofs through the results layer: node -> class from the dispatch keys, the
// prediction on that roof, and the first-principles fit (FMA peak + launch cost) beside it.
import { describe, expect, it } from 'vitest';
import { graphCosts, placeNode } from '../../src/analysis/roofline/index.js';
import type { KernelRoof } from '../../src/profiler/ceilings/types.js';
import type { PipelineKey } from '../../src/runtime/kernel.js';
import { kernelCalibration } from '../../src/profiler/ceilings/kernel-class.js';
import { applyRoofline, nodeKernelClasses, rooflineContext, type RooflineDispatch } from '../../src/results/roofline.js';
import { ceilingRows, classFitRows, fitText } from '../../src/report/roofline-tables.js';
import { validateResults } from '../../src/results/schema.js';
import { ceilings, measuredRow, smallGraph } from './fixture-roofline.js';
import { results } from './fixture.js';

const env = results().environment;

function roof(kernelClass: string, gflops: number): KernelRoof {
  const kernel = kernelClass.split(':')[0];
  return { kernelClass, kernel, variant: {}, gflops, spread: 0.01, repeats: 3, dispatchesPerPass: 4, workgroups: 16, calibration: kernelCalibration(kernelClass) };
}

/** One dispatch per node; convs get the key the runtime would give them. */
function dispatches(g: ReturnType<typeof smallGraph>): RooflineDispatch[] {
  return g.nodes.map((n) => {
    const dw = n.op === 'conv2d' && Number(n.attrs.group ?? 1) > 1;
    const key: PipelineKey = n.op !== 'conv2d' ? { kernel: n.op, variant: {} } : dw ? { kernel: 'dwconv', variant: { KH: 7, KW: 7, SH: 1, SW: 1 } } : { kernel: 'pwconv', variant: {} };
    return { node: { name: n.name }, workgroups: [64, 1, 1], spec: { shader: '', key } };
  });
}

describe('kernel-class compute roofs in the results', () => {
  const g = smallGraph();
  const c = ceilings([roof('dwconv:k7', 1), roof('pwconv', 2)]);
  const ctx = rooflineContext(c, env)!;
  const ds = dispatches(g);
  const classes = nodeKernelClasses(ds);
  // Measured exactly at the kernel-roof prediction: every layer within, and the FMA-only fit shows the difference.
  const predicted = new Map(graphCosts(g).map((k) => [k.node, placeNode(k, ctx.ceilings, null, classes.get(k.node)).roofline.predictedMs]));
  const row = measuredRow(g, (n) => predicted.get(n)!);
  applyRoofline(row, g, ds, ctx);

  it('keeps the measured roofs in the ceilings, beside the FMA peak', () => {
    expect(c.fmaGflops).toBe(20);
    expect(c.kernelRoofs.map((k) => [k.kernelClass, k.gflops])).toEqual([['dwconv:k7', 1], ['pwconv', 2]]);
    expect(ceilingRows(c).map((r) => r[0])).toContain('kernel roof dwconv:k7');
  });

  it('maps nodes to kernel classes by their dispatch keys and records the roof used', () => {
    expect(classes.get('encoder2.dw')).toBe('dwconv:k7');
    expect(classes.get('encoder2.pw')).toBe('pwconv');
    expect(classes.has('encoder2.pool')).toBe(false);
    const detail = (name: string) => row.nodes.find((n) => n.name === name)!.rooflineDetail!;
    expect(detail('encoder2.dw')).toMatchObject({ computeRoof: 'kernel:dwconv:k7', computeRoofGflops: 1 });
    expect(detail('encoder2.pw')).toMatchObject({ computeRoof: 'kernel:pwconv', computeRoofGflops: 2 });
    expect(detail('encoder2.pool').computeRoof).toBe('fma');
  });

  it('reports the fit on kernel roofs and, beside it, from first principles', () => {
    const f = row.rooflineFit!;
    expect(f).toMatchObject({ layersWithin: 12, layersMeasured: 12, fractionWithin: 1 });
    expect(f.nodesOnKernelRoof).toBe([...classes.keys()].length);
    const p = f.firstPrinciples!;
    expect(p).toMatchObject({ layersMeasured: 12, nodesMeasured: 56, peakGflops: 20, launchUs: 40 });
    // At 20 GFLOP/s instead of 1-2 the convs are predicted far too fast, launch cost or not.
    expect(p.layersWithin).toBeLessThan(12);
    expect(p.predictedMs).toBeLessThan(f.predictedMs);
    expect(p.measuredMs).toBeCloseTo(f.measuredMs!, 9);
    expect(fitText(row)).toMatch(/first principles \(bandwidth curve \+ FMA 20\.0+ GFLOP\/s \+ 40\.0 us per dispatch, no kernel calibration\): \d+\/12 layers/);
  });

  it('gives every node its first-principles terms: max(memory, FMA) + one launch per dispatch', () => {
    const bw = new Map(row.nodes.map((n) => [n.name, n.rooflineDetail!.bandwidthGbps]));
    for (const n of row.nodes) {
      const p = n.firstPrinciples!;
      expect(p.dispatches, n.name).toBe(1);
      expect(p.launchMs, n.name).toBeCloseTo(0.04, 12);
      expect(p.computeMs, n.name).toBeCloseTo(n.roofline!.flops / 20 / 1e6, 12);
      expect(p.memoryMs, n.name).toBeCloseTo(n.roofline!.bytes / bw.get(n.name)! / 1e6, 12);
      expect(p.predictedMs, n.name).toBeCloseTo(Math.max(p.memoryMs, p.computeMs) + 0.04, 12);
      expect(p.ratio, n.name).toBeCloseTo(n.roofline!.measuredMs! / p.predictedMs, 9);
    }
    for (const l of row.layers) {
      const ns = row.nodes.filter((n) => n.layer === l.layer);
      expect(l.firstPrinciples!.predictedMs).toBeCloseTo(ns.reduce((a, n) => a + n.firstPrinciples!.predictedMs, 0), 9);
      expect(l.firstPrinciples!.within).toBe(l.firstPrinciples!.ratio! <= 1.5 && l.firstPrinciples!.ratio! >= 1 / 1.5);
    }
    expect(validateResults({ ...results(), ceilings: c, configs: [row] })).toEqual([]);
  });

  it('sums the miss per kernel class, furthest first', () => {
    const byClass = row.rooflineFit!.firstPrinciples!.byClass;
    const dw = byClass.find((k) => k.kernelClass === 'dwconv:k7')!;
    const dwNodes = row.nodes.filter((n) => n.firstPrinciples!.kernelClass === 'dwconv:k7');
    expect(dw.nodes).toBe(dwNodes.length);
    expect(dw.ratio).toBeCloseTo(dwNodes.reduce((a, n) => a + n.roofline!.measuredMs!, 0) / dwNodes.reduce((a, n) => a + n.firstPrinciples!.predictedMs, 0), 9);
    // Measured on a 1 GFLOP/s kernel roof against a 20 GFLOP/s peak: the depthwise class is the slowest.
    expect(dw.ratio!).toBeGreaterThan(5);
    expect(Math.max(...byClass.map((k) => k.ratio!))).toBe(dw.ratio);
    // Tiny streaming kernels measured without a launch cost sit below the prediction, which adds 40 us each.
    const gate = byClass.find((k) => k.kernelClass === 'prcm_gate')!;
    expect(gate.ratio!).toBeLessThan(1 / 1.5);
    expect(gate.bound).toBe('launch');
    expect(dw.bound).toBe('compute');
    // Classes without a compute roof are named by their kernel.
    expect(byClass.map((k) => k.kernelClass)).toContain('add');
    const distance = (r: number) => Math.max(r, 1 / r);
    expect(byClass.map((k) => distance(k.ratio!))).toEqual(byClass.map((k) => distance(k.ratio!)).sort((a, b) => b - a));
    expect(classFitRows(row).find((r) => r[0] === 'dwconv:k7')!.slice(1, 3)).toEqual([String(dw.nodes), 'compute']);
    expect(fitText(row)).toMatch(/furthest: [a-z_:0-9]+ \d+\.\d\dx \(\d+ nodes, (memory|compute|launch)\)/);
    expect(fitText(row)).toContain(`${byClass[0].kernelClass} ${byClass[0].ratio!.toFixed(2)}x`);
  });
});
