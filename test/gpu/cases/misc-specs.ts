// The misc-kernel test cases: awkward shapes (batch > 1, channels not a multiple of 4, odd
// and 1x1 planes), every attribute combination the kernels specialize on, and two large
// reductions. Pure data, shared by the vitest file and the page module.
import type { CaseInput, MiscCase } from './misc-cases';

const x = (shape: number[], range?: [number, number]): CaseInput => ({ name: 'x', shape, range });
const w = (name: string, shape: number[], range?: [number, number]): CaseInput => ({ name, shape, weight: true, range });
/** A per-(n, c) prescale input for x of shape [N, C, ...]; negative values exercise max/min. */
const scale = (n: number, c: number): CaseInput => ({ name: 's', shape: [n, c, 1, 1], range: [-1.5, 1.5] });

export function reduceCases(): MiscCase[] {
  const r = (name: string, shape: number[], extra: CaseInput[] = [], attrs = {}): MiscCase => ({ name, op: 'reduce_mean_hw', inputs: [x(shape), ...extra], attrs });
  return [
    r('reduce 2x3x5x7', [2, 3, 5, 7]),
    r('reduce 3x5x1x1', [3, 5, 1, 1]),
    r('reduce 1x6x6x6 prescale', [1, 6, 6, 6], [scale(1, 6)], { prescale: true }),
    // Planes above 256 elements take the subgroup path (when present): odd, vec4, and past
    // 4096 (the workgroup tree without subgroups).
    r('reduce 2x3x17x19', [2, 3, 17, 19]),
    r('reduce 2x5x24x24 prescale', [2, 5, 24, 24], [scale(2, 5)], { prescale: true }),
    r('reduce 1x3x65x67', [1, 3, 65, 67]),
    r('reduce 2x3x512x512', [2, 3, 512, 512]),
    r('reduce 8x192x16x16', [8, 192, 16, 16]),
    r('reduce 8x192x20x20', [8, 192, 20, 20]),
    // Post-ReLU data, as in the network: a mean far from zero checks accumulation drift.
    { name: 'reduce 1x2x512x512 positive', op: 'reduce_mean_hw', inputs: [x([1, 2, 512, 512], [0, 1])], attrs: {} },
  ];
}

function gateCases(): MiscCase[] {
  const g = (n: number, c: number, b: number): MiscCase => ({
    name: `prcm_gate n${n} c${c} b${b}`,
    op: 'prcm_gate',
    inputs: [x([n, c, 1, 1]), w('basis', [b, c]), w('fuser', [c, b])],
    attrs: {},
  });
  // B = 65 exceeds the workgroup-memory variant and takes the recompute path.
  return [g(1, 24, 8), g(3, 7, 8), g(8, 192, 8), g(2, 5, 3), g(2, 12, 65)];
}

function poolCases(): MiscCase[] {
  const p = (name: string, op: string, shape: number[], attrs: Record<string, number | number[]>, pre = false): MiscCase => ({
    name,
    op,
    inputs: [x(shape), ...(pre ? [scale(shape[0], shape[1])] : [])],
    attrs: pre ? { ...attrs, prescale: true } : attrs,
  });
  const k2 = { kernel: [2, 2], strides: [2, 2] };
  const fast = (c: MiscCase): MiscCase => ({ ...c, kernel: 'maxpool2x2' });
  return [
    fast(p('maxpool 2x2 2x5x16x16', 'maxpool2d', [2, 5, 16, 16], k2)),
    fast(p('maxpool 2x2 2x3x8x24 prescale', 'maxpool2d', [2, 3, 8, 24], k2, true)),
    fast(p('maxpool 2x2 1x3x6x64 prescale', 'maxpool2d', [1, 3, 6, 64], k2, true)),
    fast(p('maxpool 2x2 1x3x7x9 odd', 'maxpool2d', [1, 3, 7, 9], k2, true)),
    fast(p('maxpool 2x2 1x2x6x6 ceil', 'maxpool2d', [1, 2, 6, 6], { ...k2, ceil_mode: 1 })),
    { ...p('maxpool 2x2 1x2x7x5 ceil', 'maxpool2d', [1, 2, 7, 5], { ...k2, ceil_mode: 1 }), kernel: 'pool2d' },
    p('maxpool 3x3 s2 p1 2x3x9x10', 'maxpool2d', [2, 3, 9, 10], { kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }),
    p('maxpool 3x2 s(2,1) d(2,2) p(1,0,2,1) ceil', 'maxpool2d', [1, 3, 11, 8], { kernel: [3, 2], strides: [2, 1], pads: [1, 0, 2, 1], dilations: [2, 2], ceil_mode: 1 }, true),
    p('maxpool 1x1 spatial k1', 'maxpool2d', [2, 3, 1, 1], { kernel: [1, 1], strides: [1, 1] }),
    p('avgpool 3x3 s2 p1 exclude', 'avgpool2d', [2, 3, 9, 10], { kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }),
    p('avgpool 3x3 s2 p1 include', 'avgpool2d', [2, 3, 9, 10], { kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], count_include_pad: 1 }),
    p('avgpool 3x3 s2 ceil include', 'avgpool2d', [1, 5, 8, 7], { kernel: [3, 3], strides: [2, 2], pads: [1, 1, 0, 0], ceil_mode: 1, count_include_pad: 1 }, true),
    p('avgpool 2x2 ceil exclude', 'avgpool2d', [1, 2, 5, 5], { kernel: [2, 2], strides: [2, 2], ceil_mode: 1 }),
  ];
}

