// Reductions, ArgMax / ArgMin, Softmax / LogSoftmax and the normalizations imported from ONNX
// and run on the CPU reference: the differences between operator versions (axes attribute vs
// input, noop_with_empty_axes, Softmax's 2-D coercion before 13, GroupNormalization 18 vs 21),
// attribute edge cases, and the refusals.
import { describe, expect, it } from 'vitest';
import { OnnxImportError, importOnnx } from '../../src/onnx/index.js';
import { runReference } from '../../src/reference/run.js';
import { compare, tensor } from '../../src/reference/tensor.js';
import { modelType } from '../../src/onnx/schema.js';
import { A, OnnxWriter, expectClose, floats, iota, longs, nested, runOp, type OpCase } from './helpers.js';
import { prepare } from './node-data.js';
import { loadNodeTest, nodeTestNames } from './node-files.js';

// onnx/backend/test/case/node/reducesum.py's data, [3, 2, 2].
const data = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const x = { name: 'x', shape: [3, 2, 2] };

describe('ReduceSum: axes an attribute before 13, an input from 13', () => {
  it('axes [1] as an attribute (11) and as an input (13) agree, with and without keepdims', () => {
    const attr = runOp({ op: 'ReduceSum', opset: 11, inputs: [x], attrs: { axes: A.ints([1]), keepdims: A.int(0) } }, data);
    const input = runOp({ op: 'ReduceSum', opset: 13, inputs: [x], consts: [longs([1])], attrs: { keepdims: A.int(0) } }, data);
    expect(attr.shape).toEqual([3, 2]);
    expect(nested(attr)).toEqual([4, 6, 12, 14, 20, 22]);
    expect(nested(input)).toEqual(nested(attr));
    const keep = runOp({ op: 'ReduceSum', opset: 13, inputs: [x], consts: [longs([-2])] }, data);
    expect(keep.shape).toEqual([3, 1, 2]);
  });

  it('no axes reduces everything; with noop_with_empty_axes (13+) it passes the input through', () => {
    expect(nested(runOp({ op: 'ReduceSum', opset: 13, inputs: [x] }, data))).toEqual([78]);
    expect(nested(runOp({ op: 'ReduceSum', opset: 13, inputs: [x], consts: [longs([])] }, data))).toEqual([78]);
    const noop = runOp({ op: 'ReduceSum', opset: 13, inputs: [x], consts: [longs([])], attrs: { noop_with_empty_axes: A.int(1) } }, data);
    expect(noop.shape).toEqual([3, 2, 2]);
    expect(nested(noop)).toEqual(data);
  });

  it('axes that repeat or fall outside the rank are refused', () => {
    expect(() => runOp({ op: 'ReduceSum', opset: 13, inputs: [x], consts: [longs([3])] }, data)).toThrow(/axes 3 is out of range for rank 3/);
    expect(() => runOp({ op: 'ReduceSum', opset: 11, inputs: [x], attrs: { axes: A.ints([0, -3]) } }, data)).toThrow(/repeat an axis/);
  });
});

