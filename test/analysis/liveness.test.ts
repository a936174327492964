// Lifetimes and live bytes on a hand-built graph, and the default network's peak.
import { describe, expect, it } from 'vitest';
import { computeLiveness, tensorLifetimes } from '../../src/analysis/liveness';
import { inPlaceReport, peakWithAliases } from '../../src/analysis/inplace';
import { runnableGraph, DEFAULT_SHAPE } from '../../src/analysis/network';
import { GraphBuilder } from '../../src/graph/builder';
import type { Graph } from '../../src/graph/ir';

/**
 *   0 L1 a    = conv2d(x, w, bias)     x [1,2,4,4] 128 B, a 128 B
 *   1 L1 dead = reduce_mean_hw(x)      [1,2,1,1] 8 B, never read
 *   2 L1 b    = relu(a)                128 B
 *   3 L2 c    = maxpool2d(b)           [1,2,2,2] 32 B
 *   4 L2 e    = resize(c) to 4x4       128 B
 *   5 L2 f    = add(e, b)              128 B, graph output
 * Weights: w [2,2,1,1] 16 B + bias [2] 8 B = 24 B.
 */
function tiny(markCOutput = false): Graph {
  const b = new GraphBuilder();
  const x = b.input('x', [1, 2, 4, 4]);
  const w = b.weight('w', [2, 2, 1, 1], new Float32Array(4));
  const bias = b.weight('bias', [2], new Float32Array(2));
  const a = b.node('conv2d', 'a', [x, w, bias], {}, 'L1');
  b.node('reduce_mean_hw', 'dead', [x], {}, 'L1');
  const r = b.node('relu', 'b', [a], {}, 'L1');
  const c = b.node('maxpool2d', 'c', [r], { kernel: [2, 2] }, 'L2');
  const e = b.node('resize', 'e', [c], { outSize: [4, 4], mode: 'nearest' }, 'L2');
  const f = b.node('add', 'f', [e, r], {}, 'L2');
  if (markCOutput) b.output(c);
  b.output(f);
  return b.build();
}

describe('liveness on a hand-built graph', () => {
  it('lifetimes follow the contract', () => {
    const lt = Object.fromEntries(tensorLifetimes(tiny()).map((t) => [t.name, [t.first, t.last, t.bytes]]));
    expect(lt).toEqual({
      x: [0, 1, 128], // graph input: from 0 to its last reader (dead, node 1)
      a: [0, 2, 128],
      dead: [1, 1, 8], // never read: its producer's index
      b: [2, 5, 128],
      c: [3, 4, 32],
      e: [4, 5, 128],
      f: [5, 5, 128], // graph output: to the last node
    });
  });

  it('a graph output read early still lives to the last node', () => {
    const c = tensorLifetimes(tiny(true)).find((t) => t.name === 'c')!;
    expect([c.first, c.last]).toEqual([3, 5]);
  });

  it('live bytes per node, peak and per layer', () => {
    const live = computeLiveness(tiny());
    // node 0: x+a = 256; 1: x+a+dead = 264; 2: a+b = 256; 3: b+c = 160; 4: b+c+e = 288; 5: b+e+f = 384.
    expect(live.perNode.map((n) => n.activationBytes)).toEqual([256, 264, 256, 160, 288, 384]);
    expect(live.perNode.map((n) => n.liveBytes)).toEqual([280, 288, 280, 184, 312, 408]);
    expect(live.weightBytes).toBe(24);
    expect(live.perNode[4].liveTensors).toEqual(['b', 'c', 'e']);
    expect([live.peakBytes, live.peakIndex, live.peakNode, live.peakLayer]).toEqual([408, 5, 'f', 'L2']);
    expect(live.perLayer.map((l) => [l.layer, l.maxLiveBytes, l.peakNode])).toEqual([
      ['L1', 288, 'dead'],
      ['L2', 408, 'f'],
    ]);
  });

  it('in-place candidates and the peak with aliases', () => {
    const rep = inPlaceReport(tiny());
    expect(rep.candidates.map((c) => [c.node, c.input, c.peakDropBytes])).toEqual([
      ['b', 'a', 0], // relu: a dies at node 2; merging a and b leaves node 5 at 384
      ['f', 'e', 96], // add: f takes e's buffer; node 5 drops to 256, node 4 (288) becomes the peak
      ['f', 'b', 96],
    ]);
    // x dies at node 1 too, but a graph input is never overwritten, and reduce_mean_hw is not element-wise.
    expect(rep.candidates.some((c) => c.input === 'x')).toBe(false);
    // Both the relu and the add aliases: node 4 = ab + c + ef = 288 activations.
    expect(rep.peakWithAllBytes).toBe(288 + 24);
    expect(rep.peakDropWithAllBytes).toBe(96);
    expect(peakWithAliases(tiny(), []).peakBytes).toBe(408);
  });

  it('unscheduled tensors are left out', () => {
    const g = tiny();
    g.tensors.set('orphan', { name: 'orphan', shape: [1000], dtype: 'float32', role: 'activation' });
    expect(computeLiveness(g).peakBytes).toBe(408);
  });
});

describe('default network', () => {
  // The peak is at encoder1.dw (node 1): the 7x7 depthwise conv reads encoder1.pw
  // (24 x 256 x 256 x 4 = 6,291,456 B) while writing encoder1.dw (same size); the input
  // (3 x 256 x 256 x 4 = 786,432 B) died at node 0 and no skip exists yet. Weights:
  // 154,753 params x 4 = 619,012 B. Peak = 2 x 6,291,456 + 619,012 = 13,201,924 B.
  // Unfused the chain pw -> dw -> relu -> prcm keeps exactly two such maps at nodes 1-3;
  // fused (conv+relu, PRCM folded into the pool) node 1 is still pw + dw.
  for (const optimized of [true, false]) {
    it(`b1@256 peak is 13,201,924 bytes (${optimized ? 'optimized' : 'as built'})`, () => {
      const live = computeLiveness(runnableGraph(DEFAULT_SHAPE, optimized));
      expect(live.weightBytes).toBe(619012);
      expect(live.peakBytes).toBe(13201924);
      expect(live.peakNode).toBe('encoder1.dw');
      expect(live.perNode[live.peakIndex].liveTensors).toEqual(['encoder1.pw', 'encoder1.dw']);
    });
  }

  it('at 512 and batch 8 the same node peaks, with 4x and 32x the maps', () => {
    // 512: 2 x (24 x 512 x 512 x 4) + 619,012 = 2 x 25,165,824 + 619,012 = 50,950,660.
    expect(computeLiveness(runnableGraph({ ...DEFAULT_SHAPE, size: 512 })).peakBytes).toBe(50950660);
    // b8@512: 2 x 8 x 25,165,824 + 619,012 = 403,272,196.
    const big = computeLiveness(runnableGraph({ ...DEFAULT_SHAPE, size: 512, batch: 8 }));
    expect([big.peakBytes, big.peakNode]).toEqual([403272196, 'encoder1.dw']);
  });

  it('encoder2 carries the encoder1 skip', () => {
    const live = computeLiveness(runnableGraph(DEFAULT_SHAPE));
    const e2 = live.perLayer.find((l) => l.layer === 'encoder2')!;
    // encoder2.dw: encoder1.pool 1,572,864 + encoder2.pw 3,145,728 + encoder2.dw 3,145,728 + weights 619,012.
    expect([e2.peakNode, e2.maxLiveBytes]).toEqual(['encoder2.dw', 8483332]);
  });
});
