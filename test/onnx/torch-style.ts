// Small networks written node by node the way torch.onnx.export (opset 13) writes them, and
// the same networks built directly with GraphBuilder as the expected result. Used by node
// tests and by GPU page cases, so nothing here may import Node modules.
import { GraphBuilder } from '../../src/graph/builder.js';
import type { Graph } from '../../src/graph/ir.js';
import { seededUniform } from '../../src/graph/rng.js';
import { DataType } from '../../src/onnx/schema.js';
import { A, OnnxWriter, floats, longs } from '../../src/onnx/writer.js';

const INT64_MAX = 2 ** 63;

function transpose(d: Float32Array, r: number, c: number): Float32Array {
  const o = new Float32Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) o[j * r + i] = d[i * c + j];
  return o;
}

/** Writes both forms at once: every helper adds the ONNX nodes and the matching builder nodes. */
export class TwinNet {
  readonly w = new OnnxWriter({ opset: 13, producer: 'pytorch' });
  readonly b = new GraphBuilder();
  private seed = 0;

  constructor(readonly inputShape: number[]) {
    this.w.input('input', inputShape);
    this.b.input('input', inputShape);
  }

  private weight(name: string, shape: number[]): Float32Array {
    const n = shape.reduce((a, x) => a * x, 1);
    return seededUniform(++this.seed, name, n, 1 / Math.sqrt(n / shape[0]));
  }

  shape(t: string): number[] {
    return this.b.shapeOf(t);
  }

  conv(scope: string, x: string, cout: number, k: number, opts: { group?: number; bias?: boolean } = {}): string {
    const cin = this.shape(x)[1];
    const group = opts.group ?? 1;
    const wShape = [cout, cin / group, k, k];
    const wt = this.b.weight(`${scope}.weight`, wShape, this.weight(`${scope}.weight`, wShape));
    this.w.initializer(wt, floats(this.b.build().tensors.get(wt)!.data!, wShape));
    const ins = [x, wt];
    if (opts.bias) {
      const bias = this.b.weight(`${scope}.bias`, [cout], this.weight(`${scope}.bias`, [cout]));
      this.w.initializer(bias, floats(this.b.build().tensors.get(bias)!.data!, [cout]));
      ins.push(bias);
    }
    const p = (k - 1) / 2;
    const out = `/${scope}/Conv_output_0`;
    this.w.node('Conv', `/${scope}/Conv`, ins, [out], { dilations: A.ints([1, 1]), group: A.int(group), kernel_shape: A.ints([k, k]), pads: A.ints([p, p, p, p]), strides: A.ints([1, 1]) });
    return this.b.node('conv2d', out, ins, { group, pads: [p, p, p, p] }, scope.split('/')[0]);
  }

  relu(scope: string, x: string): string {
    const out = `/${scope}/Relu_output_0`;
    this.w.node('Relu', `/${scope}/Relu`, [x], [out]);
    return this.b.node('relu', out, [x], {}, scope.split('/')[0]);
  }

