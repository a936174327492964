// Gather on runtime data with indices known at import time (constants or shape arithmetic):
// y = x with axis `axis` replaced by the indices' dims, each index picking a slice of x.
// The indices live in the node's attributes (non-negative, flattened, with their shape), not
// in a tensor: they are few in CNN exports (x[:, 0], a channel pick or reorder), the kernel
// takes them as uniforms, and the model's parameter and weight-byte counts stay those of the
// network.
import { attrInts, attrNumber, numel, type Attrs } from '../../graph/ir.js';
import { check } from '../../graph/shape.js';
import type { ImportContext } from '../../onnx/context.js';
import type { NodeWriter } from '../../onnx/node-writer.js';
import { normAxis } from '../../onnx/shape-math.js';
import { A, longs } from '../../onnx/writer.js';
import { tensor, type Tensor } from '../../reference/tensor.js';
import type { OpDef } from '../types.js';

function gatherShape([x]: number[][], attrs: Attrs): number[][] {
  const axis = attrNumber(attrs, 'axis');
  const indices = attrInts(attrs, 'indices');
  const ishape = attrInts(attrs, 'indicesShape', []);
  check(axis >= 0 && axis < x.length, `gather: axis ${axis} out of range for rank ${x.length}`);
  check(indices.length === numel(ishape) && indices.length > 0, `gather: ${indices.length} indices for an indices shape of [${ishape}]`);
  check(indices.every((i) => Number.isInteger(i) && i >= 0 && i < x[axis]), `gather: indices [${indices}] out of range for a dimension of ${x[axis]}`);
  return [[...x.slice(0, axis), ...ishape, ...x.slice(axis + 1)]];
}

/** x viewed as [outer, dim, inner]; y as [outer, indices, inner]. */
function gatherReference([x]: Tensor[], attrs: Attrs): Tensor[] {
  const axis = attrNumber(attrs, 'axis');
  const indices = attrInts(attrs, 'indices');
  const y = tensor(gatherShape([x.shape], attrs)[0]);
  const dim = x.shape[axis];
  const outer = numel(x.shape.slice(0, axis));
  const inner = numel(x.shape.slice(axis + 1));
  for (let o = 0; o < outer; o++) {
    indices.forEach((idx, k) => y.data.set(x.data.subarray((o * dim + idx) * inner, (o * dim + idx + 1) * inner), (o * indices.length + k) * inner));
  }
  return [y];
}

/** Gather-1, 11 and 13 (11 allows negative indices; 13 adds types). Negative indices count from the end. */
function convertGather(ctx: ImportContext): void {
  const shape = ctx.shape(0);
  const axis = normAxis(ctx.int('axis', 0), shape.length, 'Gather axis');
  const idx = ctx.constant(1, 'indices');
  const dim = shape[axis];
  if (idx.data.length === 0) ctx.fail(`indices of shape [${idx.shape}] are empty; tensors with a zero-sized dimension are not supported`);
  const indices = Array.from(idx.data, (raw) => {
    if (!Number.isInteger(raw) || raw < -dim || raw >= dim) ctx.fail(`index ${raw} is out of range for axis ${axis} of size ${dim} (allowed: ${-dim}..${dim - 1})`);
    return raw < 0 ? raw + dim : raw;
  });
  // Taking every index in order along the same axis changes nothing.
  if (idx.shape.length === 1 && indices.length === dim && indices.every((v, i) => v === i)) return ctx.alias(0, ctx.tensor(0));
  ctx.emit('gather', [ctx.tensor(0)], { axis, indices, indicesShape: [...idx.shape] }, 0);
}

function exportGather(nw: NodeWriter): void {
  const indices = nw.x.w.constant(nw.scope, longs(attrInts(nw.node.attrs, 'indices'), attrInts(nw.node.attrs, 'indicesShape', [])));
  nw.finish('Gather', [...nw.inputs(), indices], { axis: A.int(attrNumber(nw.node.attrs, 'axis')) });
}

export const GATHER: OpDef = {
  kind: 'gather',
  summary: 'y = x with axis `axis` indexed by constant indices (the axis replaced by the indices dims)',
  attrs: { axis: null, indices: null, indicesShape: [] },
  shape: gatherShape,
  reference: gatherReference,
  // Pure data movement.
  flops: () => 0,
  onnx: { converters: [{ opType: 'Gather', versions: [1, 11, 13], convert: convertGather }], export: exportGather },
};

export const GATHER_OPS: readonly OpDef[] = [GATHER];
