// The epilogue fusions (activation into its producer, residual Add into the conv, multi-op
// activations into one kind, SE channel scales into the next read): which patterns match,
// which must not, and that the CPU reference of the fused graph equals the unfused one.
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/graph/builder';
import type { Attrs, Graph } from '../../src/graph/ir';
import { seededUniform } from '../../src/graph/rng';
import { inPlaceReport } from '../../src/analysis/inplace';
import { exportOnnx } from '../../src/onnx/export';
import { importOnnx } from '../../src/onnx/import';
import { summarizeOnnx } from '../../src/onnx/summary';
import { fuseActivationPatterns, fuseActivations, fuseResidualAdd, foldChannelScale, optimize } from '../../src/passes/index';
import { runReference } from '../../src/reference/run';
import { compare, tensor, type Tensor } from '../../src/reference/tensor';

const SHAPE = [2, 4, 6, 5];

class Net {
  b = new GraphBuilder();
  private k = 0;
  x = this.b.input('x', SHAPE);
  conv(input: string, name: string, oc = 4, attrs: Attrs = {}): string {
    const w = this.b.weight(`${name}.w`, [oc, SHAPE[1], 3, 3], seededUniform(3, name, oc * SHAPE[1] * 9, 0.3));
    const bias = this.b.weight(`${name}.b`, [oc], seededUniform(4, name, oc, 0.2));
    return this.b.node('conv2d', name, [input, w, bias], { pads: [1, 1, 1, 1], ...attrs }, 'l');
  }
  op(op: string, inputs: string[], attrs: Attrs = {}): string {
    return this.b.node(op, `${op}${this.k++}`, inputs, attrs, 'l');
  }
  scalar(v: number): string {
    return this.b.weight(`c${this.k++}`, [], new Float32Array([v]));
  }
  build(...outs: string[]): Graph {
    for (const o of outs) this.b.output(o);
    return this.b.build();
  }
}

const feeds = (g: Graph): Record<string, Tensor> => ({ x: tensor(SHAPE, seededUniform(9, 'x', SHAPE.reduce((a, b) => a * b), 3)) });
const outputsOf = (g: Graph) => runReference(g, feeds(g)).outputs;

/** The fused graph's reference against the unfused graph's, output by output. */
function expectSameOutputs(before: Graph, after: Graph, tol = 1e-6): void {
  const [a, b] = [outputsOf(before), outputsOf(after)];
  for (const [name, t] of a) expect(compare(b.get(name)!.data, t.data).maxRelError, name).toBeLessThanOrEqual(tol);
}

const ops = (g: Graph) => g.nodes.map((n) => n.op);

describe('fuseActivations', () => {
  it('fuses every unary kind into a conv, parameters included', () => {
    for (const [act, attrs] of [['relu', {}], ['clip', { min: 0, max: 6 }], ['leakyrelu', { alpha: 0.3 }], ['gelu', {}], ['hardsigmoid', { alpha: 0.25, beta: 0.4 }]] as const) {
      const n = new Net();
      const g = n.build(n.op(act, [n.conv(n.x, 'c')], attrs));
      const f = optimize(g);
      expect(ops(f), act).toEqual(['conv2d']);
      expect(f.nodes[0].attrs.activation).toBe(act);
      expectSameOutputs(g, f);
    }
  });

  it('fuses only parameter-free, helper-free kinds into element-wise binary ops', () => {
    const n = new Net();
    const a = n.op('add', [n.x, n.x]);
    const g = n.build(n.op('relu', [a]), n.op('clip', [n.op('mul', [n.x, n.x])], { min: 0, max: 1 }));
    const f = optimize(g);
    expect(f.nodes.map((m) => `${m.op}:${m.attrs.activation ?? 'none'}`)).toEqual(['add:relu', 'mul:none', 'clip:none']);
    expectSameOutputs(g, f);
  });

  it('leaves the activation alone when the producer output is used twice or is a graph output', () => {
    const n = new Net();
    const c = n.conv(n.x, 'c');
    const g = n.build(n.op('relu', [c]), n.op('sigmoid', [c]));
    fuseActivations(g);
    expect(ops(g)).toEqual(['conv2d', 'relu', 'sigmoid']);
    const m = new Net();
    const c2 = m.conv(m.x, 'c');
    const g2 = m.build(c2, m.op('relu', [c2]));
    fuseActivations(g2);
    expect(ops(g2)).toEqual(['conv2d', 'relu']);
  });
});

