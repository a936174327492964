// Data movement on runtime tensors: Slice, Split, Gather, Expand, Tile, DepthToSpace,
// SpaceToDepth, Pad (edge/reflect/wrap) and the layout ops at ranks 1-6. Expected values are
// worked out by hand, with numpy (pads), or from the spec's index definitions written out
// independently of the op modules.
import { describe, expect, it } from 'vitest';
import { paramCount } from '../../src/graph/ir.js';
import { exportOnnx } from '../../src/onnx/export.js';
import { importOnnx } from '../../src/onnx/import.js';
import { runReference } from '../../src/reference/run.js';
import { stridesOf, tensor } from '../../src/reference/tensor.js';
import { A, OnnxWriter, floats, iota, longs, nested, opModel, runModel, runOp, type OpCase } from './helpers.js';

const INT64_MAX = 2 ** 63;
const INT64_MIN = -(2 ** 63);
const v = (n: number) => ({ name: 'x', shape: [n] });

/** Element values of an iota tensor (1, 2, ...) at a list of coordinates. */
const at = (shape: number[], coords: number[][]) => coords.map((c) => c.reduce((a, x, d) => a + x * stridesOf(shape)[d], 0) + 1);

describe('Slice', () => {
  const s13 = (shape: number[], starts: number[], ends: number[], axes?: number[], steps?: number[]): OpCase => ({
    op: 'Slice',
    opset: 13,
    inputs: [{ name: 'x', shape }],
    consts: [longs(starts), longs(ends), axes ? longs(axes) : '', ...(steps ? [longs(steps)] : [])],
  });

  it('clamps starts and ends exactly as the spec says (positive steps)', () => {
    expect(nested(runOp(s13([10], [-100], [3]), iota(10)))).toEqual([1, 2, 3]);
    expect(nested(runOp(s13([10], [7], [1000]), iota(10)))).toEqual([8, 9, 10]);
    expect(nested(runOp(s13([10], [-3], [-1]), iota(10)))).toEqual([8, 9]);
    expect(nested(runOp(s13([10], [1], [INT64_MAX], [0], [4]), iota(10)))).toEqual([2, 6, 10]);
  });

  it('negative steps walk backward; starts clamp to dim-1 and ends to -1', () => {
    expect(nested(runOp(s13([10], [-1], [INT64_MIN], [0], [-1]), iota(10)))).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(nested(runOp(s13([10], [8], [1], [0], [-3]), iota(10)))).toEqual([9, 6, 3]);
    expect(nested(runOp(s13([10], [1000], [-1000], [0], [-4]), iota(10)))).toEqual([10, 6, 2]);
    // end -1 means "the last element" (dim - 1), so nothing lies between 9 and it going backward.
    expect(() => runOp(s13([10], [9], [-1], [0], [-1]), iota(10))).toThrow(/is empty; tensors with a zero-sized dimension/);
  });

  it('negative axes, several axes, and the 2-D spec examples', () => {
    const x = iota(8);
    const ex1 = runOp(s13([2, 4], [1, 0], [2, 3], [0, 1], [1, 2]), x);
    expect(ex1.shape).toEqual([1, 2]);
    expect(nested(ex1)).toEqual([5, 7]);
    expect(nested(runOp(s13([2, 4], [0, 1], [-1, 1000]), x))).toEqual([2, 3, 4]);
    expect(nested(runOp(s13([2, 4], [1], [3], [-1]), x))).toEqual([2, 3, 6, 7]);
    const back = runOp(s13([2, 3, 4], [-1, 3], [INT64_MIN, 0], [1, 2], [-2, -2]), iota(24));
    expect(back.shape).toEqual([2, 2, 2]);
    expect(nested(back)).toEqual(at([2, 3, 4], [[0, 2, 3], [0, 2, 1], [0, 0, 3], [0, 0, 1], [1, 2, 3], [1, 2, 1], [1, 0, 3], [1, 0, 1]]));
  });

  it('Slice-1 takes attributes; a slice of everything is no node at all', () => {
    const y = runOp({ op: 'Slice', opset: 9, inputs: [{ name: 'x', shape: [2, 4] }], attrs: { starts: A.ints([0, 1]), ends: A.ints([-1, 1000]) } }, iota(8));
    expect(nested(y)).toEqual([2, 3, 4]);
    const g = importOnnx(opModel({ ...s13([2, 4], [0], [INT64_MAX], [1]) }));
    expect(g.nodes.map((n) => n.op)).toEqual(['identity']);
  });

  it('refuses a zero step and starts that depend on runtime data', () => {
    expect(() => runOp(s13([10], [0], [5], [0], [0]), iota(10))).toThrow(/step of axis 0 is 0/);
    const w = new OnnxWriter({ opset: 13 });
    w.input('x', [4]);
    w.input('s', [1]);
    w.node('Slice', '/Slice', ['x', 's', w.constant('/e', longs([3]))], ['y']);
    w.output('y');
    expect(() => importOnnx(w.bytes())).toThrow(/input 1 \(starts\) must be computable at import time/);
  });

  it('starts from Shape arithmetic, as a channel split exported from x[:, :c // 2] is', () => {
    const w = new OnnxWriter({ opset: 13 });
    w.input('x', [1, 6, 2, 2]);
    w.node('Shape', '/Shape', ['x'], ['shape']);
    w.node('Gather', '/Gather', ['shape', w.constant('/c', longs([1]))], ['c']);
    w.node('Div', '/Div', ['c', w.constant('/two', longs([2]))], ['half']);
    w.node('Slice', '/Slice', ['x', 'half', w.constant('/end', longs([INT64_MAX])), w.constant('/axes', longs([1]))], ['y']);
    w.output('y');
    const { graph, out } = runModel(w.bytes(), { x: iota(24) });
    expect(graph.nodes.map((n) => n.op)).toEqual(['slice']);
    expect(out.shape).toEqual([1, 3, 2, 2]);
    expect(nested(out)).toEqual(iota(12, 13));
  });
});

