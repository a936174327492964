// GPU cases for transposed convolution, 1-D (NCL) pooling and cubic resize: odd sizes, batch
// > 1, strides 1-3, pads, dilations 1-3, groups, non-square kernels and every variant the
// programs specialize on. Pure data, shared by the vitest file and the page module.
import type { CaseInput, MiscCase } from './misc-cases';

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
  ];
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
