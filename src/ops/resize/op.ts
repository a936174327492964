// Resize of NCHW feature maps with ONNX semantics (linear or nearest, every coordinate
// transformation), as three kinds: resize (to outSize, coordinates from out/in), resize_scaled
// (coordinates from the file's scale factors when they differ from out/in) and resize_add,
// resize fused with the skip add that follows it in U-Net decoders.
import { attrInts, attrString, type Attrs } from '../../graph/ir.js';
import { check, expectRank } from '../../graph/shape.js';
import { binary } from '../../reference/elementwise.js';
import type { NodeWriter } from '../../onnx/node-writer.js';
import { A, floats } from '../../onnx/writer.js';
import type { OpDef } from '../types.js';
import { RESIZE_CONVERTERS } from './onnx.js';
import { resize, resizeScaled } from './reference.js';

function resizeShape(inputs: number[][], attrs: Attrs): number[][] {
  const x = inputs[0];
  expectRank(x, 4, 'resize input');
  const [oh, ow] = attrInts(attrs, 'outSize');
  attrString(attrs, 'mode', 'linear');
  return [[x[0], x[1], oh, ow]];
}

// Bilinear: 4 taps weighted and summed (4 multiplies + 3 adds) per output; nearest copies.
const resizeFlops = (attrs: Attrs, out: number): number => (attrString(attrs, 'mode', 'linear') === 'nearest' ? 0 : 7 * out);

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
  const attrs = {
    coordinate_transformation_mode: A.str(attrString(n.attrs, 'coord', 'half_pixel')),
    cubic_coeff_a: A.float(-0.75),
    mode: A.str(mode),
    nearest_mode: A.str(attrString(n.attrs, 'nearestMode', mode === 'nearest' ? 'round_prefer_floor' : 'floor')),
  };
  if (n.op !== 'resize_add') return void nw.op('Resize', [x, '', scales, ...sizes], attrs, 'Resize', true);
  const y = nw.op('Resize', [x, '', scales, ...sizes], attrs);
  nw.finish('Add', [y, skip]);
}

const ATTRS = { outSize: null, mode: 'linear', coord: 'half_pixel', nearestMode: 'round_prefer_floor' };

export const RESIZE: OpDef = {
  kind: 'resize',
  summary: 'y = x resized to outSize [H, W] (linear or nearest, ONNX coordinate modes)',
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
