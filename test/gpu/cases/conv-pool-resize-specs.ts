// GPU cases for transposed convolution, 1-D (NCL) pooling and cubic resize: odd sizes, batch
// > 1, strides 1-3, pads, dilations 1-3, groups, non-square kernels and every variant the
// programs specialize on. Pure data, shared by the vitest file and the page module.
import type { CaseInput, MiscCase } from './misc-cases';
import { realTaps } from '../../../src/ops/conv-transpose/dims';

const x = (shape: number[]): CaseInput => ({ name: 'x', shape });
const w = (name: string, shape: number[], range: [number, number] = [-0.5, 0.5]): CaseInput => ({ name, shape, weight: true, range });

interface TransposeSpec {
  N: number;
  C: number;
  /** [H, W], or [L] for the 1-D form. */
  size: number[];
  OC: number;
  K: number[];
  group?: number;
  strides?: number[];
  pads?: number[];
  dilations?: number[];
  outputPadding?: number[];
  bias?: boolean;
}

function transpose(name: string, s: TransposeSpec): MiscCase {
  const group = s.group ?? 1;
  const attrs: MiscCase['attrs'] = { group };
  if (s.strides) attrs.strides = s.strides;
  if (s.pads) attrs.pads = s.pads;
  if (s.dilations) attrs.dilations = s.dilations;
  if (s.outputPadding) attrs.output_padding = s.outputPadding;
  return {
    name: `conv_transpose ${name}`,
    op: 'conv_transpose',
    inputs: [x([s.N, s.C, ...s.size]), w('w', [s.C, s.OC / group, ...s.K]), ...(s.bias ? [w('b', [s.OC])] : [])],
    attrs,
    kernel: 'conv_transpose',
  };
}

export function convTransposeCases(): MiscCase[] {
  return [
    transpose('U-Net k2 s2 b2 6->5 13x10 bias', { N: 2, C: 6, size: [13, 10], OC: 5, K: [2, 2], strides: [2, 2], bias: true }),
    transpose('U-Net k3 s2 p1 op1 5->3 7x9', { N: 1, C: 5, size: [7, 9], OC: 3, K: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], outputPadding: [1, 1], bias: true }),
    transpose('k3 s1 p1 4->4 11x6', { N: 1, C: 4, size: [11, 6], OC: 4, K: [3, 3], pads: [1, 1, 1, 1] }),
    transpose('k3x2 s(3,2) d(2,3) g2 asym pads op(1,2) b3', { N: 3, C: 4, size: [5, 7], OC: 6, K: [3, 2], group: 2, strides: [3, 2], pads: [2, 0, 1, 3], dilations: [2, 3], outputPadding: [1, 2], bias: true }),
    transpose('depthwise k4 s2 p1 c3 9x9', { N: 2, C: 3, size: [9, 9], OC: 3, K: [4, 4], group: 3, strides: [2, 2], pads: [1, 1, 1, 1] }),
    transpose('k5 s3 d1 p2 2->7 6x5 (OW < 4 per phase)', { N: 1, C: 2, size: [6, 5], OC: 7, K: [5, 5], strides: [3, 3], pads: [2, 2, 2, 2], bias: true }),
    transpose('k1 s2 (outputs no tap reaches) 3->2 4x5', { N: 1, C: 3, size: [4, 5], OC: 2, K: [1, 1], strides: [2, 2], outputPadding: [1, 1], bias: true }),
    transpose('k2x3 s(1,3) d(3,1) 3->4 8x3', { N: 2, C: 3, size: [8, 3], OC: 4, K: [2, 3], strides: [1, 3], dilations: [3, 1], pads: [0, 1, 1, 0] }),
    transpose('1-D k4 s2 p1 b2 4->6 L37 bias', { N: 2, C: 4, size: [37], OC: 6, K: [4], strides: [2], pads: [1, 1], bias: true }),
    transpose('1-D k5 s3 d2 g2 op1 L10', { N: 1, C: 4, size: [10], OC: 2, K: [5], group: 2, strides: [3], dilations: [2], pads: [2, 4], outputPadding: [1] }),
    transpose('k2 s2 32->16 20x28 (U-Net decoder)', { N: 1, C: 32, size: [20, 28], OC: 16, K: [2, 2], strides: [2, 2], bias: true }),
    // Channel tiles of 4, 2 and 1 (OC / group 12, 6, 3), across group boundaries.
    transpose('k3 s2 p1 g2 8->24 (tile 4) b2 6x7', { N: 2, C: 8, size: [6, 7], OC: 24, K: [3, 3], group: 2, strides: [2, 2], pads: [1, 1, 1, 1], bias: true }),
    transpose('k3 s2 g3 6->18 (tile 2) 5x5', { N: 1, C: 6, size: [5, 5], OC: 18, K: [3, 3], group: 3, strides: [2, 2], outputPadding: [1, 0], bias: true }),
    // Register tiles: partial channel tiles (OC / group 20), several column spans, batch > 1.
    transpose('k2 s2 b2 8->20 9x23 bias (tile 16 + 4)', { N: 2, C: 8, size: [9, 23], OC: 20, K: [2, 2], strides: [2, 2], bias: true }),
    transpose('k3 s2 d2 p2 op1 8->8 6x19 (U-Net)', { N: 1, C: 8, size: [6, 19], OC: 8, K: [3, 3], strides: [2, 2], pads: [2, 2, 2, 2], dilations: [2, 2], outputPadding: [1, 1], bias: true }),
    transpose('k2 s3 d2 g2 4->6 (tile 1) 4x6', { N: 1, C: 4, size: [4, 6], OC: 6, K: [2, 2], group: 2, strides: [3, 3], dilations: [2, 2] }),
  ];
}

