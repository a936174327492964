// Per-op ONNX writers: each of our op kinds as torch.onnx.export would have written the
// module it stands for (prcm as ReduceMean/MatMul/MatMul/Sigmoid/Unsqueeze/Unsqueeze/Mul,
// resize as Resize with a scales or sizes constant, fused attributes as separate nodes).
import { attrInts, attrNumber, attrString, type Graph, type Node } from '../graph/ir.js';
import { splitPrescale } from '../graph/ops.js';
import { OnnxExportError } from './errors.js';
import { A, floats, longs, type AttrValue, type OnnxWriter } from './writer.js';

export interface ExportContext {
  w: OnnxWriter;
  g: Graph;
  opset: number;
  /** Initializer name for a weight (written on first use). */
  weight(name: string): string;
  /** Initializer holding the transpose of a 2-D weight, as PyTorch folds `.t()`. */
  weightT(name: string): string;
}

/** One node being written: its scope ('/encoder1/pw'), inputs with any prescale applied, and output helpers. */
export class NodeWriter {
  constructor(
    readonly x: ExportContext,
    readonly node: Node,
    readonly scope: string,
  ) {}

  shape(t: string): number[] {
    return this.x.g.tensors.get(t)!.shape;
  }

  /** A graph tensor as an ONNX value: weights become initializers. */
  value(t: string): string {
    return this.x.g.tensors.get(t)?.role === 'weight' ? this.x.weight(t) : t;
  }

  /** The node's data inputs; a fused prescale becomes an explicit Mul on input 0. */
  inputs(): string[] {
    const { main, scaled } = splitPrescale(this.node.inputs, this.node.attrs);
    const ins = this.node.inputs.slice(0, main).map((t) => this.value(t));
    if (scaled) ins[0] = this.op('Mul', [ins[0], this.value(this.node.inputs[main])], {}, 'prescale/Mul');
    return ins;
  }

  /** Writes one ONNX node; returns its output value name (the node's own output when `last`). */
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue>, local = opType, last = false): string {
    const name = this.x.w.unique(`${this.scope}/${local}`);
    const out = last ? this.node.outputs[0] : `${name}_output_0`;
    this.x.w.node(opType, name, inputs, [out], attrs);
    return out;
  }

  /** The final op, followed by Relu when the node carries a fused activation. */
  finish(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}): void {
    const relu = attrString(this.node.attrs, 'activation', 'none') === 'relu';
    const y = this.op(opType, inputs, attrs, opType, !relu);
    if (relu) this.op('Relu', [y], {}, 'Relu', true);
  }

  constInts(values: number[]): string {
    return this.x.w.constant(this.scope, longs(values));
  }
}

const ints = (n: Node, k: string, d: number[]) => A.ints(attrInts(n.attrs, k, d));

function conv(nw: NodeWriter): void {
  const n = nw.node;
  const ws = nw.shape(n.inputs[1]);
  nw.finish('Conv', nw.inputs(), {
    dilations: ints(n, 'dilations', [1, 1]),
    group: A.int(attrNumber(n.attrs, 'group', 1)),
    kernel_shape: A.ints(ws.slice(2)),
    pads: ints(n, 'pads', [0, 0, 0, 0]),
    strides: ints(n, 'strides', [1, 1]),
  });
}

function pool(nw: NodeWriter): void {
  const n = nw.node;
  const kernel = attrInts(n.attrs, 'kernel');
  const dil = attrInts(n.attrs, 'dilations', [1, 1]);
  const attrs: Record<string, AttrValue> = {
    ceil_mode: A.int(attrNumber(n.attrs, 'ceil_mode', 0)),
    kernel_shape: A.ints(kernel),
    pads: ints(n, 'pads', [0, 0, 0, 0]),
    strides: ints(n, 'strides', kernel),
  };
  if (dil.some((d) => d !== 1)) {
    if (n.op === 'avgpool2d' && nw.x.opset < 19) throw new OnnxExportError(`node '${n.name}': AveragePool dilations need opset 19`);
    attrs.dilations = A.ints(dil);
  }
  if (n.op === 'avgpool2d') attrs.count_include_pad = A.int(attrNumber(n.attrs, 'count_include_pad', 0));
  nw.finish(n.op === 'maxpool2d' ? 'MaxPool' : 'AveragePool', nw.inputs(), attrs);
}

