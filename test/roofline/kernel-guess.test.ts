// The predicted kernel class of every conv equals the class of the kernel the runtime selects.
import { describe, expect, it } from 'vitest';
import { jeongwonnet } from '../../src/graph/jeongwonnet.js';
import { optimize } from '../../src/passes/index.js';
import { expectedKernelClass } from '../../src/analysis/roofline/kernel-guess.js';
import { selectKernel } from '../../src/ops/kernels.js';
import { kernelClass } from '../../src/profiler/ceilings/kernel-class.js';

const limits = { maxComputeWorkgroupsPerDimension: 65535, maxComputeInvocationsPerWorkgroup: 256 };

describe('expected kernel class', () => {
  for (const variant of [{}, { stem: true }, { kernelSize: 5 }, { kernelSize: 3, size: 64 }]) {
    it(`matches the runtime's selection for ${JSON.stringify(variant)}`, () => {
      const g = optimize(jeongwonnet(variant));
      const ctx = { graph: g, limits, features: new Set<string>() };
      let convs = 0;
      for (const node of g.nodes) {
        const spec = selectKernel(node, ctx).dispatches(node, ctx)[0];
        expect(expectedKernelClass(node, g), node.name).toBe(kernelClass(spec.key));
        if (node.op === 'conv2d') convs++;
      }
      expect(convs).toBeGreaterThan(20);
    });
  }
});