const COORDS = ['align_corners', 'half_pixel', 'asymmetric', 'pytorch_half_pixel', 'tf_half_pixel_for_nn'];
const RULES = ['round_prefer_floor', 'round_prefer_ceil', 'floor', 'ceil'];

function resizeCases(): MiscCase[] {
  const out: MiscCase[] = [];
  const r = (name: string, shape: number[], outSize: number[], attrs: Record<string, string>, extra: CaseInput[] = [], op = 'resize', pre = false): MiscCase => ({
    name,
    op,
    inputs: [x(shape), ...extra, ...(pre ? [scale(shape[0], shape[1])] : [])],
    attrs: { outSize, ...attrs, ...(pre ? { prescale: true } : {}) },
  });
  for (const coord of COORDS) {
    out.push(r(`resize linear ${coord} up 2x3x5x7->11x16`, [2, 3, 5, 7], [11, 16], { mode: 'linear', coord }));
    out.push(r(`resize linear ${coord} down 1x2x9x8->4x3`, [1, 2, 9, 8], [4, 3], { mode: 'linear', coord }));
    out.push(r(`resize nearest ${coord} up 1x3x4x6->8x12`, [1, 3, 4, 6], [8, 12], { mode: 'nearest', coord }));
  }
  for (const rule of RULES) {
    out.push(r(`resize nearest half_pixel ${rule} 2x2x5x6->9x15`, [2, 2, 5, 6], [9, 15], { mode: 'nearest', coord: 'half_pixel', nearestMode: rule }));
    out.push(r(`resize nearest asymmetric ${rule} down 1x2x10x9->4x6`, [1, 2, 10, 9], [4, 6], { mode: 'nearest', coord: 'asymmetric', nearestMode: rule }));
  }
  const ac = { mode: 'linear', coord: 'align_corners' };
  out.push(r('resize 1x1 spatial -> 3x4', [2, 3, 1, 1], [3, 4], ac));
  out.push(r('resize 2x -> 1x1', [1, 2, 4, 4], [1, 1], ac));
  const fast = (c: MiscCase): MiscCase => ({ ...c, kernel: 'resize2x_ac' });
  const skip = (shape: number[]): CaseInput => ({ name: 'skip', shape });
  out.push(fast(r('resize 2x align_corners 2x5x8x8 prescale', [2, 5, 8, 8], [16, 16], ac, [], 'resize', true)));
  out.push(fast(r('resize_add 2x align_corners 2x5x8x8', [2, 5, 8, 8], [16, 16], ac, [skip([2, 5, 16, 16])], 'resize_add')));
  out.push(fast(r('resize_add 2x align_corners 2x3x5x6 prescale', [2, 3, 5, 6], [10, 12], ac, [skip([2, 3, 10, 12])], 'resize_add', true)));
  out.push(fast(r('resize_add 2x align_corners 1x3x1x2', [1, 3, 1, 2], [2, 4], ac, [skip([1, 3, 2, 4])], 'resize_add')));
  out.push(fast(r('resize_add 2x align_corners 1x2x20x12 (2 row chunks)', [1, 2, 20, 12], [40, 24], ac, [skip([1, 2, 40, 24])], 'resize_add', true)));
  out.push({ ...r('resize_add 2x align_corners 1x3x7x5 prescale (odd W)', [1, 3, 7, 5], [14, 10], ac, [skip([1, 3, 14, 10])], 'resize_add', true), kernel: 'resize' });
  out.push(r('resize_add 2x align_corners 1x6x1x1', [1, 6, 1, 1], [2, 2], ac, [skip([1, 6, 2, 2])], 'resize_add', true));
  out.push(r('resize_add nearest half_pixel 1x3x5x5->9x9', [1, 3, 5, 5], [9, 9], { mode: 'nearest', coord: 'half_pixel' }, [skip([1, 3, 9, 9])], 'resize_add'));
  return out;
}

