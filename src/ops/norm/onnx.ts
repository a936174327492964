// ONNX forms of the normalizations: LayerNormalization-17, InstanceNormalization-1/6 and
// GroupNormalization-18 (scale and bias per group) / -21 (per channel); and the exporters,
// which write what torch.onnx.export writes at opsets 13..18 (LayerNorm decomposed before 17,
// GroupNorm always as Reshape -> InstanceNormalization -> Reshape -> Mul -> Add).
import { attrNumber, numel } from '../../graph/ir.js';
import { broadcastShapes } from '../../graph/shape.js';
import type { ImportContext } from '../../onnx/context.js';
import type { NodeWriter } from '../../onnx/node-writer.js';
import { normAxis } from '../../onnx/shape-math.js';
import { A, floats } from '../../onnx/writer.js';
import { binary } from '../../reference/elementwise.js';
import { tensor } from '../../reference/tensor.js';
import type { OnnxConverter } from '../types.js';
import { writeReduceMean } from '../reduce/op.js';
import { isTrailingPart } from './rows.js';


function checkStash(ctx: ImportContext): void {
  const stash = ctx.int('stash_type', 1);
  if (stash !== 1) ctx.fail(`stash_type ${stash} is not supported; statistics are computed in float32 (stash_type 1)`);
}

/**
 * LayerNorm's scale or bias: used as it is when its shape (without leading 1s) is a suffix of
 * the normalized shape, so element i of a row reads index i modulo its size; a constant of any
 * other shape that broadcasts to the normalized shape is expanded to it.
 */
function layerAffine(ctx: ImportContext, i: number, normalized: number[], what: string): string {
  const s = ctx.shape(i);
  if (isTrailingPart(s, normalized)) return ctx.tensor(i);
  let fits = false;
  try {
    fits = s.length <= normalized.length && broadcastShapes(s, normalized).join() === normalized.join();
  } catch {
    fits = false;
  }
  if (!fits || !ctx.isConst(i)) ctx.fail(`${what} of shape [${s}] must broadcast to the normalized shape [${normalized}]${fits ? ' and be a constant' : ''}`);
  const name = `${ctx.node.inputs[i]}/expanded`;
  if (!ctx.graph.tensors.has(name)) {
    const src = tensor(s, Float32Array.from(ctx.constant(i, what).data));
    const data = binary(src, tensor(normalized), (a) => a).data;
    ctx.graph.tensors.set(name, { name, shape: [...normalized], dtype: 'float32', role: 'weight', data });
  }
  return name;
}

function convertLayerNorm(ctx: ImportContext): void {
  if (ctx.node.outputs.slice(1).some(Boolean)) ctx.fail('the Mean and InvStdDev outputs of LayerNormalization are not supported; only Y (inference graphs use Y alone)');
  checkStash(ctx);
  const xs = ctx.shape(0);
  const axis = normAxis(ctx.int('axis', -1), xs.length, 'LayerNormalization axis');
  const normalized = xs.slice(axis);
  const inputs = [ctx.tensor(0), layerAffine(ctx, 1, normalized, 'Scale')];
  if (ctx.has(2)) inputs.push(layerAffine(ctx, 2, normalized, 'B'));
  ctx.emit('layernorm', inputs, { axis, epsilon: ctx.float('epsilon', 1e-5) }, 0);
}

/** A per-channel (or per-group) parameter: `count` values, any shape. */
function perChannel(ctx: ImportContext, i: number, count: number, what: string): string {
  const s = ctx.shape(i);
  if (numel(s) !== count || s.filter((d) => d !== 1).length > 1) ctx.fail(`${what} has shape [${s}]; expected [${count}]`);
  return ctx.tensor(i);
}

function convertInstanceNorm(ctx: ImportContext): void {
  const xs = ctx.shape(0);
  if (xs.length < 3) ctx.fail(`input must be [N, C, D1, ...] (rank 3 or more), got [${xs}]`);
  const inputs = [ctx.tensor(0), perChannel(ctx, 1, xs[1], 'scale'), perChannel(ctx, 2, xs[1], 'B')];
  ctx.emit('instancenorm', inputs, { epsilon: ctx.float('epsilon', 1e-5) }, 0);
}