  /** ONNX side: ctx -> MatMul(basis^T) -> MatMul(fuser^T) [+ extra] -> Sigmoid -> Unsqueeze x2. */
  private onnxGate(scope: string, ctx: string, C: number, B: number, extra?: string): { onnx: string; basis: string; fuser: string } {
    const basis = this.b.weight(`${scope}.basis`, [B, C], this.weight(`${scope}.basis`, [B, C]));
    const fuser = this.b.weight(`${scope}.fuser`, [C, B], this.weight(`${scope}.fuser`, [C, B]));
    const t = this.b.build().tensors;
    const bT = this.w.initializer(`onnx::MatMul_${scope}_b`, floats(transpose(t.get(basis)!.data!, B, C), [C, B]));
    const fT = this.w.initializer(`onnx::MatMul_${scope}_f`, floats(transpose(t.get(fuser)!.data!, C, B), [B, C]));
    this.w.node('MatMul', `/${scope}/MatMul`, [ctx, bT], [`/${scope}/MatMul_output_0`]);
    let logits = `/${scope}/fuser/MatMul_output_0`;
    this.w.node('MatMul', `/${scope}/fuser/MatMul`, [`/${scope}/MatMul_output_0`, fT], [logits]);
    if (extra) {
      this.w.node('Add', `/${scope}/Add`, [logits, extra], [`/${scope}/Add_output_0`]);
      logits = `/${scope}/Add_output_0`;
    }
    this.w.node('Sigmoid', `/${scope}/Sigmoid`, [logits], [`/${scope}/Sigmoid_output_0`]);
    this.w.node('Unsqueeze', `/${scope}/Unsqueeze`, [`/${scope}/Sigmoid_output_0`, this.w.constant(`/${scope}`, longs([-1]))], [`/${scope}/Unsqueeze_output_0`]);
    const g = `/${scope}/Unsqueeze_1_output_0`;
    this.w.node('Unsqueeze', `/${scope}/Unsqueeze_1`, [`/${scope}/Unsqueeze_output_0`, this.w.constant(`/${scope}`, longs([-1]))], [g]);
    return { onnx: g, basis, fuser };
  }

  /** A gate on a pooled [N, C] context, in both forms; the builder side spells out the matmuls. */
  gate(scope: string, ctx: string, B: number, extra?: string): string {
    const [N, C] = this.shape(ctx);
    const layer = scope.split('/')[0];
    const g = this.onnxGate(scope, ctx, C, B, extra);
    const t = this.b.build().tensors;
    const bT = this.b.weight(`${g.basis}.T`, [C, B], transpose(t.get(g.basis)!.data!, B, C));
    const fT = this.b.weight(`${g.fuser}.T`, [B, C], transpose(t.get(g.fuser)!.data!, C, B));
    let v = this.b.node('matmul', `${g.onnx}.coeff`, [ctx, bT], {}, layer);
    v = this.b.node('matmul', `${g.onnx}.logits`, [v, fT], {}, layer);
    if (extra) v = this.b.node('add', `${g.onnx}.sum`, [v, extra], {}, layer);
    v = this.b.node('sigmoid', `${g.onnx}.sig`, [v], {}, layer);
    return this.b.node('reshape', g.onnx, [v], { shape: [N, C, 1, 1] }, layer);
  }

  /** x @ W for a constant W, in both forms. */
  matmulConst(name: string, x: string, weight: string, shape: number[], layer: string): string {
    const data = seededUniform(++this.seed, weight, shape[0] * shape[1], 0.3);
    this.b.weight(weight, shape, data);
    this.w.initializer(weight, floats(data, shape));
    this.w.node('MatMul', name, [x, weight], [`${name}_output_0`]);
    return this.b.node('matmul', `${name}_output_0`, [x, weight], {}, layer);
  }

  /** x.mean((2, 3)) as ReduceMean(keepdims=0); the builder side gets the same value via reduce_mean_hw + reshape. */
  pooled(scope: string, x: string): string {
    const out = `/${scope}/ReduceMean_output_0`;
    this.w.node('ReduceMean', `/${scope}/ReduceMean`, [x], [out], { axes: A.ints([2, 3]), keepdims: A.int(0) });
    const [N, C] = this.shape(x);
    const m = this.b.node('reduce_mean_hw', `${out}.hw`, [x], {}, scope.split('/')[0]);
    return this.b.node('reshape', out, [m], { shape: [N, C] }, scope.split('/')[0]);
  }

  /** PRCM as the fixture has it; the builder side is one `prcm` node. */
  prcm(scope: string, x: string, B: number): string {
    const C = this.shape(x)[1];
    const ctx = `/${scope}/ReduceMean_output_0`;
    this.w.node('ReduceMean', `/${scope}/ReduceMean`, [x], [ctx], { axes: A.ints([2, 3]), keepdims: A.int(0) });
    const g = this.onnxGate(scope, ctx, C, B);
    const out = `/${scope}/Mul_output_0`;
    this.w.node('Mul', `/${scope}/Mul`, [x, g.onnx], [out]);
    return this.b.node('prcm', out, [x, g.basis, g.fuser], {}, scope.split('/')[0]);
  }