/** unet_convtranspose_160x224's transposed convs, with their multiply-add flops (2 per input value and tap that lands in the output). */
export function unetTransposeCases(): { spec: MiscCase; flops: number }[] {
  const cases: [string, TransposeSpec][] = [
    ['unet k2 s2 32->24 @20x28', { N: 1, C: 32, size: [20, 28], OC: 24, K: [2, 2], strides: [2, 2], bias: true }],
    ['unet k3 s2 p1 op1 g4 24->16 @40x56', { N: 1, C: 24, size: [40, 56], OC: 16, K: [3, 3], group: 4, strides: [2, 2], pads: [1, 1, 1, 1], outputPadding: [1, 1], bias: true }],
    ['unet k3 s2 d2 p2 op1 16->8 @80x112', { N: 1, C: 16, size: [80, 112], OC: 8, K: [3, 3], strides: [2, 2], pads: [2, 2, 2, 2], dilations: [2, 2], outputPadding: [1, 1], bias: true }],
  ];
  return cases.map(([name, s]) => {
    const [H, W] = s.size;
    const [sh, sw] = s.strides ?? [1, 1];
    const [dh, dw] = s.dilations ?? [1, 1];
    const p = s.pads ?? [0, 0, 0, 0];
    const op = s.outputPadding ?? [0, 0];
    const OH = (H - 1) * sh + (s.K[0] - 1) * dh + 1 - p[0] - p[2] + op[0];
    const OW = (W - 1) * sw + (s.K[1] - 1) * dw + 1 - p[1] - p[3] + op[1];
    const taps = realTaps(H, s.K[0], sh, dh, p[0], OH) * realTaps(W, s.K[1], sw, dw, p[1], OW);
    return { spec: transpose(name, s), flops: 2 * s.N * s.C * (s.OC / (s.group ?? 1)) * taps };
  });
}

export function ncPoolCases(): MiscCase[] {
  const p = (name: string, op: string, shape: number[], attrs: MiscCase['attrs']): MiscCase => ({ name, op, inputs: [x(shape)], attrs, kernel: 'pool2d' });
  return [
    p('maxpool1d k3 s2 p1 2x5x37', 'maxpool2d', [2, 5, 37], { kernel: [3], strides: [2], pads: [1, 1] }),
    p('maxpool1d k2 s2 (1-D 2x2 is no 2x2 fast path) 1x3x16', 'maxpool2d', [1, 3, 16], { kernel: [2], strides: [2] }),
    p('maxpool1d k3 s3 d2 ceil 2x3x20', 'maxpool2d', [2, 3, 20], { kernel: [3], strides: [3], dilations: [2], ceil_mode: 1 }),
    p('avgpool1d k3 s1 p1 exclude 3x4x11', 'avgpool2d', [3, 4, 11], { kernel: [3], strides: [1], pads: [1, 1] }),
    p('avgpool1d k4 s2 p(2,1) include 2x3x19', 'avgpool2d', [2, 3, 19], { kernel: [4], strides: [2], pads: [2, 1], count_include_pad: 1 }),
    p('avgpool1d k3 s2 ceil include 1x2x10', 'avgpool2d', [1, 2, 10], { kernel: [3], strides: [2], pads: [1, 0], ceil_mode: 1, count_include_pad: 1 }),
  ];
}

