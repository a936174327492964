// Inference BatchNormalization over the channel axis (dim 1): y = (x - mean) / sqrt(var + eps)
// * scale + bias. Conv -> BN pairs are folded into the conv at import; what remains runs here.
import { attrNumber, type Attrs } from '../../graph/ir.js';
import { tensor, type Tensor } from '../../reference/tensor.js';
import type { ImportContext } from '../../onnx/context.js';
import { A } from '../../onnx/writer.js';
import type { OpDef } from '../types.js';

function batchnorm(x: Tensor, scale: Tensor, bias: Tensor, mean: Tensor, variance: Tensor, attrs: Attrs): Tensor {
  const eps = attrNumber(attrs, 'epsilon', 1e-5);
  const [N, C] = x.shape;
  const plane = x.data.length / (N * C);
  const y = tensor(x.shape);
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const k = scale.data[c] / Math.sqrt(variance.data[c] + eps);
      const b = bias.data[c] - mean.data[c] * k;
      const base = (n * C + c) * plane;
      for (let i = base; i < base + plane; i++) y.data[i] = x.data[i] * k + b;
    }
  }
  return y;
}

function convert(ctx: ImportContext): void {
  if (ctx.int('training_mode', 0) !== 0) ctx.fail('training_mode=1 (batch statistics) is not supported; export the model in eval mode');
  if (ctx.int('spatial', 1) !== 1) ctx.fail('spatial=0 (per-element statistics) is not supported');
  const inputs = [0, 1, 2, 3, 4].map((i) => ctx.tensor(i));
  ctx.emit('batchnorm', inputs, { epsilon: ctx.float('epsilon', 1e-5) }, 0);
}

export const BATCHNORM: OpDef = {
  kind: 'batchnorm',
  summary: 'y = (x - mean[c]) / sqrt(var[c] + eps) * scale[c] + bias[c], c = dim 1',
  attrs: { epsilon: 1e-5 },
  shape(inputs) {
    const c = inputs[0][1];
    for (const p of inputs.slice(1)) if (p.length !== 1 || p[0] !== c) throw new Error(`batchnorm: parameter shape [${p}] is not [${c}]`);
    return [[...inputs[0]]];
  },
  reference: ([x, s, b, m, v], attrs) => [batchnorm(x, s, b, m, v, attrs)],
  // Folded to one multiply-add per element (scale and shift precomputed).
  flops: (c) => 2 * c.outElems,
  inPlace: (pos) => (pos === 0 ? 'batchnorm in inference form is a per-channel affine map of input[i] into output[i]' : null),
  onnx: {
    converters: [{ opType: 'BatchNormalization', versions: [1, 6, 7, 9, 14, 15], convert }],
    export: (nw) => nw.finish('BatchNormalization', nw.inputs(), { epsilon: A.float(attrNumber(nw.node.attrs, 'epsilon', 1e-5)), momentum: A.float(0.9) }),
  },
};

export const BATCHNORM_OPS: readonly OpDef[] = [BATCHNORM];
