// Every zoo model through the importer, the pass pipeline and the CPU reference, against
// PyTorch's output: max|y-ref|/max|ref| <= 1e-3 (ArgMax heads: every index equal); and the
// analysis (liveness, per-layer tables) on each.
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../src/analysis/model-analysis';
import { renderModelText } from '../../src/analysis/model-text';
import { importOnnx } from '../../src/onnx/index';
import { optimize } from '../../src/passes/index';
import { runReference } from '../../src/reference/run';
import { compare, tensor } from '../../src/reference/tensor';
import { zooCases, zooData } from './zoo-cases';

const TOLERANCE = 1e-3;
const cases = zooCases();

describe('model zoo on the CPU reference', () => {
  it('finds the zoo', () => {
    expect(cases.length).toBeGreaterThanOrEqual(27);
  });

  for (const c of cases) {
    it(c.name, () => {
      const d = zooData(c);
      const g = optimize(importOnnx(d.model, { inputShapes: c.inputShapes }));
      const feeds = Object.fromEntries(Object.entries(d.feeds).map(([k, v]) => [k, tensor(c.inputShapes[k], v)]));
      const y = runReference(g, feeds).outputs.get(g.outputs[0])!;
      const err = compare(y.data, d.expected);
      console.log(`${c.name}: max|y-ref|/max|ref| = ${err.maxRelError.toExponential(2)} (${g.nodes.length} nodes)`);
      if (c.intOutput) expect(err.maxAbsError).toBe(0);
      else expect(err.maxRelError).toBeLessThanOrEqual(TOLERANCE);
      // The analysis side works on every imported model too: liveness and per-layer tables.
      const m = analyzeModel(g, { name: c.name, optimized: true });
      expect(m.liveness.perNode.length).toBe(g.nodes.length);
      expect(m.liveness.perLayer.length).toBeGreaterThan(1);
      expect(renderModelText(m)).toContain('Predicted peak');
    });
  }
});