  /**
   * Spatial attention: AvgPool with a kernel derived from the feature size, 1x1 conv, Sigmoid,
   * bilinear Resize back to x's size computed with Shape/Slice/Concat, and x * gate.
   */
  spatialGate(scope: string, x: string): string {
    const [, , H, W] = this.shape(x);
    const k = H / 4;
    const pooled = `/${scope}/AveragePool_output_0`;
    this.w.node('AveragePool', `/${scope}/AveragePool`, [x], [pooled], { ceil_mode: A.int(0), kernel_shape: A.ints([k, k]), pads: A.ints([0, 0, 0, 0]), strides: A.ints([k, k]) });
    const layer = scope.split('/')[0];
    const p = this.b.node('avgpool2d', pooled, [x], { kernel: [k, k], strides: [k, k] }, layer);
    const s = this.conv(`${scope}/conv`, p, 1, 1, { bias: true });
    const sig = `/${scope}/Sigmoid_output_0`;
    this.w.node('Sigmoid', `/${scope}/Sigmoid`, [s], [sig]);
    this.b.node('sigmoid', sig, [s], {}, layer);
    const c = (t: ReturnType<typeof longs>) => this.w.constant(`/${scope}`, t);
    this.w.node('Shape', `/${scope}/Shape`, [x], [`/${scope}/Shape_output_0`]);
    this.w.node('Slice', `/${scope}/Slice`, [`/${scope}/Shape_output_0`, c(longs([2])), c(longs([INT64_MAX])), c(longs([0]))], [`/${scope}/Slice_output_0`]);
    this.w.node('Shape', `/${scope}/Shape_1`, [sig], [`/${scope}/Shape_1_output_0`]);
    this.w.node('Slice', `/${scope}/Slice_1`, [`/${scope}/Shape_1_output_0`, c(longs([0])), c(longs([2])), c(longs([0]))], [`/${scope}/Slice_1_output_0`]);
    this.w.node('Cast', `/${scope}/Cast`, [`/${scope}/Slice_output_0`], [`/${scope}/Cast_output_0`], { to: A.int(DataType.INT64) });
    this.w.node('Concat', `/${scope}/Concat`, [`/${scope}/Slice_1_output_0`, `/${scope}/Cast_output_0`], [`/${scope}/Concat_output_0`], { axis: A.int(0) });
    const up = `/${scope}/Resize_output_0`;
    this.w.node('Resize', `/${scope}/Resize`, [sig, '', '', `/${scope}/Concat_output_0`], [up], {
      coordinate_transformation_mode: A.str('pytorch_half_pixel'),
      cubic_coeff_a: A.float(-0.75),
      mode: A.str('linear'),
      nearest_mode: A.str('floor'),
    });
    this.b.node('resize', up, [sig], { outSize: [H, W], mode: 'linear', coord: 'pytorch_half_pixel' }, layer);
    return this.binary('Mul', `/${scope}/Mul`, x, up, layer);
  }

  binary(op: 'Add' | 'Mul', name: string, a: string, b: string, layer: string): string {
    this.w.node(op, name, [a, b], [`${name}_output_0`]);
    return this.b.node(op.toLowerCase(), `${name}_output_0`, [a, b], {}, layer);
  }

  maxpool(name: string, x: string, layer: string): string {
    this.w.node('MaxPool', name, [x], [`${name}_output_0`], { ceil_mode: A.int(0), kernel_shape: A.ints([2, 2]), pads: A.ints([0, 0, 0, 0]), strides: A.ints([2, 2]) });
    return this.b.node('maxpool2d', `${name}_output_0`, [x], { kernel: [2, 2], strides: [2, 2] }, layer);
  }