describe('ReduceMax / ReduceMin / ReduceL1 / L2 / SumSquare / LogSum / LogSumExp / Prod', () => {
  const red = (op: string, opset: number, axes: number[], keepdims = 1, values = data) =>
    runOp(opset >= 18 ? { op, opset, inputs: [x], consts: [longs(axes)], attrs: { keepdims: A.int(keepdims) } } : { op, opset, inputs: [x], attrs: { axes: A.ints(axes), keepdims: A.int(keepdims) } }, values);

  it('ReduceMax / ReduceMin: axes attribute (13) and input (18, 20) agree', () => {
    expect(nested(red('ReduceMax', 13, [2], 0))).toEqual([2, 4, 6, 8, 10, 12]);
    expect(nested(red('ReduceMax', 18, [2], 0))).toEqual([2, 4, 6, 8, 10, 12]);
    expect(nested(red('ReduceMin', 20, [0, 2], 1))).toEqual([1, 3]);
    expect(nested(red('ReduceMin', 12, [-1], 0, data.map((v) => -v)))).toEqual([-2, -4, -6, -8, -10, -12]);
  });

  it('the norms, sums of squares, logs and products over axis 1', () => {
    const pairs = (f: (a: number, b: number) => number) => [0, 1, 2].flatMap((i) => [0, 1].map((j) => f(data[i * 4 + j], data[i * 4 + 2 + j])));
    expectClose(red('ReduceL1', 13, [1], 0, data.map((v) => -v)).data, pairs((a, b) => a + b));
    expectClose(red('ReduceL2', 18, [1], 0).data, pairs((a, b) => Math.hypot(a, b)));
    expectClose(red('ReduceSumSquare', 11, [1], 0).data, pairs((a, b) => a * a + b * b));
    expectClose(red('ReduceLogSum', 18, [1], 0).data, pairs((a, b) => Math.log(a + b)));
    expectClose(red('ReduceProd', 13, [1], 0).data, pairs((a, b) => a * b));
    expectClose(red('ReduceLogSumExp', 13, [1], 0).data, pairs((a, b) => Math.max(a, b) + Math.log(1 + Math.exp(-Math.abs(a - b)))));
  });

  it('ReduceLogSumExp stays finite on values whose exp overflows float32', () => {
    const y = red('ReduceLogSumExp', 18, [0, 1, 2], 0, data.map((v) => v + 1000));
    expectClose(y.data, [1012 + Math.log(data.reduce((s, v) => s + Math.exp(v - 12), 0))]);
  });

  it('GlobalMaxPool keeps the spatial axes as 1, for 2-D and 1-D maps', () => {
    const y = runOp({ op: 'GlobalMaxPool', inputs: [{ name: 'x', shape: [1, 3, 2, 2] }] }, data);
    expect(y.shape).toEqual([1, 3, 1, 1]);
    expect(nested(y)).toEqual([4, 8, 12]);
    expect(nested(runOp({ op: 'GlobalMaxPool', inputs: [{ name: 'x', shape: [2, 2, 3] }] }, data))).toEqual([3, 6, 9, 12]);
    expect(() => runOp({ op: 'GlobalMaxPool', inputs: [{ name: 'x', shape: [3, 4] }] }, data)).toThrow(/rank 3 or more/);
  });
});

describe('ArgMax / ArgMin (indices as float32)', () => {
  const ties = [2, 2, 3, 10, 5, 5];
  const t = { name: 'x', shape: [3, 2] };
  it('axis, keepdims and select_last_index (12+) on ties', () => {
    const first = runOp({ op: 'ArgMax', opset: 13, inputs: [t], attrs: { axis: A.int(1) } }, ties);
    expect(first.shape).toEqual([3, 1]);
    expect(nested(first)).toEqual([0, 1, 0]);
    const last = runOp({ op: 'ArgMax', opset: 12, inputs: [t], attrs: { axis: A.int(-1), keepdims: A.int(0), select_last_index: A.int(1) } }, ties);
    expect(last.shape).toEqual([3]);
    expect(nested(last)).toEqual([1, 1, 1]);
  });

  it('the default axis is 0; ArgMin the same with the minimum', () => {
    expect(nested(runOp({ op: 'ArgMax', opset: 11, inputs: [t] }, ties))).toEqual([2, 1]);
    expect(nested(runOp({ op: 'ArgMin', opset: 13, inputs: [t], attrs: { keepdims: A.int(0) } }, ties))).toEqual([0, 0]);
    expect(nested(runOp({ op: 'ArgMin', opset: 13, inputs: [t], attrs: { axis: A.int(1), select_last_index: A.int(1) } }, ties))).toEqual([1, 0, 1]);
  });
});

function softmaxRef(v: number[], log: boolean): number[] {
  const m = Math.max(...v);
  const s = v.reduce((a, x) => a + Math.exp(x - m), 0);
  return v.map((x) => (log ? x - m - Math.log(s) : Math.exp(x - m) / s));
}

