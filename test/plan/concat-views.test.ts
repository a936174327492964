// Zero-copy concat on the plan side: which concat inputs become views, the lifetimes the planner
// and the liveness model give them (equal at every node), slots inside the owner, and the copy
// dispatches that remain.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeLiveness } from '../../src/analysis/liveness.js';
import type { Graph } from '../../src/graph/ir.js';
import { viewRoot } from '../../src/graph/views.js';
import { importOnnx } from '../../src/onnx/index.js';
import { concatViews, optimize } from '../../src/passes/index.js';
import { makePlan, type Plan } from '../../src/plan/index.js';
import { selectKernel } from '../../src/ops/kernels.js';
import { buildConcat, type ConcatSpec } from '../gpu/cases/concat-graph.js';

const limits = { maxBufferSize: 256 * 2 ** 20, maxStorageBufferBindingSize: 128 * 2 ** 20, alignment: 256 };
const ctxOf = (graph: Graph) => ({ graph, limits: { maxComputeWorkgroupsPerDimension: 65535, maxComputeInvocationsPerWorkgroup: 256 }, features: new Set<string>() });

function withViews(s: ConcatSpec): Graph {
  const g = buildConcat(s).graph;
  concatViews(g);
  return g;
}

const views = (g: Graph): string[] => [...g.tensors.values()].filter((t) => t.view).map((t) => t.name);
const concatDispatches = (g: Graph): number =>
  g.nodes.filter((n) => n.op === 'concat').reduce((a, n) => a + selectKernel(n, ctxOf(g)).dispatches(n, ctxOf(g)).length, 0);

/** Live bytes per node from the plan's own lifetimes. */
const planLive = (p: Plan): number[] => p.graph.nodes.map((_, i) => p.lifetimes.filter((l) => l.first <= i && i <= l.last).reduce((a, l) => a + l.bytes, 0));

/** Owners live together never share bytes; a view lies inside its owner's slot. */
function checkSlots(p: Plan): void {
  const g = p.graph;
  p.graph.nodes.forEach((_, i) => {
    const live = p.lifetimes.filter((l) => l.first <= i && i <= l.last).map((l) => p.assignment.slots.get(l.tensor)!);
    for (const a of live)
      for (const b of live) if (a !== b && a.buffer === b.buffer) expect(a.offset + a.size <= b.offset || b.offset + b.size <= a.offset).toBe(true);
  });
  for (const name of views(g)) {
    const { root, offset } = viewRoot(g, name);
    const s = p.assignment.slots.get(name)!;
    const o = p.assignment.slots.get(root)!;
    expect(s.buffer).toBe(o.buffer);
    expect(s.offset).toBe(o.offset + offset * 4);
    expect(s.offset % 256).toBe(0);
  }
}

function agree(g: Graph): void {
  const live = computeLiveness(g);
  for (const mode of ['arena', 'pool'] as const) {
    const p = makePlan(g, mode, limits);
    checkSlots(p);
    expect(planLive(p)).toEqual(live.perNode.map((n) => n.activationBytes));
  }
}

// [1, 16, 4, 4] parts are 1024 bytes: every offset is aligned.
const aligned: ConcatSpec = { name: 'aligned', N: 1, C: 3, H: 4, W: 4, branches: [{ OC: 16, K: 1 }, { OC: 32, K: 3, pad: 1 }, { OC: 16, K: 3, pad: 1, relu: true }] };

