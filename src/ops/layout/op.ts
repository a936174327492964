// Layout ops: reshape (the Reshape/Flatten/Squeeze/Unsqueeze family, a relabel of a contiguous
// buffer), transpose, concat and pad (constant, edge, reflect, wrap), on any rank.
import { attrInts, attrNumber, attrString, numel, type Attrs } from '../../graph/ir.js';
import { check } from '../../graph/shape.js';
import { OnnxExportError } from '../../onnx/errors.js';
import { A, floats } from '../../onnx/writer.js';
import type { NodeWriter } from '../../onnx/node-writer.js';
import type { OnnxConverter, OpDef } from '../types.js';
import { LAYOUT_CONVERTERS } from './onnx.js';
import { PAD_MODES, padGeometry } from './pads.js';
import { concat, pad, transpose } from './reference.js';

const converters = (...types: string[]): OnnxConverter[] => LAYOUT_CONVERTERS.filter((c) => types.includes(c.opType));

// Pure data movement: no arithmetic.
const noFlops = (): number => 0;

function exportPad(nw: NodeWriter): void {
  const mode = attrString(nw.node.attrs, 'mode', 'constant');
  // Pad-19 added wrap; the exporter writes opsets 13..18.
  if (mode === 'wrap') throw new OnnxExportError(`node '${nw.node.name}': pad mode 'wrap' needs ONNX opset 19, above the opsets the exporter writes (13..18)`);
  const pads = nw.constInts(attrInts(nw.node.attrs, 'pads'));
  if (mode !== 'constant') return nw.finish('Pad', [...nw.inputs(), pads], { mode: A.str(mode) });
  const value = nw.x.w.constant(nw.scope, floats([attrNumber(nw.node.attrs, 'value', 0)], []));
  nw.finish('Pad', [...nw.inputs(), pads, value], { mode: A.str('constant') });
}

export const RESHAPE: OpDef = {
  kind: 'reshape',
  summary: 'y = x with another shape (same elements, same order)',
  attrs: { shape: null },
  shape([x], attrs) {
    const shape = attrInts(attrs, 'shape');
    check(numel(shape) === numel(x), `reshape: [${x}] has ${numel(x)} elements, target [${shape}] has ${numel(shape)}`);
    return [[...shape]];
  },
  reference: ([x], attrs) => [{ shape: attrInts(attrs, 'shape'), data: x.data }],
  flops: noFlops,
  onnx: { converters: converters('Reshape', 'Flatten', 'Squeeze', 'Unsqueeze'), export: (nw) => nw.finish('Reshape', [...nw.inputs(), nw.constInts(attrInts(nw.node.attrs, 'shape'))]) },
};

function transposeShape([x]: number[][], attrs: Attrs): number[][] {
  const perm = attrInts(attrs, 'perm');
  check(perm.length === x.length && [...perm].sort((a, b) => a - b).every((p, i) => p === i), `transpose: perm [${perm}] does not fit rank ${x.length}`);
  return [perm.map((p) => x[p])];
}

export const TRANSPOSE: OpDef = {
  kind: 'transpose',
  summary: 'y = x with its axes permuted by perm',
  attrs: { perm: null },
  shape: transposeShape,
  reference: ([x], attrs) => [transpose(x, attrs, transposeShape([x.shape], attrs)[0])],
  flops: noFlops,
  onnx: { converters: converters('Transpose'), export: (nw) => nw.finish('Transpose', nw.inputs(), { perm: A.ints(attrInts(nw.node.attrs, 'perm')) }) },
};

function concatShape(inputs: number[][], attrs: Attrs): number[][] {
  const axis = attrNumber(attrs, 'axis');
  const first = inputs[0];
  check(axis >= 0 && axis < first.length, `concat: axis ${axis} out of range for rank ${first.length}`);
  for (const s of inputs) check(s.length === first.length && s.every((d, i) => i === axis || d === first[i]), `concat: shapes [${first}] and [${s}] differ outside axis ${axis}`);
  const out = [...first];
  out[axis] = inputs.reduce((a, s) => a + s[axis], 0);
  return [out];
}

export const CONCAT: OpDef = {
  kind: 'concat',
  summary: 'y = the inputs joined along axis',
  attrs: { axis: null },
  shape: concatShape,
  reference: (inputs, attrs) => [concat(inputs, attrs, concatShape(inputs.map((t) => t.shape), attrs)[0])],
  flops: noFlops,
  onnx: { converters: converters('Concat'), export: (nw) => nw.finish('Concat', nw.inputs(), { axis: A.int(attrNumber(nw.node.attrs, 'axis')) }) },
};

/** pads as ONNX orders them: all begins, then all ends; negative values crop. */
function padShape([x]: number[][], attrs: Attrs): number[][] {
  const pads = attrInts(attrs, 'pads');
  const mode = attrString(attrs, 'mode', 'constant');
  check(pads.length === 2 * x.length, `pad: ${pads.length} pads for rank ${x.length}`);
  check((PAD_MODES as readonly string[]).includes(mode), `pad: mode '${mode}' is not one of ${PAD_MODES.join(', ')}`);
  const geo = padGeometry(x, pads);
  check(geo.inDim.every((d) => d >= 1), `pad: pads [${pads}] crop away all of a dimension of [${x}]`);
  return [geo.out];
}

export const PAD: OpDef = {
  kind: 'pad',
  summary: 'y = x padded with a constant, its edge values, its reflection or its wrap-around (negative pads crop)',
  attrs: { pads: null, value: 0, mode: 'constant' },
  shape: padShape,
  reference: ([x], attrs) => [pad(x, attrs, padShape([x.shape], attrs)[0])],
  flops: noFlops,
  onnx: { converters: converters('Pad'), export: exportPad },
};

export const LAYOUT_OPS: readonly OpDef[] = [RESHAPE, TRANSPOSE, CONCAT, PAD];
