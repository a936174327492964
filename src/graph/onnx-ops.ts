// Op kinds the ONNX importer needs beyond the network's own: layout ops (reshape covers
// Reshape/Flatten/Squeeze/Unsqueeze, all of which only relabel a contiguous buffer),
// transpose, concat, constant pad, gemm, a general mean over any axes, and a resize whose
// coordinate mapping uses the file's scale factors rather than out/in.
import { attrInts, attrNumber, numel, type Attrs } from './ir.js';
import { broadcastShapes, registerOp } from './ops.js';

function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

registerOp({
  kind: 'reshape',
  inferShapes([x], attrs) {
    const shape = attrInts(attrs, 'shape');
    check(numel(shape) === numel(x), `reshape: [${x}] has ${numel(x)} elements, target [${shape}] has ${numel(shape)}`);
    return [[...shape]];
  },
});

registerOp({
  kind: 'transpose',
  inferShapes([x], attrs) {
    const perm = attrInts(attrs, 'perm');
    check(perm.length === x.length && [...perm].sort((a, b) => a - b).every((p, i) => p === i), `transpose: perm [${perm}] does not fit rank ${x.length}`);
    return [perm.map((p) => x[p])];
  },
});

registerOp({
  kind: 'concat',
  inferShapes(inputs, attrs) {
    const axis = attrNumber(attrs, 'axis');
    const first = inputs[0];
    check(axis >= 0 && axis < first.length, `concat: axis ${axis} out of range for rank ${first.length}`);
    for (const s of inputs) check(s.length === first.length && s.every((d, i) => i === axis || d === first[i]), `concat: shapes [${first}] and [${s}] differ outside axis ${axis}`);
    const out = [...first];
    out[axis] = inputs.reduce((a, s) => a + s[axis], 0);
    return [out];
  },
});

/** pads as ONNX orders them: all begins, then all ends; negative values crop. */
registerOp({
  kind: 'pad',
  inferShapes([x], attrs) {
    const pads = attrInts(attrs, 'pads');
    check(pads.length === 2 * x.length, `pad: ${pads.length} pads for rank ${x.length}`);
    const out = x.map((d, i) => d + pads[i] + pads[i + x.length]);
    check(out.every((d) => d >= 1), `pad: pads [${pads}] leave an empty dimension of [${x}]`);
    return [out];
  },
});

/** Y = alpha * op(A) @ op(B) + beta * C, A and B 2-D, C broadcast to [M, N]. */
registerOp({
  kind: 'gemm',
  inferShapes(inputs, attrs) {
    const [a, b, c] = inputs;
    check(a.length === 2 && b.length === 2, `gemm: A [${a}] and B [${b}] must be 2-D`);
    const [M, K] = attrNumber(attrs, 'transA', 0) ? [a[1], a[0]] : a;
    const [K2, N] = attrNumber(attrs, 'transB', 0) ? [b[1], b[0]] : b;
    check(K === K2, `gemm: inner dimensions ${K} and ${K2} differ`);
    if (c) check(broadcastShapes(c, [M, N]).join() === `${M},${N}`, `gemm: C [${c}] does not broadcast to [${M},${N}]`);
    return [[M, N]];
  },
});

/** Mean over `axes` (non-negative, sorted); keepdims leaves them as 1. */
registerOp({
  kind: 'reduce_mean',
  inferShapes([x], attrs) {
    const axes = attrInts(attrs, 'axes');
    check(axes.every((a) => a >= 0 && a < x.length), `reduce_mean: axes [${axes}] out of range for rank ${x.length}`);
    const keep = attrNumber(attrs, 'keepdims', 1) === 1;
    const out = x.flatMap((d, i) => (axes.includes(i) ? (keep ? [1] : []) : [d]));
    return [out];
  },
});

/** resize with explicit per-axis scales [sh, sw] for the coordinate transform (ONNX Resize given scales). */
registerOp({
  kind: 'resize_scaled',
  inferShapes([x], attrs: Attrs) {
    check(x.length === 4, `resize_scaled: input must be NCHW, got [${x}]`);
    const [oh, ow] = attrInts(attrs, 'outSize');
    const scales = attrInts(attrs, 'scales');
    check(scales.length === 2 && scales.every((s) => s > 0), `resize_scaled: scales [${scales}] must be two positive numbers`);
    return [[x[0], x[1], oh, ow]];
  },
});