describe('concat views', () => {
  it('write every aligned part in place: no copy, the concatenation lives from its first producer', () => {
    const g = withViews(aligned);
    expect(views(g).sort()).toEqual(['conv0', 'conv1', 'conv2']);
    expect(g.tensors.get('conv1')!.view).toEqual({ of: 'cat0', offset: 16 * 16 });
    expect(concatDispatches(g)).toBe(0);
    const p = makePlan(g, 'arena', limits);
    const cat = p.lifetimes.find((l) => l.tensor === 'cat0')!;
    expect(cat.first).toBe(g.nodes.findIndex((n) => n.name === 'conv0'));
    expect(p.lifetimes.map((l) => l.tensor)).not.toContain('conv1');
    agree(g);
  });

  it('lowers the peak by the parts no longer held beside the concatenation', () => {
    const plain = buildConcat(aligned).graph;
    const g = withViews(aligned);
    const before = computeLiveness(plain).peakActivationBytes;
    const after = computeLiveness(g).peakActivationBytes;
    // 64 bytes per channel. Before: at the concat the three parts (64 channels) and the
    // concatenation (64). After: the concatenation and the last conv's 5 channels.
    expect(before).toBe(128 * 64);
    expect(after).toBe(69 * 64);
    console.log(`peak activations ${before} B -> ${after} B`);
  });

  it('copy parts at unaligned offsets and keep batch > 1, graph inputs and repeated parts as copies', () => {
    // [1, 3, 5, 7] is 420 bytes: the second part starts unaligned; the third at 840 too.
    const odd = withViews({ name: 'odd', N: 1, C: 2, H: 5, W: 7, branches: [{ OC: 3, K: 1 }, { OC: 5, K: 3, pad: 1 }, { OC: 16, K: 1 }] });
    expect(views(odd)).toEqual(['conv0']);
    expect(concatDispatches(odd)).toBe(2);
    agree(odd);
    const batch = withViews({ ...aligned, N: 2 });
    expect(views(batch)).toEqual([]);
    expect(concatDispatches(batch)).toBe(3);
    const repeated = withViews({ ...aligned, repeat: true });
    expect(views(repeated).sort()).toEqual(['conv1', 'conv2']);
    agree(repeated);
  });

  it('never raise the peak: parts produced before a large branch stay copies', () => {
    // 64 bytes per channel. conv0 (16) comes first, then a 256-channel reduction feeds conv2 (16):
    // writing conv0 in place would hold the 32-channel concatenation beside the 256 channels.
    const spec: ConcatSpec = { name: 'wide', N: 1, C: 16, H: 4, W: 4, branches: [{ OC: 16, K: 1 }, { OC: 16, K: 1, mid: 256 }] };
    const g = withViews(spec);
    expect(views(g)).toEqual([]);
    expect(computeLiveness(g).peakActivationBytes).toBe((16 + 16 + 256) * 64);
    // A small reduction does not reach the peak, so both parts are written in place.
    const small = withViews({ ...spec, branches: [{ OC: 16, K: 1 }, { OC: 16, K: 1, mid: 8 }] });
    expect(views(small).sort()).toEqual(['conv0', 'conv2']);
    expect(computeLiveness(small).peakActivationBytes).toBeLessThanOrEqual(computeLiveness(buildConcat({ ...spec, branches: [{ OC: 16, K: 1 }, { OC: 16, K: 1, mid: 8 }] }).graph).peakActivationBytes);
    agree(small);
  });

  it('resolve a densenet chain to the last concatenation, each earlier one a view of its prefix', () => {
    const g = withViews({ name: 'dense', N: 1, C: 4, H: 4, W: 4, branches: [{ OC: 16, K: 1 }], dense: { layers: 3, growth: 16 } });
    expect(concatDispatches(g)).toBe(0);
    for (const c of ['cat0', 'cat1', 'cat2']) expect(viewRoot(g, c)).toEqual({ root: 'cat3', offset: 0 });
    agree(g);
  });

  it('agree with the liveness model at every node on the zoo models with concats', () => {
    for (const m of ['googlenet_tiny_67x83', 'densenet_tiny_64', 'squeezenet1_1_quarter_75x91']) {
      const g = optimize(importOnnx(new Uint8Array(readFileSync(`models/zoo/${m}.onnx`))));
      expect(views(g).length, m).toBeGreaterThan(10);
      agree(g);
    }
  });
});