/** A Split model; returns every output's shape and values. */
function runSplit(opset: number, shape: number[], outputs: number, attrs: Record<string, ReturnType<typeof A.int>> = {}, split?: number[]) {
  const w = new OnnxWriter({ opset });
  w.input('x', shape);
  const names = Array.from({ length: outputs }, (_, k) => `y${k}`);
  w.node('Split', '/Split', split ? ['x', w.initializer('split', longs(split))] : ['x'], names, attrs);
  names.forEach((n) => w.output(n));
  const g = importOnnx(w.bytes());
  const n = shape.reduce((a, b) => a * b, 1);
  const outs = runReference(g, { x: tensor(shape, iota(n)) }).outputs;
  return { nodes: g.nodes.map((x) => x.op), parts: names.map((k) => ({ shape: outs.get(k)!.shape, data: Array.from(outs.get(k)!.data) })) };
}

describe('Split', () => {
  it('13: sizes as input 1 (uneven), or equal parts; one slice per output', () => {
    const r = runSplit(13, [2, 6], 2, { axis: A.int(1) }, [2, 4]);
    expect(r.nodes).toEqual(['slice', 'slice']);
    expect(r.parts).toEqual([
      { shape: [2, 2], data: [1, 2, 7, 8] },
      { shape: [2, 4], data: [3, 4, 5, 6, 9, 10, 11, 12] },
    ]);
    expect(runSplit(13, [6], 3).parts.map((p) => p.data)).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(() => runSplit(13, [7], 3)).toThrow(/a dimension of 7 does not split into 3 equal parts/);
  });

  it('18: num_outputs leaves the last chunk smaller; 13 cannot', () => {
    const r = runSplit(18, [7], 3, { num_outputs: A.int(3) });
    expect(r.parts.map((p) => p.data)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(runSplit(18, [2, 6], 2, { axis: A.int(-1) }, [1, 5]).parts[0].data).toEqual([1, 7]);
    expect(() => runSplit(18, [5], 4, { num_outputs: A.int(4) })).toThrow(/include an empty part/);
    expect(() => runSplit(18, [6], 3, { num_outputs: A.int(2) })).toThrow(/num_outputs 2 differs from the node's 3 outputs/);
    expect(() => runSplit(18, [6], 2, { num_outputs: A.int(2) }, [3, 3])).toThrow(/both the split input and the num_outputs/);
  });

  it('2 and 11 take the split attribute (11 with a negative axis); 1 also takes input 1', () => {
    expect(runSplit(2, [2, 3], 2, { axis: A.int(1), split: A.ints([1, 2]) }).parts.map((p) => p.data)).toEqual([[1, 4], [2, 3, 5, 6]]);
    expect(runSplit(11, [2, 3], 2, { axis: A.int(-1), split: A.ints([2, 1]) }).parts.map((p) => p.data)).toEqual([[1, 2, 4, 5], [3, 6]]);
    expect(runSplit(1, [4], 2, {}, [3, 1]).parts.map((p) => p.data)).toEqual([[1, 2, 3], [4]]);
    expect(() => runSplit(13, [4], 2, {}, [3, 2])).toThrow(/sum to 5, not to the dimension 4/);
  });
});

describe('Gather on runtime data', () => {
  const shape = [3, 4, 5];
  const g = (axis: number, indices: number[], ishape: number[], opset = 13): OpCase => ({
    op: 'Gather',
    opset,
    inputs: [{ name: 'x', shape }],
    consts: [longs(indices, ishape)],
    attrs: { axis: A.int(axis) },
  });
  const x = iota(60);

  it('a scalar index removes the axis (axes 0, 1 and last)', () => {
    const a0 = runOp(g(0, [2], []), x);
    expect(a0.shape).toEqual([4, 5]);
    expect(nested(a0)).toEqual(iota(20, 41));
    const a1 = runOp(g(1, [1], []), x);
    expect(a1.shape).toEqual([3, 5]);
    expect(nested(a1)).toEqual([...iota(5, 6), ...iota(5, 26), ...iota(5, 46)]);
    const last = runOp(g(-1, [-1], []), x);
    expect(last.shape).toEqual([3, 4]);
    expect(nested(last)).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60]);
  });

  it('tensor indices replace the axis by their dims; negative indices count from the end', () => {
    const t1 = runOp(g(1, [0, 3, -1, 1], [2, 2]), x);
    expect(t1.shape).toEqual([3, 2, 2, 5]);
    const rows = [0, 3, 3, 1];
    expect(nested(t1)).toEqual(at(shape, [0, 1, 2].flatMap((i) => rows.flatMap((j) => iota(5, 0).map((k) => [i, j, k])))));
    const t0 = runOp(g(0, [2, 0], [2], 11), x);
    expect(nested(t0)).toEqual([...iota(20, 41), ...iota(20, 1)]);
    const tl = runOp(g(2, [4, -5, 2], [3], 1), x);
    expect(tl.shape).toEqual([3, 4, 3]);
    expect(nested(tl).slice(0, 6)).toEqual([5, 1, 3, 10, 6, 8]);
  });

  it('refuses out-of-range indices; adds no parameters; the identity gather is no node', () => {
    expect(() => runOp(g(1, [4], []), x)).toThrow(/index 4 is out of range for axis 1 of size 4/);
    const graph = importOnnx(opModel(g(1, [3, 2, 1, 0], [4])));
    expect(paramCount(graph)).toBe(0);
    expect(graph.nodes[0].attrs).toMatchObject({ axis: 1, indices: [3, 2, 1, 0], indicesShape: [4] });
    expect(importOnnx(opModel(g(1, [0, 1, 2, 3], [4]))).nodes.map((n) => n.op)).toEqual(['identity']);
  });
});