describe('fuseResidualAdd', () => {
  it("fuses resnet's conv -> add(skip) -> relu into one conv", () => {
    const n = new Net();
    const skip = n.conv(n.x, 'c0', 4, { activation: 'relu' });
    const y = n.op('relu', [n.op('add', [n.conv(n.op('relu', [n.conv(skip, 'c1')]), 'c2'), skip])]);
    const g = n.build(y);
    const f = optimize(g);
    expect(ops(f)).toEqual(['conv2d', 'conv2d', 'conv2d']);
    expect(f.nodes[2].attrs).toMatchObject({ residual: true, activation: 'relu' });
    expect(f.nodes[2].inputs[3]).toBe(skip);
    expect(f.nodes[2].outputs).toEqual([y]);
    expectSameOutputs(g, f);
  });

  it('takes the add of two convs into the one whose skip is computed by then (the downsample branch)', () => {
    const n = new Net();
    const main = n.conv(n.op('relu', [n.conv(n.x, 'c1')]), 'c2');
    const down = n.conv(n.x, 'down');
    const g = n.build(n.op('add', [main, down]));
    const f = optimize(g);
    expect(ops(f)).toEqual(['conv2d', 'conv2d', 'conv2d']);
    const fused = f.nodes.find((m) => m.attrs.residual)!;
    expect(fused.name).toBe('down');
    expect(fused.inputs[3]).toBe(main);
    expectSameOutputs(g, f);
  });

  it('moves the fused conv to the add when the skip comes later', () => {
    const n = new Net();
    const c = n.conv(n.x, 'c');
    const skip = n.op('sigmoid', [n.x]);
    const g = n.build(n.op('add', [skip, c]));
    const f = optimize(g);
    expect(ops(f)).toEqual(['sigmoid', 'conv2d']);
    expect(f.nodes[1].attrs.residual).toBe(true);
    expectSameOutputs(g, f);
  });

  it('keeps the add when the conv output is used twice, is a graph output, shapes differ, the skip is the conv input, or an activation comes first', () => {
    const cases: [string, (n: Net) => string[]][] = [
      ['used twice', (n) => { const c = n.conv(n.x, 'c'); return [n.op('add', [c, n.x]), n.op('sigmoid', [c])]; }],
      ['graph output', (n) => { const c = n.conv(n.x, 'c'); return [c, n.op('add', [c, n.op('sigmoid', [n.x])])]; }],
      ['broadcast skip', (n) => [n.op('add', [n.conv(n.x, 'c'), n.op('reduce_mean_hw', [n.x])])]],
      ['skip is the conv input', (n) => [n.op('add', [n.conv(n.x, 'c'), n.x])]],
      ['relu before the add', (n) => [n.op('add', [n.op('relu', [n.conv(n.x, 'c')]), n.op('sigmoid', [n.x])])]],
    ];
    for (const [what, make] of cases) {
      const n = new Net();
      const g = n.build(...make(n));
      const f = optimize(g);
      expect(f.nodes.some((m) => m.attrs.residual), what).toBe(false);
      expect(ops(f), what).toContain('add');
      expectSameOutputs(g, f);
    }
  });

  it('never lets the fused conv write over its residual input', () => {
    const n = new Net();
    const skip = n.conv(n.x, 'c0');
    const g = optimize(n.build(n.op('add', [n.conv(n.conv(skip, 'c1'), 'c2'), skip])));
    expect(g.nodes[2].attrs.residual).toBe(true);
    expect(inPlaceReport(g).candidates.filter((c) => c.op === 'conv2d')).toEqual([]);
  });

  it('exports the fused conv as Conv, Add and the activation, and imports back to the same values', () => {
    const n = new Net();
    const skip = n.conv(n.x, 'c0');
    const g = n.build(n.op('clip', [n.op('add', [n.conv(n.conv(skip, 'c1'), 'c2'), skip])], { min: 0, max: 0.5 }));
    const f = optimize(g);
    expect(ops(f)).toEqual(['conv2d', 'conv2d', 'conv2d']);
    const bytes = exportOnnx(f);
    expect(summarizeOnnx(bytes).opCounts).toMatchObject({ Conv: 3, Add: 1, Clip: 1 });
    expectSameOutputs(g, importOnnx(bytes));
  });
});

