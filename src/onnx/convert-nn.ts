// Converters for the compute ops: convolution, normalization, activations, arithmetic,
// matrix products, reductions and pooling. Each reads the ONNX attributes as the spec
// defines them (defaults included) and emits one of our op kinds.
import type { Attrs } from '../graph/ir.js';
import type { ImportContext } from './context.js';
import { axesInput } from './axes.js';
import { normAxes, resolvePads } from './shape-math.js';

export type Convert = (ctx: ImportContext) => void;

function spatial4d(ctx: ImportContext, what: string): number[] {
  const shape = ctx.shape(0);
  if (shape.length !== 4) ctx.fail(`only 2-D ${what} on NCHW input is supported; input has shape [${shape}]`);
  return shape;
}

function conv(ctx: ImportContext): void {
  const xs = spatial4d(ctx, 'convolution');
  const ws = ctx.shape(1);
  const kernel = ctx.ints('kernel_shape', ws.slice(2));
  if (kernel.join() !== ws.slice(2).join()) ctx.fail(`kernel_shape [${kernel}] disagrees with weight shape [${ws}]`);
  const strides = ctx.ints('strides', [1, 1]);
  const dilations = ctx.ints('dilations', [1, 1]);
  const pads = resolvePads(ctx.str('auto_pad', 'NOTSET'), ctx.optInts('pads'), xs.slice(2), kernel, strides, dilations);
  const inputs = [ctx.tensor(0), ctx.tensor(1), ...(ctx.has(2) ? [ctx.tensor(2)] : [])];
  ctx.emit('conv2d', inputs, { group: ctx.int('group', 1), strides, pads, dilations }, 0);
}

function pool(kind: 'maxpool2d' | 'avgpool2d'): Convert {
  return (ctx) => {
    const xs = spatial4d(ctx, 'pooling');
    const kernel = ctx.ints('kernel_shape');
    const strides = ctx.ints('strides', [1, 1]);
    const dilations = ctx.ints('dilations', [1, 1]);
    const pads = resolvePads(ctx.str('auto_pad', 'NOTSET'), ctx.optInts('pads'), xs.slice(2), kernel, strides, dilations);
    const attrs: Attrs = { kernel, strides, pads, dilations, ceil_mode: ctx.int('ceil_mode', 0) };
    if (kind === 'avgpool2d') attrs.count_include_pad = ctx.int('count_include_pad', 0);
    if (kind === 'maxpool2d' && ctx.node.outputs[1]) ctx.fail('the Indices output of MaxPool is not supported');
    ctx.emit(kind, [ctx.tensor(0)], attrs, 0);
  };
}

function batchNorm(ctx: ImportContext): void {
  if (ctx.int('training_mode', 0) !== 0) ctx.fail('training_mode=1 (batch statistics) is not supported; export the model in eval mode');
  if (ctx.int('spatial', 1) !== 1) ctx.fail('spatial=0 (per-element statistics) is not supported');
  const inputs = [0, 1, 2, 3, 4].map((i) => ctx.tensor(i));
  ctx.emit('batchnorm', inputs, { epsilon: ctx.float('epsilon', 1e-5) }, 0);
}

const same = (op: string): Convert => (ctx) => ctx.emit(op, ctx.node.inputs.map((_, i) => ctx.tensor(i)), {}, 0);

function gemm(ctx: ImportContext): void {
  const inputs = [ctx.tensor(0), ctx.tensor(1), ...(ctx.has(2) ? [ctx.tensor(2)] : [])];
  const attrs = { alpha: ctx.float('alpha', 1), beta: ctx.float('beta', 1), transA: ctx.int('transA', 0), transB: ctx.int('transB', 0) };
  ctx.emit('gemm', inputs, attrs, 0);
}

/** A mean over H and W of NCHW maps onto the dedicated reduce_mean_hw kernel; any other axes go general. */
function reduceMean(ctx: ImportContext): void {
  const xs = ctx.shape(0);
  const x = ctx.tensor(0);
  const keep = ctx.int('keepdims', 1) === 1;
  let axes = axesInput(ctx, 18, false);
  if (!axes || axes.length === 0) {
    if (ctx.opset >= 18 && ctx.int('noop_with_empty_axes', 0) === 1) return ctx.alias(0, x);
    axes = xs.map((_, i) => i);
  }
  const sorted = normAxes(axes, xs.length, 'ReduceMean axes').sort((a, b) => a - b);
  if (xs.length === 4 && sorted.join() === '2,3') {
    if (keep) ctx.emit('reduce_mean_hw', [x], {}, 0);
    else ctx.emit('reshape', [ctx.emit('reduce_mean_hw', [x], {})], { shape: xs.slice(0, 2) }, 0);
    return;
  }
  ctx.emit('reduce_mean', [x], { axes: sorted, keepdims: keep ? 1 : 0 }, 0);
}

function globalAveragePool(ctx: ImportContext): void {
  const xs = ctx.shape(0);
  if (xs.length === 4) ctx.emit('reduce_mean_hw', [ctx.tensor(0)], {}, 0);
  else ctx.emit('reduce_mean', [ctx.tensor(0)], { axes: xs.map((_, i) => i).slice(2), keepdims: 1 }, 0);
}

export const NN_CONVERTERS: Record<string, Convert> = {
  Conv: conv,
  MaxPool: pool('maxpool2d'),
  AveragePool: pool('avgpool2d'),
  GlobalAveragePool: globalAveragePool,
  BatchNormalization: batchNorm,
  Relu: same('relu'),
  Sigmoid: same('sigmoid'),
  Add: same('add'),
  Sub: same('sub'),
  Mul: same('mul'),
  Div: same('div'),
  MatMul: same('matmul'),
  Gemm: gemm,
  ReduceMean: reduceMean,
};