function binaryCases(): MiscCase[] {
  const b = (name: string, op: string, sa: number[], sb: number[], attrs: Record<string, string | boolean> = {}, pre = false): MiscCase => ({
    name,
    op,
    inputs: [{ name: 'a', shape: sa }, { name: 'b', shape: sb, range: op === 'div' ? [0.5, 2] : undefined }, ...(pre ? [scale(sa[0], sa[1])] : [])],
    attrs: pre ? { ...attrs, prescale: true } : attrs,
  });
  return [
    b('add same 2x3x5x7', 'add', [2, 3, 5, 7], [2, 3, 5, 7]),
    b('add same 2x6x4x4 prescale', 'add', [2, 6, 4, 4], [2, 6, 4, 4], {}, true),
    b('add same 1x3x5x5 prescale relu', 'add', [1, 3, 5, 5], [1, 3, 5, 5], { activation: 'relu' }, true),
    b('sub per-nc 2x3x4x6 - 2x3x1x1', 'sub', [2, 3, 4, 6], [2, 3, 1, 1]),
    b('mul per-c 2x5x3x3 * 1x5x1x1', 'mul', [2, 5, 3, 3], [1, 5, 1, 1]),
    b('div scalar 2x3x4x4 / [1]', 'div', [2, 3, 4, 4], [1]),
    b('sub per-c reversed 5x1x1 - 2x5x4x4', 'sub', [1, 5, 1, 1], [2, 5, 4, 4]),
    b('div scalar reversed [] / 2x3x3x3', 'div', [], [2, 3, 3, 3]),
    b('mul per-nc prescale relu', 'mul', [2, 3, 8, 8], [2, 3, 1, 1], { activation: 'relu' }, true),
    b('add generic 2x1x5 + 3x1', 'add', [2, 1, 5], [3, 1]),
    b('mul generic 2x3x1x7 * 1x1x4x1', 'mul', [2, 3, 1, 7], [1, 1, 4, 1]),
    b('sub generic rank6', 'sub', [2, 1, 3, 1, 2, 3], [1, 2, 1, 4, 1, 3]),
    b('add generic prescale 2x3x4x5 + 5', 'add', [2, 3, 4, 5], [5], {}, true),
    b('div same rank2 7x9', 'div', [7, 9], [7, 9]),
  ];
}

function unaryCases(): MiscCase[] {
  const u = (op: string, shape: number[], pre = false): MiscCase => ({
    name: `${op} ${shape.join('x')}${pre ? ' prescale' : ''}`,
    op,
    inputs: [{ name: 'x', shape, range: [-6, 6] }, ...(pre ? [scale(shape[0], shape[1])] : [])],
    attrs: pre ? { prescale: true } : {},
  });
  return [u('relu', [2, 3, 5, 7]), u('relu', [2, 3, 4, 4], true), u('sigmoid', [2, 5, 3, 3], true), u('sigmoid', [1, 4, 8, 8]), u('identity', [3, 7]), u('identity', [1, 3, 2, 2], true)];
}

function batchnormCases(): MiscCase[] {
  const bn = (shape: number[]): MiscCase => {
    const c = shape[1];
    return {
      name: `batchnorm ${shape.join('x')}`,
      op: 'batchnorm',
      inputs: [x(shape), w('scale', [c], [0.5, 1.5]), w('bias', [c], [-0.2, 0.2]), w('mean', [c], [-0.2, 0.2]), w('var', [c], [0.5, 1.5])],
      attrs: { epsilon: 1e-5 },
    };
  };
  return [bn([2, 3, 5, 7]), bn([2, 6, 4, 4]), bn([1, 5, 8, 8]), bn([2, 3, 4, 2]), bn([3, 7])];
}

function matmulCases(): MiscCase[] {
  const m = (sa: number[], sb: number[]): MiscCase => ({ name: `matmul [${sa}] @ [${sb}]`, op: 'matmul', inputs: [{ name: 'a', shape: sa }, { name: 'b', shape: sb }], attrs: {} });
  return [m([3, 5], [5, 7]), m([4, 6], [6, 8]), m([2, 1, 3, 4], [3, 4, 5]), m([7], [7, 4]), m([2, 3, 6], [6]), m([5], [5]), m([2, 3, 5, 12], [1, 12, 8])];
}

export const MISC_CASES: MiscCase[] = [
  ...reduceCases(),
  ...gateCases(),
  ...poolCases(),
  ...resizeCases(),
  ...binaryCases(),
  ...unaryCases(),
  ...batchnormCases(),
  ...matmulCases(),
];