describe('fuseActivationPatterns', () => {
  it('recognizes x * Sigmoid(x), x * HardSigmoid(x; 1/6, 1/2) and the erf GELU, then fuses them into the conv', () => {
    const n = new Net();
    const c1 = n.conv(n.x, 'c1');
    const silu = n.op('mul', [c1, n.op('sigmoid', [c1])]);
    const c2 = n.conv(silu, 'c2');
    const hswish = n.op('mul', [n.op('hardsigmoid', [c2], { alpha: 1 / 6, beta: 0.5 }), c2]);
    const c3 = n.conv(hswish, 'c3');
    const erf = n.op('erf', [n.op('div', [c3, n.scalar(Math.SQRT2)])]);
    const gelu = n.op('mul', [n.op('mul', [c3, n.op('add', [n.scalar(1), erf])]), n.scalar(0.5)]);
    const g = n.build(gelu);
    const p = structuredClone(g);
    fuseActivationPatterns(p);
    expect(ops(p)).toEqual(['conv2d', 'silu', 'conv2d', 'hardswish', 'conv2d', 'gelu']);
    const f = optimize(g);
    expect(f.nodes.map((m) => m.attrs.activation)).toEqual(['silu', 'hardswish', 'gelu']);
    expectSameOutputs(g, f, 1e-5);
  });

  it('does not match a gate of another tensor, a gate used twice, or HardSigmoid at other parameters', () => {
    const n = new Net();
    const c = n.conv(n.x, 'c');
    const se = n.op('mul', [c, n.op('sigmoid', [n.x])]);
    const s = n.op('sigmoid', [c]);
    const twice = n.op('mul', [c, s]);
    const hs = n.op('mul', [c, n.op('hardsigmoid', [c], {})]);
    const g = n.build(se, twice, s, hs);
    fuseActivationPatterns(g);
    expect(ops(g).filter((o) => o === 'silu' || o === 'hardswish')).toEqual([]);
  });
});

describe('foldChannelScale', () => {
  it('folds an SE gate written mul(gate, x) into the next conv as well as mul(x, gate)', () => {
    for (const order of [0, 1]) {
      const n = new Net();
      const c = n.conv(n.x, 'c');
      const gate = n.op('sigmoid', [n.op('reduce_mean_hw', [c])]);
      const g = n.build(n.conv(n.op('mul', order ? [gate, c] : [c, gate]), 'd'));
      const f = structuredClone(g);
      foldChannelScale(f);
      expect(ops(f)).toEqual(['conv2d', 'reduce_mean_hw', 'sigmoid', 'conv2d']);
      expect(f.nodes[3].attrs.prescale).toBe(true);
      expect(f.nodes[3].inputs[0]).toBe(c);
      expectSameOutputs(g, f);
    }
  });
});

describe('the fused graph', () => {
  it('keeps fuseResidualAdd idempotent and the graph topologically ordered', () => {
    const n = new Net();
    const skip = n.conv(n.x, 'c0');
    const g = n.build(n.op('add', [n.conv(n.conv(skip, 'c1'), 'c2'), skip]));
    fuseResidualAdd(g);
    expect(g.nodes[2].attrs.residual).toBe(true);
    const before = JSON.stringify(g.nodes);
    fuseResidualAdd(g);
    expect(JSON.stringify(g.nodes)).toBe(before);
    const seen = new Set(g.inputs);
    for (const t of g.tensors.values()) if (t.role === 'weight') seen.add(t.name);
    for (const m of g.nodes) {
      for (const i of m.inputs) expect(seen.has(i), `${m.name} reads ${i}`).toBe(true);
      m.outputs.forEach((o) => seen.add(o));
    }
  });
});