describe('Expand and Tile', () => {
  it('Expand broadcasts right-aligned; the shape may be smaller than the input', () => {
    const y = runOp({ op: 'Expand', inputs: [{ name: 'x', shape: [3, 1] }], consts: [longs([2, 1, 4])] }, [1, 2, 3]);
    expect(y.shape).toEqual([2, 3, 4]);
    expect(nested(y)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    const small = runOp({ op: 'Expand', opset: 8, inputs: [{ name: 'x', shape: [2, 1, 3] }], consts: [longs([2, 1])] }, iota(6));
    expect(small.shape).toEqual([2, 2, 3]);
    expect(nested(small)).toEqual([1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6]);
    expect(() => runOp({ op: 'Expand', inputs: [{ name: 'x', shape: [3] }], consts: [longs([2])] }, iota(3))).toThrow(/\[3\] does not broadcast with shape \[2\]/);
    expect(importOnnx(opModel({ op: 'Expand', inputs: [{ name: 'x', shape: [2, 3] }], consts: [longs([1, 3])] })).nodes.map((n) => n.op)).toEqual(['identity']);
  });

  it('Tile-6/13 repeats every axis (numpy tile); Tile-1 one axis', () => {
    const y = runOp({ op: 'Tile', inputs: [{ name: 'x', shape: [2, 2] }], consts: [longs([2, 3])] }, [1, 2, 3, 4]);
    expect(y.shape).toEqual([4, 6]);
    expect(nested(y)).toEqual([1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4, 1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4]);
    const t1 = runOp({ op: 'Tile', opset: 5, inputs: [{ name: 'x', shape: [2, 2] }], consts: [longs([3], []), longs([-1], [])] }, [1, 2, 3, 4]);
    expect(t1.shape).toEqual([2, 6]);
    expect(nested(t1)).toEqual([1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4]);
    expect(() => runOp({ op: 'Tile', inputs: [{ name: 'x', shape: [2] }], consts: [longs([0])] }, [1, 2])).toThrow(/include 0/);
    expect(() => runOp({ op: 'Tile', inputs: [{ name: 'x', shape: [2] }], consts: [longs([2, 2])] }, [1, 2])).toThrow(/one value per dim/);
  });
});

describe('DepthToSpace and SpaceToDepth', () => {
  const d2s = (shape: number[], b: number, mode?: string, opset = 13): OpCase => ({ op: 'DepthToSpace', opset, inputs: [{ name: 'x', shape }], attrs: { blocksize: A.int(b), ...(mode ? { mode: A.str(mode) } : {}) } });

  it('DCR and CRD on 8 channels of 1x1, worked by hand', () => {
    const x = iota(8, 0);
    expect(nested(runOp(d2s([1, 8, 1, 1], 2), x))).toEqual([0, 2, 4, 6, 1, 3, 5, 7]);
    expect(nested(runOp(d2s([1, 8, 1, 1], 2, 'DCR'), x))).toEqual([0, 2, 4, 6, 1, 3, 5, 7]);
    expect(nested(runOp(d2s([1, 8, 1, 1], 2, 'CRD'), x))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // DepthToSpace-1 knows only DCR.
    expect(nested(runOp(d2s([1, 8, 1, 1], 2, undefined, 9), x))).toEqual([0, 2, 4, 6, 1, 3, 5, 7]);
  });

  it('match the spec index definitions on 2x18x2x3 with blocksize 3', () => {
    const [n, c, h, w, b] = [2, 18, 2, 3, 3];
    const x = iota(n * c * h * w);
    const cd = c / (b * b);
    for (const mode of ['DCR', 'CRD']) {
      const y = runOp(d2s([n, c, h, w], b, mode), x);
      expect(y.shape).toEqual([n, cd, h * b, w * b]);
      const want: number[] = [];
      for (let i0 = 0; i0 < n; i0++)
        for (let c0 = 0; c0 < cd; c0++)
          for (let y0 = 0; y0 < h * b; y0++)
            for (let x0 = 0; x0 < w * b; x0++) {
              const [i, j] = [y0 % b, x0 % b];
              const src = mode === 'DCR' ? (i * b + j) * cd + c0 : c0 * b * b + i * b + j;
              want.push(x[((i0 * c + src) * h + Math.floor(y0 / b)) * w + Math.floor(x0 / b)]);
            }
      expect(nested(y), mode).toEqual(want);
    }
  });

  it('SpaceToDepth follows its definition and undoes DCR DepthToSpace', () => {
    const s = runOp({ op: 'SpaceToDepth', inputs: [{ name: 'x', shape: [1, 1, 2, 4] }], attrs: { blocksize: A.int(2) } }, iota(8, 0));
    expect(s.shape).toEqual([1, 4, 1, 2]);
    expect(nested(s)).toEqual([0, 2, 1, 3, 4, 6, 5, 7]);
    const x = iota(2 * 8 * 3 * 2);
    const up = runOp(d2s([2, 8, 3, 2], 2), x);
    expect(nested(runOp({ op: 'SpaceToDepth', opset: 1, inputs: [{ name: 'x', shape: [2, 2, 6, 4] }], attrs: { blocksize: A.int(2) } }, up.data))).toEqual(x);
    expect(() => runOp(d2s([1, 6, 2, 2], 2), iota(24))).toThrow(/6 channels do not divide into blocks of 2x2/);
    expect(() => runOp(d2s([1, 8, 2, 2], 2, 'XYZ'), iota(32))).toThrow(/mode 'XYZ' is not supported \(supported: DCR, CRD\)/);
  });
});

describe('Pad modes (values from numpy.pad)', () => {
  const p = (shape: number[], pads: number[], mode: string, opset = 13): OpCase => ({ op: 'Pad', opset, inputs: [{ name: 'x', shape }], consts: [longs(pads)], attrs: { mode: A.str(mode) } });

  it('reflect, edge and wrap on 1-D, including pads longer than the input', () => {
    expect(nested(runOp(p([4], [2, 3], 'reflect'), iota(4)))).toEqual([3, 2, 1, 2, 3, 4, 3, 2, 1]);
    expect(nested(runOp(p([4], [2, 3], 'edge'), iota(4)))).toEqual([1, 1, 1, 2, 3, 4, 4, 4, 4]);
    expect(nested(runOp(p([4], [2, 3], 'wrap', 19), iota(4)))).toEqual([3, 4, 1, 2, 3, 4, 1, 2, 3]);
    expect(nested(runOp(p([4], [6, 5], 'reflect'), iota(4)))).toEqual([1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3]);
    expect(nested(runOp(p([4], [6, 5], 'edge'), iota(4)))).toEqual([1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 4, 4, 4, 4, 4]);
    expect(nested(runOp(p([4], [6, 5], 'wrap', 21), iota(4)))).toEqual([3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1]);
    expect(nested(runOp(p([1], [2, 1], 'reflect'), [5]))).toEqual([5, 5, 5, 5]);
  });

  it('reflect, edge and wrap on 4-D NCHW', () => {
    const pads = [0, 0, 1, 2, 0, 0, 1, 1];
    expect(nested(runOp(p([1, 1, 2, 3], pads, 'reflect'), iota(6)))).toEqual([6, 5, 4, 5, 6, 5, 3, 2, 1, 2, 3, 2, 6, 5, 4, 5, 6, 5, 3, 2, 1, 2, 3, 2]);
    expect(nested(runOp(p([1, 1, 2, 3], pads, 'edge'), iota(6)))).toEqual([1, 1, 1, 2, 3, 3, 1, 1, 1, 2, 3, 3, 4, 4, 4, 5, 6, 6, 4, 4, 4, 5, 6, 6]);
    expect(nested(runOp(p([1, 1, 2, 3], pads, 'wrap', 19), iota(6)))).toEqual([5, 6, 4, 5, 6, 4, 2, 3, 1, 2, 3, 1, 5, 6, 4, 5, 6, 4, 2, 3, 1, 2, 3, 1]);
  });

  it('negative pads crop first, then the mode fills from the cropped data', () => {
    expect(nested(runOp(p([4], [-1, 2], 'reflect'), iota(4)))).toEqual([2, 3, 4, 3, 2]);
    expect(nested(runOp(p([4], [-2, 3], 'reflect'), iota(4)))).toEqual([3, 4, 3, 4, 3]);
    expect(nested(runOp(p([4], [2, -3], 'edge'), iota(4)))).toEqual([1, 1, 1]);
    expect(() => runOp(p([4], [-2, -2], 'edge'), iota(4))).toThrow(/crop away all of a dimension/);
  });

  it('attribute forms (Pad-1 paddings, Pad-2 pads), opset 18 axes; wrap only from 19', () => {
    const p1 = runOp({ op: 'Pad', opset: 1, inputs: [v(3)], attrs: { paddings: A.ints([1, 2]), mode: A.str('edge') } }, [1, 2, 3]);
    expect(nested(p1)).toEqual([1, 1, 2, 3, 3, 3]);
    const p2 = runOp({ op: 'Pad', opset: 2, inputs: [v(3)], attrs: { pads: A.ints([2, 0]), mode: A.str('reflect') } }, [1, 2, 3]);
    expect(nested(p2)).toEqual([3, 2, 1, 2, 3]);
    const axes = runOp({ op: 'Pad', opset: 18, inputs: [{ name: 'x', shape: [1, 2, 2] }], consts: [longs([1, 0]), '', longs([-1])], attrs: { mode: A.str('reflect') } }, [1, 2, 3, 4]);
    expect(nested(axes)).toEqual([2, 1, 2, 4, 3, 4]);
    expect(() => runOp(p([4], [1, 1], 'wrap', 18), iota(4))).toThrow(/mode 'wrap' is not supported at opset 18 \(supported: constant, reflect, edge; wrap needs opset 19\)/);
  });
});

/** y[c] = x[perm applied] computed with explicit strides, for any rank. */
function transposeByHand(shape: number[], perm: number[], x: number[]): number[] {
  const out = perm.map((p) => shape[p]);
  const st = stridesOf(shape);
  const so = stridesOf(out);
  return Array.from({ length: x.length }, (_, i) => x[perm.reduce((a, p, d) => a + (Math.floor(i / so[d]) % out[d]) * st[p], 0)]);
}

describe('layout ops at ranks 1, 2, 3, 5 and 6', () => {
  const cases: [number[], number[]][] = [
    [[5], [0]],
    [[3, 4], [1, 0]],
    [[2, 3, 4], [2, 0, 1]],
    [[2, 3, 1, 4, 2], [4, 1, 3, 0, 2]],
    [[2, 1, 3, 2, 2, 3], [5, 3, 0, 4, 2, 1]],
  ];
  it.each(cases)('Transpose [%s] by %s', (shape, perm) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const y = runOp({ op: 'Transpose', inputs: [{ name: 'x', shape }], attrs: { perm: A.ints(perm) } }, iota(n));
    expect(y.shape).toEqual(perm.map((p) => shape[p]));
    expect(nested(y)).toEqual(transposeByHand(shape, perm, iota(n)));
  });

  it.each(cases)('Concat, Flatten and Reshape on [%s]', (shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const axis = shape.length - 1;
    const cat = runOp({ op: 'Concat', inputs: [{ name: 'x', shape }], consts: [floats(iota(n, 100), shape)], attrs: { axis: A.int(axis) } }, iota(n));
    const inner = shape[axis];
    expect(nested(cat)).toEqual(Array.from({ length: n / inner }, (_, r) => [...iota(inner, r * inner + 1), ...iota(inner, 100 + r * inner)]).flat());
    const flat = runOp({ op: 'Flatten', inputs: [{ name: 'x', shape }], attrs: { axis: A.int(-1) } }, iota(n));
    expect(flat.shape).toEqual([n / inner, inner]);
    expect(nested(runOp({ op: 'Reshape', inputs: [{ name: 'x', shape }], consts: [longs([-1])] }, iota(n)))).toEqual(iota(n));
  });
});

describe('export of the data-movement kinds', () => {
  it('a chain of every kind exports as ONNX and imports back to the same nodes and values', () => {
    const w = new OnnxWriter({ opset: 13 });
    w.input('x', [1, 8, 6, 6]);
    const c = (t: ReturnType<typeof longs>) => w.constant('/c', t);
    w.node('Slice', '/Slice', ['x', c(longs([5])), c(longs([INT64_MIN])), c(longs([3])), c(longs([-1]))], ['a']);
    w.node('Pad', '/Pad', ['a', c(longs([0, 0, 1, 1, 0, 0, 1, 1]))], ['b'], { mode: A.str('reflect') });
    w.node('Gather', '/Gather', ['b', c(longs([7, 0, 3, 3, 1, 6, 2, 5]))], ['g'], { axis: A.int(1) });
    w.node('Tile', '/Tile', ['g', c(longs([1, 1, 1, 2]))], ['t']);
    w.node('Expand', '/Expand', ['t', c(longs([2, 1, 1, 1]))], ['e']);
    w.node('DepthToSpace', '/DepthToSpace', ['e'], ['d'], { blocksize: A.int(2), mode: A.str('CRD') });
    w.node('SpaceToDepth', '/SpaceToDepth', ['d'], ['s'], { blocksize: A.int(2) });
    w.node('Split', '/Split', ['s', c(longs([3, 5]))], ['h0', 'h1'], { axis: A.int(1) });
    w.node('Concat', '/Concat', ['h1', 'h0'], ['k'], { axis: A.int(1) });
    w.node('Pad', '/Pad_1', ['k', c(longs([0, 0, 0, 2, 0, 0, 0, 0]))], ['y'], { mode: A.str('edge') });
    w.output('y');
    const g = importOnnx(w.bytes());
    const ops = (graph: typeof g) => graph.nodes.map((n) => n.op);
    expect(ops(g)).toEqual(['slice', 'pad', 'gather', 'tile', 'expand', 'depth_to_space', 'space_to_depth', 'slice', 'slice', 'concat', 'pad']);
    const back = importOnnx(exportOnnx(g));
    expect(ops(back)).toEqual(ops(g));
    const x = { x: tensor([1, 8, 6, 6], iota(288)) };
    const y = runReference(g, x).outputs.get(g.outputs[0])!;
    expect(y.shape).toEqual([2, 8, 8, 18]);
    expect(Array.from(runReference(back, x).outputs.get(back.outputs[0])!.data)).toEqual(Array.from(y.data));
  });

  it('pad wrap needs opset 19, above what the exporter writes', () => {
    const g = importOnnx(opModel({ op: 'Pad', opset: 19, inputs: [v(3)], consts: [longs([1, 1])], attrs: { mode: A.str('wrap') } }));
    expect(() => exportOnnx(g)).toThrow(/pad mode 'wrap' needs ONNX opset 19/);
  });
});