describe('Softmax / LogSoftmax: 2-D coercion before 13, one axis from 13', () => {
  const v = iota(24).map((i) => Math.sin(i) * 3);
  const s = { name: 'x', shape: [2, 3, 4] };
  /** Softmax of each run of `len` consecutive values. */
  const rows = (len: number, log = false, values = v) => Array.from({ length: 24 / len }, (_, r) => softmaxRef(values.slice(r * len, (r + 1) * len), log)).flat();

  it('opset 11, axis 1 (default): each batch item normalized over its 12 values', () => {
    expectClose(runOp({ op: 'Softmax', opset: 11, inputs: [s] }, v).data, rows(12));
    expectClose(runOp({ op: 'LogSoftmax', opset: 1, inputs: [s], attrs: { axis: A.int(1) } }, v).data, rows(12, true));
  });

  it('opset 13, axis 1: normalized along axis 1 alone (3 values, 4 apart)', () => {
    const y = runOp({ op: 'Softmax', opset: 13, inputs: [s], attrs: { axis: A.int(1) } }, v).data;
    for (let n = 0; n < 2; n++) {
      for (let w = 0; w < 4; w++) {
        const idx = [0, 1, 2].map((c) => n * 12 + c * 4 + w);
        expectClose(idx.map((i) => y[i]), softmaxRef(idx.map((i) => v[i]), false));
      }
    }
  });

  it('the default axes (1 before 13, -1 from 13) and the last axis agree across versions', () => {
    expectClose(runOp({ op: 'Softmax', opset: 13, inputs: [s] }, v).data, rows(4));
    expectClose(runOp({ op: 'LogSoftmax', opset: 11, inputs: [s], attrs: { axis: A.int(-1) } }, v).data, rows(4, true));
    expectClose(runOp({ op: 'Softmax', opset: 11, inputs: [s], attrs: { axis: A.int(0) } }, v).data, rows(24));
  });

  it('large inputs do not overflow', () => {
    // As float32 inputs: 10000 + v keeps about 3 decimals.
    const big = v.map((a) => Math.fround(a + 10000));
    expectClose(runOp({ op: 'Softmax', opset: 13, inputs: [s] }, big).data, rows(4, false, big));
    expectClose(runOp({ op: 'LogSoftmax', opset: 13, inputs: [s] }, big).data, rows(4, true, big));
  });
});

/** (x - mean) / sqrt(var + eps) over each run of `len` values. */
function normalized(v: number[], len: number, eps = 1e-5): number[] {
  return Array.from({ length: v.length / len }, (_, r) => {
    const row = v.slice(r * len, (r + 1) * len);
    const m = row.reduce((a, b) => a + b, 0) / len;
    const variance = row.reduce((a, b) => a + (b - m) ** 2, 0) / len;
    return row.map((b) => (b - m) / Math.sqrt(variance + eps));
  }).flat();
}

describe('LayerNormalization-17', () => {
  const v = iota(24).map((i) => Math.cos(i * 1.7) * 2 + 0.5);
  const ln = (extra: Partial<OpCase>): OpCase => ({ op: 'LayerNormalization', opset: 17, inputs: [{ name: 'x', shape: [2, 3, 4] }], ...extra });
  const gamma = [0.5, 1, 1.5, 2];
  const beta = [0.1, -0.2, 0.3, 0];

  it('over the last axis, with and without bias', () => {
    const n = normalized(v, 4);
    const noBias = runOp(ln({ consts: [floats(gamma)] }), v);
    expectClose(noBias.data, n.map((a, i) => a * gamma[i % 4]));
    const withBias = runOp(ln({ consts: [floats(gamma), floats(beta)], attrs: { epsilon: A.float(1e-3) } }), v);
    expectClose(withBias.data, normalized(v, 4, 1e-3).map((a, i) => a * gamma[i % 4] + beta[i % 4]));
  });

  it('axis 1 normalizes dims 1.. (12 values); a scale of the last dim only broadcasts; a [3, 1] scale is expanded', () => {
    const n = normalized(v, 12);
    expectClose(runOp(ln({ consts: [floats(gamma)], attrs: { axis: A.int(1) } }), v).data, n.map((a, i) => a * gamma[i % 4]));
    const col = runOp(ln({ consts: [floats([1, 2, 3], [3, 1]), floats([0.5], [1])], attrs: { axis: A.int(-2) } }), v);
    expectClose(col.data, n.map((a, i) => a * (Math.floor(i / 4) % 3 + 1) + 0.5));
  });

  it('refuses the Mean / InvStdDev outputs, stash_type other than 1, and scales that do not broadcast', () => {
    const w = new OnnxWriter({ opset: 17 });
    w.input('x', [2, 3, 4]);
    w.initializer('g', floats(gamma));
    w.node('LayerNormalization', '/ln', ['x', 'g'], ['y', 'mean'], {});
    w.output('y');
    expect(() => importOnnx(w.bytes())).toThrow(/the Mean and InvStdDev outputs of LayerNormalization are not supported/);
    expect(() => runOp(ln({ consts: [floats(gamma)], attrs: { stash_type: A.int(11) } }), v)).toThrow(/stash_type 11 is not supported/);
    expect(() => runOp(ln({ consts: [floats([1, 2, 3])] }), v)).toThrow(/Scale of shape \[3\] must broadcast to the normalized shape \[4\]/);
  });

  // The backend node tests read Mean and InvStdDev too (refused); Y alone must match their data.
  const lnTests = nodeTestNames().filter((n) => n.startsWith('test_layer_normalization') && !n.endsWith('_expanded'));
  it.each(lnTests)('%s: Y matches the test data once Mean and InvStdDev are dropped', (name) => {
    const files = loadNodeTest(name);
    expect(() => prepare(files)).toThrow(OnnxImportError);
    const T = modelType();
    const m = T.toObject(T.decode(files.model)) as { graph: { node: { output: string[] }[]; output: unknown[] } };
    m.graph.node[0].output = m.graph.node[0].output.slice(0, 1);
    m.graph.output = m.graph.output.slice(0, 1);
    const t = prepare({ ...files, model: T.encode(T.fromObject(m)).finish(), outputs: files.outputs.slice(0, 1) });
    const feeds = Object.fromEntries(Object.entries(t.feeds).map(([k, d]) => [k, tensor(t.graph.tensors.get(k)!.shape, d)]));
    const y = runReference(t.graph, feeds).outputs.get(t.expected[0].name)!;
    expect(compare(y.data, t.expected[0].data).maxRelError).toBeLessThanOrEqual(1e-5);
  });
});

