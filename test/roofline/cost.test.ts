import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/graph/builder.js';
import type { Attrs, Graph } from '../../src/graph/ir.js';
import { jeongwonnet } from '../../src/graph/jeongwonnet.js';
import { optimize } from '../../src/passes/index.js';
import { graphCosts, nodeCost } from '../../src/analysis/roofline/cost.js';

const zeros = (shape: number[]) => new Float32Array(shape.reduce((a, b) => a * b, 1));

/** One node on an input x (plus weights) and its cost. */
function costOf(op: string, x: number[], weights: number[][], attrs: Attrs, extra: number[][] = []) {
  const b = new GraphBuilder();
  const ins = [b.input('x', x), ...extra.map((s, i) => b.input(`e${i}`, s)), ...weights.map((s, i) => b.weight(`w${i}`, s, zeros(s)))];
  const out = b.node(op, 'n', ins, attrs, 'L');
  b.output(out);
  const g: Graph = b.build();
  return nodeCost(g, g.nodes[0]);
}

describe('node FLOPs and minimum bytes', () => {
  it('depthwise 7x7 conv with bias and fused ReLU', () => {
    const c = costOf('conv2d', [1, 24, 64, 64], [[24, 1, 7, 7], [24]], { group: 24, pads: [3, 3, 3, 3], activation: 'relu' });
    const out = 24 * 64 * 64;
    expect(c.flops).toBe(2 * out * 49 + out + out);
    expect(c.bytes).toBe(4 * (out + 24 * 49 + 24 + out));
    expect(c.weightBytes).toBe(4 * (24 * 49 + 24));
    expect(c.workingSetBytes).toBe(c.bytes);
    expect(c.intensity).toBeCloseTo(c.flops / c.bytes, 12);
  });

  it('pointwise conv with a prescale input', () => {
    // prescale: the last input is a [N,C,1,1] scale multiplied into x on read.
    const b = new GraphBuilder();
    const x = b.input('x', [1, 16, 32, 32]);
    const s = b.input('s', [1, 16, 1, 1]);
    const w = b.weight('w', [8, 16, 1, 1], zeros([8, 16, 1, 1]));
    b.node('conv2d', 'n', [x, w, s], { group: 1, prescale: true }, 'L');
    const g = b.build();
    const p = nodeCost(g, g.nodes[0]);
    const out = 8 * 32 * 32;
    expect(p.flops).toBe(2 * out * 16 + 16 * 32 * 32);
    expect(p.bytes).toBe(4 * (16 * 32 * 32 + 8 * 16 + 16 + out));
  });

  it('grouped conv counts Cin/group taps per output', () => {
    const c = costOf('conv2d', [1, 8, 10, 10], [[8, 2, 3, 3]], { group: 4, pads: [1, 1, 1, 1] });
    expect(c.flops).toBe(2 * 8 * 10 * 10 * 2 * 9);
  });

  it('pools, reductions, resize and elementwise ops', () => {
    const x = [1, 4, 8, 8];
    const n = 4 * 8 * 8;
    expect(costOf('maxpool2d', x, [], { kernel: [2, 2], strides: [2, 2] }).flops).toBe((n / 4) * 3);
    expect(costOf('avgpool2d', x, [], { kernel: [2, 2], strides: [2, 2] }).flops).toBe((n / 4) * 4);
    const r = costOf('reduce_mean_hw', x, [], {});
    expect(r.flops).toBe(n);
    expect(r.bytes).toBe(4 * (n + 4));
    const up = costOf('resize', x, [], { outSize: [16, 16], mode: 'linear' });
    expect(up.flops).toBe(7 * 4 * 16 * 16);
    expect(up.bytes).toBe(4 * (n + 4 * 16 * 16));
    expect(costOf('resize', x, [], { outSize: [16, 16], mode: 'nearest' }).flops).toBe(0);
    const ra = costOf('resize_add', x, [], { outSize: [16, 16], mode: 'linear' }, [[1, 4, 16, 16]]);
    expect(ra.flops).toBe(8 * 4 * 16 * 16);
    expect(ra.bytes).toBe(4 * (n + 2 * 4 * 16 * 16));
    for (const op of ['add', 'sub', 'mul', 'div']) expect(costOf(op, x, [], {}, [x]).flops).toBe(n);
    expect(costOf('mul', x, [], {}, [[1, 4, 1, 1]]).bytes).toBe(4 * (n + 4 + n));
    expect(costOf('relu', x, [], {}).flops).toBe(n);
    expect(costOf('sigmoid', x, [], {}).flops).toBe(4 * n);
    expect(costOf('batchnorm', x, [[4], [4], [4], [4]], {}).flops).toBe(2 * n);
  });

  it('prcm_gate: two small matmuls and a sigmoid', () => {
    const c = costOf('prcm_gate', [2, 24, 1, 1], [[8, 24], [24, 8]], {});
    // ctx @ basis^T and @ fuser^T: 2 * N * B * C each; sigmoid 4 per output.
    expect(c.flops).toBe(2 * (2 * 2 * 8 * 24) + 4 * 2 * 24);
    expect(c.bytes).toBe(4 * (48 + 192 + 192 + 48));
  });

  it('matmul and unknown kinds', () => {
    expect(costOf('matmul', [2, 3, 5], [[5, 7]], {}).flops).toBe(2 * 2 * 3 * 7 * 5);
    const b = new GraphBuilder();
    const x = b.input('x', [4, 4]);
    const g = b.build();
    g.tensors.set('y', { name: 'y', shape: [2, 4], dtype: 'float32', role: 'activation' });
    g.nodes.push({ name: 'odd', op: 'mystery', inputs: [x], outputs: ['y'], attrs: {}, layer: 'L' });
    const u = nodeCost(g, g.nodes[0]);
    expect(u).toMatchObject({ flops: 0, bytes: 4 * (16 + 8), known: false });
  });

  it('halves every byte count at 2 bytes per element', () => {
    const g = optimize(jeongwonnet({ size: 64, cList: [8, 16, 24, 32, 48, 64] }));
    const f32 = graphCosts(g);
    const f16 = graphCosts(g, { bytesPerElement: 2 });
    f32.forEach((c, i) => {
      expect(f16[i].bytes * 2).toBe(c.bytes);
      expect(f16[i].flops).toBe(c.flops);
    });
  });

  it('has a FLOP rule for every op the runnable network uses', () => {
    const g = optimize(jeongwonnet());
    const costs = graphCosts(g);
    expect(costs.filter((c) => !c.known)).toEqual([]);
    expect(costs.every((c) => c.bytes > 0)).toBe(true);
    // encoder1.dw: 24 x 256 x 256 outputs, 49 taps, bias + ReLU.
    const dw = costs.find((c) => c.node === 'encoder1.dw')!;
    expect(dw.flops).toBe(24 * 256 * 256 * (2 * 49 + 2));
  });
});