  upsample2x(name: string, x: string, layer: string): string {
    const [, , H, W] = this.shape(x);
    this.w.node('Resize', name, [x, '', this.w.constant(name, floats([1, 1, 2, 2]))], [`${name}_output_0`], {
      coordinate_transformation_mode: A.str('align_corners'),
      cubic_coeff_a: A.float(-0.75),
      mode: A.str('linear'),
      nearest_mode: A.str('floor'),
    });
    return this.b.node('resize', `${name}_output_0`, [x], { outSize: [2 * H, 2 * W], mode: 'linear', coord: 'align_corners' }, layer);
  }

  finish(x: string): { bytes: Uint8Array; expected: Graph } {
    this.w.node('Identity', '/output/Identity', [x], ['output']);
    this.w.output('output', this.shape(x));
    this.b.node('identity', 'output', [x], {}, 'final');
    this.b.output('output');
    return { bytes: this.w.bytes(), expected: this.b.build() };
  }
}

/** A block: 1x1 conv, 7x7 depthwise conv + bias, ReLU, then PRCM. */
function block(n: TwinNet, layer: string, x: string, cout: number): string {
  x = n.conv(`${layer}/pw_conv`, x, cout, 1);
  x = n.conv(`${layer}/dw_conv`, x, cout, 7, { group: cout, bias: true });
  return n.relu(`${layer}/dw_conv/activation`, x);
}

/** Two-level U-Net whose blocks end in PRCM followed by a spatial-attention gate. */
export function spatialAttentionNet(size = 32): { bytes: Uint8Array; expected: Graph } {
  const n = new TwinNet([1, 3, size, size]);
  let x = n.prcm('encoder1/prcm', block(n, 'encoder1', 'input', 8), 4);
  const skip = n.spatialGate('encoder1/sa', x);
  x = n.maxpool('/encoder1/MaxPool', skip, 'encoder1');
  x = n.prcm('encoder2/prcm', block(n, 'encoder2', x, 16), 4);
  x = n.spatialGate('encoder2/sa', x);
  x = n.prcm('decoder1/prcm', block(n, 'decoder1', x, 8), 4);
  x = n.binary('Add', '/decoder1/Add', n.upsample2x('/decoder1/Resize', x, 'decoder1'), skip, 'decoder1');
  return n.finish(n.conv('final', x, 1, 1, { bias: true }));
}

/**
 * Encoder contexts feed decoder gates: the decoder's gate logits get an extra
 * MatMul(encoder ctx, W) added before the Sigmoid, so the encoder ctx has two readers.
 */
export function contextGateNet(size = 32): { bytes: Uint8Array; expected: Graph } {
  const n = new TwinNet([1, 3, size, size]);
  const e = block(n, 'encoder1', 'input', 8);
  const ectx = n.pooled('encoder1/prcm', e);
  const skip = n.binary('Mul', '/encoder1/prcm/Mul', e, n.gate('encoder1/prcm', ectx, 4), 'encoder1');
  let x = n.maxpool('/encoder1/MaxPool', skip, 'encoder1');
  x = n.prcm('encoder2/prcm', block(n, 'encoder2', x, 16), 4);
  const d = block(n, 'decoder1', x, 8);
  const dctx = n.pooled('decoder1/prcm', d);
  const proj = n.matmulConst('/decoder1/ctx_proj/MatMul', ectx, 'decoder1.ctx_proj', [8, 8], 'decoder1');
  const gated = n.binary('Mul', '/decoder1/prcm/Mul', d, n.gate('decoder1/prcm', dctx, 4, proj), 'decoder1');
  x = n.binary('Add', '/decoder1/Add', n.upsample2x('/decoder1/Resize', gated, 'decoder1'), skip, 'decoder1');
  return n.finish(n.conv('final', x, 1, 1, { bias: true }));
}