describe('InstanceNormalization 1 / 6', () => {
  const v = iota(2 * 3 * 5).map((i) => Math.sin(i * 0.7) * 4);
  const scale = [1, 0.5, 2];
  const bias = [0, 1, -1];
  const inorm = (shape: number[], opset = 6) => runOp({ op: 'InstanceNormalization', opset, inputs: [{ name: 'x', shape }], consts: [floats(scale), floats(bias)], attrs: { epsilon: A.float(1e-4) } }, v);
  const expected = (len: number) => normalized(v, len, 1e-4).map((a, i) => a * scale[Math.floor(i / len) % 3] + bias[Math.floor(i / len) % 3]);

  it('rank 3 (torch GroupNorm writes [N, G, -1]) and rank 4 and 5 give the same per-(n, c) statistics', () => {
    expectClose(inorm([2, 3, 5]).data, expected(5));
    expectClose(inorm([2, 3, 5, 1], 1).data, expected(5));
    expectClose(inorm([1, 3, 2, 5, 1]).data, expected(10));
  });

  it('refuses rank 2 and parameters of the wrong size', () => {
    expect(() => runOp({ op: 'InstanceNormalization', inputs: [{ name: 'x', shape: [2, 3] }], consts: [floats(scale), floats(bias)] }, iota(6))).toThrow(/rank 3 or more/);
    expect(() => runOp({ op: 'InstanceNormalization', inputs: [{ name: 'x', shape: [1, 3, 2] }], consts: [floats([1, 2]), floats(bias)] }, iota(6))).toThrow(/scale has shape \[2\]; expected \[3\]/);
  });
});

describe('GroupNormalization: scale and bias per group (18) or per channel (21)', () => {
  const v = iota(2 * 4 * 3).map((i) => Math.cos(i * 0.9) * 3);
  const gn = (opset: number, s: number[], b: number[]) => runOp({ op: 'GroupNormalization', opset, inputs: [{ name: 'x', shape: [2, 4, 3] }], consts: [floats(s), floats(b)], attrs: { num_groups: A.int(2) } }, v);
  const n = normalized(v, 6);

  it('18: two groups of two channels, the affine per group', () => {
    expectClose(gn(18, [2, 3], [0.5, -0.5]).data, n.map((a, i) => a * [2, 3][Math.floor(i / 6) % 2] + [0.5, -0.5][Math.floor(i / 6) % 2]));
  });

  it('21: the same statistics, the affine per channel', () => {
    const s = [1, 2, 3, 4];
    const b = [0, 0.1, 0.2, 0.3];
    expectClose(gn(21, s, b).data, n.map((a, i) => a * s[Math.floor(i / 3) % 4] + b[Math.floor(i / 3) % 4]));
  });

  it('refuses per-channel parameters at 18, per-group ones at 21, and groups that do not divide C', () => {
    expect(() => gn(18, [1, 2, 3, 4], [0, 0, 0, 0])).toThrow(/per group \(GroupNormalization-18\) has shape \[4\]; expected \[2\]/);
    expect(() => gn(21, [1, 2], [0, 0])).toThrow(/per channel \(GroupNormalization-21\) has shape \[2\]; expected \[4\]/);
    expect(() => runOp({ op: 'GroupNormalization', opset: 21, inputs: [{ name: 'x', shape: [1, 3, 2] }], consts: [floats([1, 1, 1]), floats([0, 0, 0])], attrs: { num_groups: A.int(2) } }, iota(6))).toThrow(/num_groups 2 does not divide the 3 channels/);
  });
});
