// conv_transpose: grouped, strided, padded, dilated transposed convolution (ONNX ConvTranspose,
// PyTorch ConvTranspose1d / ConvTranspose2d) of NCHW or NCL input with [C, OC / group, k...]
// weights and an optional bias; pads are explicit (the converter resolves output_shape and
// auto_pad), output_padding extends the end of each axis.
import type { Graph, Node } from '../../graph/ir.js';
import { check } from '../../graph/shape.js';
import type { OpDef } from '../types.js';
import { convTransposeDims, convTransposeOutShape, realTaps } from './dims.js';
import { convertConvTranspose, exportConvTranspose } from './onnx.js';
import { convTranspose } from './reference.js';

export const CONV_TRANSPOSE: OpDef = {
  kind: 'conv_transpose',
  summary: 'y = conv_transpose(x, w) + b, NCHW or NCL, grouped, strided, padded, dilated, output_padding',
  attrs: { group: 1, strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1], output_padding: [0, 0] },
  shape([x, w, bias], attrs) {
    const d = convTransposeDims(x, w, attrs);
    check(!bias || (bias.length === 1 && bias[0] === d.OC), `conv_transpose: bias [${bias}] must be [${d.OC}]`);
    return [convTransposeOutShape(d)];
  },
  reference: ([x, w, b], attrs) => [convTranspose(x, w, b, attrs)],
  // A multiply-add per (input value, tap) that lands inside the output (taps cropped by the
  // pads, and outputs no tap reaches, cost nothing), plus the bias add per output.
  flops(c) {
    const d = convTransposeDims(c.inputs[0], c.inputs[1], c.attrs);
    const rows = realTaps(d.H, d.KH, d.strides[0], d.dilations[0], d.pads[0], d.OH);
    const cols = realTaps(d.W, d.KW, d.strides[1], d.dilations[1], d.pads[1], d.OW);
    return 2 * d.N * d.OC * (d.C / d.group) * rows * cols + (c.inputs[2] ? c.outElems : 0);
  },
  kernelClass: (_node: Node, _g: Graph) => 'conv_transpose',
  onnx: { converters: [{ opType: 'ConvTranspose', versions: [1, 11], convert: convertConvTranspose }], export: exportConvTranspose },
};

export const CONV_TRANSPOSE_OPS: readonly OpDef[] = [CONV_TRANSPOSE];