function reduceMean(nw: NodeWriter, x: string, axes: number[], keepdims: number, last: boolean): string {
  if (nw.x.opset >= 18) return nw.op('ReduceMean', [x, nw.constInts(axes)], { keepdims: A.int(keepdims) }, 'ReduceMean', last);
  return nw.op('ReduceMean', [x], { axes: A.ints(axes), keepdims: A.int(keepdims) }, 'ReduceMean', last);
}

/** The gate from a [N, C] context: MatMul(basis^T) -> fuser MatMul(fuser^T) -> Sigmoid -> two Unsqueeze(-1). */
function gate(nw: NodeWriter, ctx: string, basis: string, fuser: string, last: boolean): string {
  const coeff = nw.op('MatMul', [ctx, nw.x.weightT(basis)], {});
  const logits = nw.op('MatMul', [coeff, nw.x.weightT(fuser)], {}, 'fuser/MatMul');
  const w = nw.op('Sigmoid', [logits], {});
  const w3 = nw.op('Unsqueeze', [w, nw.constInts([-1])], {});
  return nw.op('Unsqueeze', [w3, nw.constInts([-1])], {}, 'Unsqueeze', last);
}

function prcm(nw: NodeWriter): void {
  const [x] = nw.inputs();
  const [, basis, fuser] = nw.node.inputs;
  const ctx = reduceMean(nw, x, [2, 3], 0, false);
  nw.op('Mul', [x, gate(nw, ctx, basis, fuser, false)], {}, 'Mul', true);
}

function prcmGate(nw: NodeWriter): void {
  const [ctx4] = nw.inputs();
  const ctx = nw.op('Flatten', [ctx4], { axis: A.int(1) });
  gate(nw, ctx, nw.node.inputs[1], nw.node.inputs[2], true);
}

/** Resize with scales when the ratio is whole (torch's scale_factor), else with sizes. */
function resize(nw: NodeWriter): void {
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

function pad(nw: NodeWriter): void {
  const pads = nw.constInts(attrInts(nw.node.attrs, 'pads'));
  const value = nw.x.w.constant(nw.scope, floats([attrNumber(nw.node.attrs, 'value', 0)], []));
  nw.finish('Pad', [...nw.inputs(), pads, value], { mode: A.str('constant') });
}

const simple = (opType: string) => (nw: NodeWriter) => nw.finish(opType, nw.inputs());

export const OP_WRITERS: Record<string, (nw: NodeWriter) => void> = {
  conv2d: conv,
  maxpool2d: pool,
  avgpool2d: pool,
  relu: simple('Relu'),
  sigmoid: simple('Sigmoid'),
  identity: simple('Identity'),
  add: simple('Add'),
  sub: simple('Sub'),
  mul: simple('Mul'),
  div: simple('Div'),
  matmul: simple('MatMul'),
  reduce_mean_hw: (nw) => void reduceMean(nw, nw.inputs()[0], [2, 3], 1, true),
  reduce_mean: (nw) => void reduceMean(nw, nw.inputs()[0], attrInts(nw.node.attrs, 'axes'), attrNumber(nw.node.attrs, 'keepdims', 1), true),
  prcm,
  prcm_gate: prcmGate,
  batchnorm: (nw) => nw.finish('BatchNormalization', nw.inputs(), { epsilon: A.float(attrNumber(nw.node.attrs, 'epsilon', 1e-5)), momentum: A.float(0.9) }),
  resize,
  resize_add: resize,
  resize_scaled: resize,
  reshape: (nw) => nw.finish('Reshape', [...nw.inputs(), nw.constInts(attrInts(nw.node.attrs, 'shape'))]),
  transpose: (nw) => nw.finish('Transpose', nw.inputs(), { perm: A.ints(attrInts(nw.node.attrs, 'perm')) }),
  concat: (nw) => nw.finish('Concat', nw.inputs(), { axis: A.int(attrNumber(nw.node.attrs, 'axis')) }),
  pad,
  gemm: (nw) =>
    nw.finish('Gemm', nw.inputs(), {
      alpha: A.float(attrNumber(nw.node.attrs, 'alpha', 1)),
      beta: A.float(attrNumber(nw.node.attrs, 'beta', 1)),
      transA: A.int(attrNumber(nw.node.attrs, 'transA', 0)),
      transB: A.int(attrNumber(nw.node.attrs, 'transB', 0)),
    }),
};
