// DepthToSpace (DCR and CRD; PyTorch's PixelShuffle exports CRD) and SpaceToDepth on NCHW
// runtime data: pure rearrangements, defined by the spec's reshape-transpose-reshape.
import { attrNumber, attrString, type Attrs } from '../../graph/ir.js';
import { check } from '../../graph/shape.js';
import type { ImportContext } from '../../onnx/context.js';
import { A } from '../../onnx/writer.js';
import { tensor, type Tensor } from '../../reference/tensor.js';
import { transpose } from '../layout/reference.js';
import type { OpDef } from '../types.js';
import { depthToSpaceView, spaceToDepthView, type BlockView, type DepthToSpaceMode } from './view.js';

/** Pure data movement. */
const noFlops = (): number => 0;

function blockOf(attrs: Attrs, x: number[], op: string): number {
  const b = attrNumber(attrs, 'blocksize');
  check(x.length === 4, `${op}: input [${x}] is not NCHW (rank 4)`);
  check(Number.isInteger(b) && b >= 1, `${op}: blocksize ${b} is not a positive integer`);
  return b;
}

function d2sShape([x]: number[][], attrs: Attrs): number[][] {
  const b = blockOf(attrs, x, 'depth_to_space');
  const mode = attrString(attrs, 'mode', 'DCR');
  check(mode === 'DCR' || mode === 'CRD', `depth_to_space: mode '${mode}' is not DCR or CRD`);
  check(x[1] % (b * b) === 0, `depth_to_space: ${x[1]} channels do not divide into blocks of ${b}x${b}`);
  return [[x[0], x[1] / (b * b), x[2] * b, x[3] * b]];
}

function s2dShape([x]: number[][], attrs: Attrs): number[][] {
  const b = blockOf(attrs, x, 'space_to_depth');
  check(x[2] % b === 0 && x[3] % b === 0, `space_to_depth: ${x[2]}x${x[3]} does not divide into blocks of ${b}x${b}`);
  return [[x[0], x[1] * b * b, x[2] / b, x[3] / b]];
}

/** The spec's definition, literally: reshape to the view, transpose, reshape to the output. */
function rearrange(x: Tensor, v: BlockView, out: number[]): Tensor {
  const moved = transpose({ shape: v.view, data: x.data }, { perm: v.perm }, v.perm.map((p) => v.view[p]));
  return tensor(out, moved.data);
}

function convertD2S(ctx: ImportContext): void {
  const blocksize = ctx.int('blocksize');
  // Mode arrived with DepthToSpace-11; version 1 is DCR.
  const mode = ctx.opset < 11 ? 'DCR' : ctx.str('mode', 'DCR');
  if (mode !== 'DCR' && mode !== 'CRD') ctx.fail(`mode '${mode}' is not supported (supported: DCR, CRD)`);
  if (blocksize === 1) return ctx.alias(0, ctx.tensor(0));
  ctx.emit('depth_to_space', [ctx.tensor(0)], { blocksize, mode }, 0);
}

function convertS2D(ctx: ImportContext): void {
  const blocksize = ctx.int('blocksize');
  if (blocksize === 1) return ctx.alias(0, ctx.tensor(0));
  ctx.emit('space_to_depth', [ctx.tensor(0)], { blocksize }, 0);
}

export const DEPTH_TO_SPACE: OpDef = {
  kind: 'depth_to_space',
  summary: 'y = x with channel blocks moved into blocksize x blocksize spatial tiles (DCR or CRD order)',
  attrs: { blocksize: null, mode: 'DCR' },
  shape: d2sShape,
  reference: ([x], attrs) => {
    const out = d2sShape([x.shape], attrs)[0];
    return [rearrange(x, depthToSpaceView(x.shape, attrNumber(attrs, 'blocksize'), attrString(attrs, 'mode', 'DCR') as DepthToSpaceMode), out)];
  },
  flops: noFlops,
  onnx: {
    converters: [{ opType: 'DepthToSpace', versions: [1, 11, 13], convert: convertD2S }],
    export: (nw) => nw.finish('DepthToSpace', nw.inputs(), { blocksize: A.int(attrNumber(nw.node.attrs, 'blocksize')), mode: A.str(attrString(nw.node.attrs, 'mode', 'DCR')) }),
  },
};

export const SPACE_TO_DEPTH: OpDef = {
  kind: 'space_to_depth',
  summary: 'y = x with blocksize x blocksize spatial tiles moved into channels',
  attrs: { blocksize: null },
  shape: s2dShape,
  reference: ([x], attrs) => [rearrange(x, spaceToDepthView(x.shape, attrNumber(attrs, 'blocksize')), s2dShape([x.shape], attrs)[0])],
  flops: noFlops,
  onnx: {
    converters: [{ opType: 'SpaceToDepth', versions: [1, 13], convert: convertS2D }],
    export: (nw) => nw.finish('SpaceToDepth', nw.inputs(), { blocksize: A.int(attrNumber(nw.node.attrs, 'blocksize')) }),
  },
};

export const DEPTH_SPACE_OPS: readonly OpDef[] = [DEPTH_TO_SPACE, SPACE_TO_DEPTH];
