// Resize of NCHW feature maps with ONNX semantics (nearest, linear or cubic, every coordinate
// transformation), as three kinds: resize (to outSize, coordinates from out/in), resize_scaled
// (coordinates from the file's scale factors when they differ from out/in) and resize_add,
// resize fused with the skip add that follows it in U-Net decoders.
import { attrInts, attrNumber, attrString, type Attrs } from '../../graph/ir.js';
import { check, expectRank } from '../../graph/shape.js';
import { binary } from '../../reference/elementwise.js';
import type { NodeWriter } from '../../onnx/node-writer.js';
import { OnnxExportError } from '../../onnx/errors.js';
import { A, floats, type AttrValue } from '../../onnx/writer.js';
import type { OpDef } from '../types.js';
import { RESIZE_CONVERTERS } from './onnx.js';
import { resize, resizeScaled } from './reference.js';

// Per output: bilinear weighs and sums 4 taps (4 multiplies + 3 adds), bicubic 16 (16 + 15);
// nearest copies.
const FLOPS_PER_OUTPUT: Record<string, number> = { nearest: 0, linear: 7, cubic: 31 };

function resizeShape(inputs: number[][], attrs: Attrs): number[][] {
  const x = inputs[0];
  expectRank(x, 4, 'resize input');
  const [oh, ow] = attrInts(attrs, 'outSize');
  const mode = attrString(attrs, 'mode', 'linear');
  check(mode in FLOPS_PER_OUTPUT, `resize: mode '${mode}' is not one of nearest, linear, cubic`);
  return [[x[0], x[1], oh, ow]];
}

const resizeFlops = (attrs: Attrs, out: number): number => FLOPS_PER_OUTPUT[attrString(attrs, 'mode', 'linear')] * out;

/** Resize with scales when the ratio is whole (torch's scale_factor), else with sizes. */
function exportResize(nw: NodeWriter): void {
  const n = nw.node;
  const [x, skip] = nw.inputs();
  const [N, C, H, W] = nw.shape(n.inputs[0]);
  const [OH, OW] = attrInts(n.attrs, 'outSize');
  let scales: string;
  let sizes: string[] = [];
  if (n.op === 'resize_scaled') scales = nw.x.w.constant(nw.scope, floats([1, 1, ...attrInts(n.attrs, 'scales')]));
  else if (OH % H === 0 && OW % W === 0) scales = nw.x.w.constant(nw.scope, floats([1, 1, OH / H, OW / W]));
  else [scales, sizes] = ['', [nw.constInts([N, C, OH, OW])]];
  const mode = attrString(n.attrs, 'mode', 'linear');
  const coord = attrString(n.attrs, 'coord', 'half_pixel');
  if (coord === 'half_pixel_symmetric' && nw.opset < 19) throw new OnnxExportError(`node '${n.name}': coordinate_transformation_mode half_pixel_symmetric needs opset 19`);
  const attrs: Record<string, AttrValue> = {
    coordinate_transformation_mode: A.str(coord),
    cubic_coeff_a: A.float(attrNumber(n.attrs, 'cubicA', -0.75)),
    mode: A.str(mode),
    nearest_mode: A.str(attrString(n.attrs, 'nearestMode', mode === 'nearest' ? 'round_prefer_floor' : 'floor')),
  };
  if (attrNumber(n.attrs, 'excludeOutside', 0)) attrs.exclude_outside = A.int(1);
  if (n.op !== 'resize_add') return void nw.op('Resize', [x, '', scales, ...sizes], attrs, 'Resize', true);
  const y = nw.op('Resize', [x, '', scales, ...sizes], attrs);
  nw.finish('Add', [y, skip]);
}

const ATTRS = { outSize: null, mode: 'linear', coord: 'half_pixel', nearestMode: 'round_prefer_floor', cubicA: -0.75, excludeOutside: 0 };

export const RESIZE: OpDef = {
  kind: 'resize',
  summary: 'y = x resized to outSize [H, W] (nearest, linear or cubic, ONNX coordinate modes)',
  attrs: ATTRS,
  shape: resizeShape,
  reference: ([x], attrs) => [resize(x, attrs)],
  flops: (c) => resizeFlops(c.attrs, c.outElems),
  onnx: { converters: RESIZE_CONVERTERS, export: exportResize },
};

export const RESIZE_SCALED: OpDef = {
  kind: 'resize_scaled',
  summary: 'resize whose coordinate transform uses the given scales [sh, sw] rather than out/in',
  attrs: { ...ATTRS, scales: null },
  shape(inputs, attrs) {
    const scales = attrInts(attrs, 'scales');
    check(scales.length === 2 && scales.every((s) => s > 0), `resize_scaled: scales [${scales}] must be two positive numbers`);
    return resizeShape(inputs, attrs);
  },
  reference: ([x], attrs) => [resizeScaled(x, attrs)],
  flops: (c) => resizeFlops(c.attrs, c.outElems),
  onnx: { converters: [], formedBy: 'the Resize and Upsample converters (resize module)', export: exportResize },
};

export const RESIZE_ADD: OpDef = {
  kind: 'resize_add',
  summary: 'y = resize(x) + skip',
  attrs: ATTRS,
  shape(inputs, attrs) {
    const [out] = resizeShape(inputs, attrs);
    const skip = inputs[1];
    check(skip.join() === out.join(), `resize_add: resized [${out}] and skip [${skip}] differ`);
    return [out];
  },
  reference: ([x, skip], attrs) => [binary(resize(x, attrs), skip, (a, b) => a + b)],
  flops: (c) => resizeFlops(c.attrs, c.outElems) + c.outElems,
  inPlace: (pos) => (pos === 1 ? 'output[i] = resize(x)[...] + skip[i]: the skip operand is read only at index i; x lives in another buffer' : null),
  fusion: { prescale: () => true },
  onnx: { converters: [], formedBy: 'fuseResizeAdd', export: exportResize },
};

export const RESIZE_OPS: readonly OpDef[] = [RESIZE, RESIZE_SCALED, RESIZE_ADD];
