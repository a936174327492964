// ConvTranspose (opsets 1 and 11) -> conv_transpose with explicit pads. The pads come from the
// `pads` attribute, from `output_shape` (the total padding the requested size implies, split
// as the operator version says) or from auto_pad SAME_UPPER / SAME_LOWER (output = input *
// stride) / VALID; output_padding adds outputs at the end of each axis.
import type { ImportContext } from '../../onnx/context.js';
import type { NodeWriter } from '../../onnx/node-writer.js';
import { A } from '../../onnx/writer.js';
import { attrInts, attrNumber } from '../../graph/ir.js';
import { transposedLength } from './dims.js';

interface Axes {
  input: number[];
  kernel: number[];
  strides: number[];
  dilations: number[];
  outputPadding: number[];
}

/** Splits a total padding into [begin, end]: `moreAtEnd` puts the odd pixel at the end. */
function split(total: number, moreAtEnd: boolean): [number, number] {
  const small = Math.floor(total / 2);
  return moreAtEnd ? [small, total - small] : [total - small, small];
}

/** Natural output lengths (no pads) of every axis. */
const natural = (a: Axes): number[] => a.input.map((d, i) => transposedLength(d, a.kernel[i], a.strides[i], a.dilations[i], 0, 0, a.outputPadding[i]));

/**
 * Pads for a requested output_shape. A size beyond what the transposed conv produces without
 * padding adds outputs at the end of the axis that no tap reaches (as onnxruntime does and the
 * ONNX test test_convtranspose_output_shape expects): it becomes extra output_padding.
 */
function padsFromOutputShape(ctx: ImportContext, a: Axes, requested: number[], autoPad: string): number[] {
  const n = a.input.length;
  const xs = ctx.shape(0);
  // Spatial sizes only, or the whole shape (as onnxruntime also accepts).
  const target = requested.length === n + 2 ? requested.slice(2) : requested;
  if (target.length !== n) ctx.fail(`output_shape [${requested}] needs ${n} spatial sizes for input [${xs}]`);
  if (target.some((t) => !(t >= 1))) ctx.fail(`output_shape [${requested}] must be positive`);
  // ConvTranspose-11 puts the odd pixel at the end for SAME_UPPER and at the beginning
  // otherwise; ConvTranspose-1 wrote the opposite.
  const moreAtEnd = ctx.opset >= 11 ? autoPad === 'SAME_UPPER' : autoPad !== 'SAME_UPPER';
  const full = natural(a);
  const pairs = target.map((t, i) => {
    const total = full[i] - t;
    if (total < 0) a.outputPadding[i] -= total;
    return split(Math.max(0, total), moreAtEnd);
  });
  return [...pairs.map((p) => p[0]), ...pairs.map((p) => p[1])];
}

function resolvePads(ctx: ImportContext, a: Axes): number[] {
  const n = a.input.length;
  const autoPad = ctx.str('auto_pad', 'NOTSET');
  if (!['NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID'].includes(autoPad)) ctx.fail(`auto_pad '${autoPad}' is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID`);
  const outputShape = ctx.optInts('output_shape');
  if (outputShape) return padsFromOutputShape(ctx, a, outputShape, autoPad);
  if (autoPad === 'VALID') return new Array<number>(2 * n).fill(0);
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    // Output = input * stride; when the kernel is too small to reach it there is nothing to
    // crop and the output stays at its natural size (as onnxruntime does).
    const full = natural(a);
    const pairs = a.input.map((d, i) => split(Math.max(0, full[i] - d * a.strides[i]), autoPad === 'SAME_UPPER'));
    return [...pairs.map((p) => p[0]), ...pairs.map((p) => p[1])];
  }
  const pads = ctx.optInts('pads') ?? new Array<number>(2 * n).fill(0);
  if (pads.length !== 2 * n) ctx.fail(`pads [${pads}] need ${2 * n} values`);
  if (pads.some((p) => p < 0)) ctx.fail(`pads [${pads}] must not be negative`);
  return pads;
}

export function convertConvTranspose(ctx: ImportContext): void {
  const xs = ctx.shape(0);
  if (xs.length !== 3 && xs.length !== 4) ctx.fail(`only 1-D (NCL) and 2-D (NCHW) transposed convolution is supported; input has shape [${xs}]`);
  const ws = ctx.shape(1);
  if (ws.length !== xs.length) ctx.fail(`weight shape [${ws}] does not match the rank of input [${xs}]`);
  const n = xs.length - 2;
  const kernel = ctx.ints('kernel_shape', ws.slice(2));
  if (kernel.join() !== ws.slice(2).join()) ctx.fail(`kernel_shape [${kernel}] disagrees with weight shape [${ws}]`);
  const group = ctx.int('group', 1);
  if (xs[1] !== ws[0] || ws[0] % group !== 0) ctx.fail(`input [${xs}] and weight [${ws}] (input channels first) do not agree for group ${group}`);
  const a: Axes = {
    input: xs.slice(2),
    kernel,
    strides: ctx.ints('strides', new Array<number>(n).fill(1)),
    dilations: ctx.ints('dilations', new Array<number>(n).fill(1)),
    outputPadding: ctx.ints('output_padding', new Array<number>(n).fill(0)),
  };
  for (const [k, v] of Object.entries({ strides: a.strides, dilations: a.dilations, output_padding: a.outputPadding })) {
    if (v.length !== n) ctx.fail(`${k} [${v}] needs ${n} value(s) for input [${xs}]`);
  }
  a.outputPadding.forEach((p, i) => {
    if (p < 0 || (p >= a.strides[i] && p >= a.dilations[i])) ctx.fail(`output_padding [${a.outputPadding}] must be below the stride or the dilation of each axis (strides [${a.strides}], dilations [${a.dilations}])`);
  });
  const pads = resolvePads(ctx, a);
  const inputs = [ctx.tensor(0), ctx.tensor(1), ...(ctx.has(2) ? [ctx.tensor(2)] : [])];
  ctx.emit('conv_transpose', inputs, { group, strides: a.strides, pads, dilations: a.dilations, output_padding: a.outputPadding }, 0);
}

/** As torch.onnx.export writes ConvTranspose{1,2}d: explicit pads and output_padding. */
export function exportConvTranspose(nw: NodeWriter): void {
  const n = nw.node;
  const ws = nw.shape(n.inputs[1]);
  const k = ws.length - 2;
  const ints = (key: string, fill: number, len = k) => A.ints(attrInts(n.attrs, key, new Array<number>(len).fill(fill)));
  nw.finish('ConvTranspose', nw.inputs(), {
    dilations: ints('dilations', 1),
    group: A.int(attrNumber(n.attrs, 'group', 1)),
    kernel_shape: A.ints(ws.slice(2)),
    output_padding: ints('output_padding', 0),
    pads: ints('pads', 0, 2 * k),
    strides: ints('strides', 1),
  });
}