function convertGroupNorm(ctx: ImportContext): void {
  const xs = ctx.shape(0);
  const G = ctx.int('num_groups');
  if (xs.length < 2) ctx.fail(`input must be [N, C, ...], got [${xs}]`);
  if (G < 1 || xs[1] % G !== 0) ctx.fail(`num_groups ${G} does not divide the ${xs[1]} channels`);
  const perChannelAffine = ctx.opset >= 21;
  if (perChannelAffine) checkStash(ctx);
  const count = perChannelAffine ? xs[1] : G;
  const what = perChannelAffine ? 'per channel (GroupNormalization-21)' : 'per group (GroupNormalization-18)';
  const inputs = [ctx.tensor(0), perChannel(ctx, 1, count, `scale ${what}`), perChannel(ctx, 2, count, `bias ${what}`)];
  ctx.emit('groupnorm', inputs, { num_groups: G, epsilon: ctx.float('epsilon', 1e-5), per_channel: perChannelAffine ? 1 : 0 }, 0);
}

export const LAYERNORM_CONVERTERS: OnnxConverter[] = [{ opType: 'LayerNormalization', versions: [17], convert: convertLayerNorm }];
export const INSTANCENORM_CONVERTERS: OnnxConverter[] = [{ opType: 'InstanceNormalization', versions: [1, 6], convert: convertInstanceNorm }];
export const GROUPNORM_CONVERTERS: OnnxConverter[] = [{ opType: 'GroupNormalization', versions: [18, 21], convert: convertGroupNorm }];

const scalar = (nw: NodeWriter, v: number): string => nw.x.w.constant(nw.scope, floats([v], []));

/** From opset 17 LayerNormalization; before, the chain torch.onnx.export writes for nn.LayerNorm. */
export function exportLayerNorm(nw: NodeWriter): void {
  const axis = attrNumber(nw.node.attrs, 'axis');
  const eps = attrNumber(nw.node.attrs, 'epsilon', 1e-5);
  const [x, scale, bias] = nw.inputs();
  if (nw.opset >= 17) return nw.finish('LayerNormalization', [x, scale, ...(bias ? [bias] : [])], { axis: A.int(axis), epsilon: A.float(eps) });
  const rank = nw.shape(nw.node.inputs[0]).length;
  const axes = Array.from({ length: rank - axis }, (_, k) => k - (rank - axis));
  const mean = writeReduceMean(nw, x, axes, 1, false);
  const d = nw.op('Sub', [x, mean], {});
  const v = writeReduceMean(nw, nw.op('Pow', [d, scalar(nw, 2)], {}), axes, 1, false);
  const n = nw.op('Div', [d, nw.op('Sqrt', [nw.op('Add', [v, scalar(nw, eps)], {})], {})], {});
  if (!bias) return nw.finish('Mul', [n, scale]);
  nw.finish('Add', [nw.op('Mul', [n, scale], {}), bias]);
}

export function exportInstanceNorm(nw: NodeWriter): void {
  nw.finish('InstanceNormalization', nw.inputs(), { epsilon: A.float(attrNumber(nw.node.attrs, 'epsilon', 1e-5)) });
}

/** torch.onnx.export's nn.GroupNorm: an InstanceNormalization over [N, G, -1], then the per-channel affine. */
export function exportGroupNorm(nw: NodeWriter): void {
  const a = nw.node.attrs;
  const G = attrNumber(a, 'num_groups');
  const xs = nw.shape(nw.node.inputs[0]);
  const [x, scale, bias] = nw.inputs();
  const perChannelAffine = attrNumber(a, 'per_channel', 1) === 1;
  const grouped = nw.op('Reshape', [x, nw.constInts([xs[0], G, -1])], {});
  const ones = (v: number) => nw.x.w.constant(nw.scope, floats(new Array<number>(G).fill(v)));
  const inAffine = perChannelAffine ? [ones(1), ones(0)] : [scale, bias];
  const normed = nw.op('InstanceNormalization', [grouped, ...inAffine], { epsilon: A.float(attrNumber(a, 'epsilon', 1e-5)) });
  if (!perChannelAffine) return nw.finish('Reshape', [normed, nw.constInts(xs)]);
  const back = nw.op('Reshape', [normed, nw.constInts(xs)], {});
  const column = (t: string) => nw.op('Reshape', [t, nw.constInts([xs[1], ...xs.slice(2).map(() => 1)])], {});
  nw.finish('Add', [nw.op('Mul', [back, column(scale)], {}), column(bias)]);
}
