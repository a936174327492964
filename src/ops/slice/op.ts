// Slice on runtime data, in the canonical form the converters normalize every ONNX Slice and
// Split part to: per axis of the input, the first element, the step (negative walks backward)
// and how many elements are taken. Output shape = counts.
import { attrInts, type Attrs } from '../../graph/ir.js';
import { check } from '../../graph/shape.js';
import { forEachIndex } from '../../reference/elementwise.js';
import { stridesOf, tensor, type Tensor } from '../../reference/tensor.js';
import type { NodeWriter } from '../../onnx/node-writer.js';
import type { OpDef } from '../types.js';
import { SLICE_CONVERTERS } from './onnx.js';

function sliceShape([x]: number[][], attrs: Attrs): number[][] {
  const starts = attrInts(attrs, 'starts');
  const steps = attrInts(attrs, 'steps');
  const counts = attrInts(attrs, 'counts');
  check(starts.length === x.length && steps.length === x.length && counts.length === x.length, `slice: starts/steps/counts [${starts}]/[${steps}]/[${counts}] need one value per dim of [${x}]`);
  x.forEach((n, d) => {
    const lastIndex = starts[d] + (counts[d] - 1) * steps[d];
    check(steps[d] !== 0 && counts[d] >= 1 && starts[d] >= 0 && starts[d] < n && lastIndex >= 0 && lastIndex < n, `slice: dim ${d} of [${x}] cannot take ${counts[d]} elements from ${starts[d]} in steps of ${steps[d]}`);
  });
  return [[...counts]];
}

function sliceReference([x]: Tensor[], attrs: Attrs): Tensor[] {
  const starts = attrInts(attrs, 'starts');
  const steps = attrInts(attrs, 'steps');
  const y = tensor(sliceShape([x.shape], attrs)[0]);
  const st = stridesOf(x.shape);
  forEachIndex(y.shape, (i, c) => {
    let off = 0;
    for (let d = 0; d < c.length; d++) off += (starts[d] + c[d] * steps[d]) * st[d];
    y.data[i] = x.data[off];
  });
  return [y];
}

/** As torch.onnx.export writes a slice: Slice-10+ inputs, only the axes that change. */
function exportSlice(nw: NodeWriter): void {
  const [x] = nw.inputs();
  const shape = nw.shape(nw.node.inputs[0]);
  const starts = attrInts(nw.node.attrs, 'starts');
  const steps = attrInts(nw.node.attrs, 'steps');
  const counts = attrInts(nw.node.attrs, 'counts');
  const axes = shape.map((_, d) => d).filter((d) => !(starts[d] === 0 && steps[d] === 1 && counts[d] === shape[d]));
  if (axes.length === 0) return nw.finish('Identity', [x]);
  // A backward slice that reaches element 0 ends "before the start": INT64_MIN, as the spec advises.
  const end = (d: number) => (steps[d] < 0 && starts[d] + counts[d] * steps[d] < 0 ? -(2 ** 63) : starts[d] + counts[d] * steps[d]);
  const ints = (f: (d: number) => number) => nw.constInts(axes.map(f));
  nw.finish('Slice', [x, ints((d) => starts[d]), ints(end), ints((d) => d), ints((d) => steps[d])]);
}

export const SLICE: OpDef = {
  kind: 'slice',
  summary: 'y = x[starts + k * steps] per axis, counts elements each (ONNX Slice and the parts of Split)',
  attrs: { starts: null, steps: null, counts: null },
  shape: sliceShape,
  reference: sliceReference,
  // Pure data movement.
  flops: () => 0,
  onnx: { converters: SLICE_CONVERTERS, export: exportSlice },
};

export const SLICE_OPS: readonly OpDef[] = [SLICE];

