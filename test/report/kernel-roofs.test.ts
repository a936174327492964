// Kernel-class roofs through the results layer: node -> class from the dispatch keys, the
// prediction on that roof, and the FMA-only fit beside it.
import { describe, expect, it } from 'vitest';
import { graphCosts, placeNode } from '../../src/analysis/roofline/index.js';
import type { KernelRoof } from '../../src/profiler/ceilings/types.js';
import type { PipelineKey } from '../../src/runtime/kernel.js';
import { kernelCalibration } from '../../src/profiler/ceilings/kernel-class.js';
import { applyRoofline, nodeKernelClasses, rooflineContext, type RooflineDispatch } from '../../src/results/roofline.js';
import { ceilingRows, fitText } from '../../src/report/roofline-tables.js';
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

  it('reports the fit on kernel roofs and on the FMA roof alone', () => {
    const f = row.rooflineFit!;
    expect(f).toMatchObject({ layersWithin: 12, layersMeasured: 12, fractionWithin: 1 });
    expect(f.nodesOnKernelRoof).toBe([...classes.keys()].length);
    expect(f.fmaOnly!.layersMeasured).toBe(12);
    // At 20 GFLOP/s instead of 1-2 the convs are predicted far too fast.
    expect(f.fmaOnly!.layersWithin).toBeLessThan(12);
    expect(f.fmaOnly!.predictedMs).toBeLessThan(f.predictedMs);
    expect(fitText(row)).toMatch(/with the FMA peak as every compute roof: \d+\/12 layers/);
  });
});