const COORDS = ['align_corners', 'half_pixel', 'asymmetric', 'pytorch_half_pixel', 'tf_half_pixel_for_nn'];

export function cubicResizeCases(): MiscCase[] {
  const out: MiscCase[] = [];
  const r = (name: string, op: string, shape: number[], attrs: MiscCase['attrs'], extra: CaseInput[] = [], kernel?: string): MiscCase => ({
    name,
    op,
    inputs: [x(shape), ...extra],
    attrs: { mode: 'cubic', cubicA: -0.75, excludeOutside: 0, ...attrs },
    kernel,
  });
  for (const coord of COORDS) {
    out.push(r(`resize cubic ${coord} up 2x3x5x7->11x16`, 'resize', [2, 3, 5, 7], { outSize: [11, 16], coord }, [], 'resize'));
    out.push(r(`resize cubic ${coord} down 1x2x9x8->4x3`, 'resize', [1, 2, 9, 8], { outSize: [4, 3], coord }, [], 'resize'));
    out.push(r(`resize_scaled cubic ${coord} 0.6 x 1.7 2x2x9x7->5x11`, 'resize_scaled', [2, 2, 9, 7], { outSize: [5, 11], scales: [0.6, 1.7], coord }, [], 'onnx_resize_scaled'));
  }
  const s = (n: number, c: number): CaseInput => ({ name: 's', shape: [n, c, 1, 1], range: [0, 1] });
  out.push(r('resize cubic A -0.5 exclude_outside 1x3x6x5->13x9', 'resize', [1, 3, 6, 5], { outSize: [13, 9], cubicA: -0.5, excludeOutside: 1 }, [], 'resize'));
  out.push(r('resize cubic exclude_outside down 2x2x11x13->4x5', 'resize', [2, 2, 11, 13], { outSize: [4, 5], excludeOutside: 1, coord: 'half_pixel' }, [], 'resize'));
  out.push(r('resize cubic 1x1 spatial -> 3x4', 'resize', [2, 3, 1, 1], { outSize: [3, 4] }, [], 'resize'));
  out.push(r('resize cubic 2x align_corners (no 2x fast path) 1x4x8x8', 'resize', [1, 4, 8, 8], { outSize: [16, 16], coord: 'align_corners' }, [], 'resize'));
  out.push({ ...r('resize cubic prescale 2x3x5x6->10x12', 'resize', [2, 3, 5, 6], { outSize: [10, 12], prescale: true }, [s(2, 3)], 'resize') });
  out.push(r('resize_add cubic 1x3x5x5->9x8', 'resize_add', [1, 3, 5, 5], { outSize: [9, 8], coord: 'pytorch_half_pixel' }, [{ name: 'skip', shape: [1, 3, 9, 8] }], 'resize'));
  out.push(r('resize_scaled cubic A -0.5 exclude 1x2x6x6->4x10', 'resize_scaled', [1, 2, 6, 6], { outSize: [4, 10], scales: [0.7, 1.7], cubicA: -0.5, excludeOutside: 1 }, [], 'onnx_resize_scaled'));
  for (const mode of ['cubic', 'linear', 'nearest']) {
    out.push(r(`resize_scaled ${mode} half_pixel_symmetric 2x2x7x9->4x11`, 'resize_scaled', [2, 2, 7, 9], { outSize: [4, 11], scales: [0.7, 1.3], coord: 'half_pixel_symmetric', mode }, [], 'onnx_resize_scaled'));
  }
  return out;
}
