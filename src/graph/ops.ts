// Op registry: each op kind declares how its output shapes follow from its inputs.
// The set is open: the ONNX importer and fusion passes register more kinds.
import { attrInts, attrNumber, attrString, type Attrs } from './ir.js';

export interface OpDef {
  kind: string;
  /** Output shapes from input shapes; throws with a clear message on a mismatch. */
  inferShapes(inputs: number[][], attrs: Attrs): number[][];
}

const registry = new Map<string, OpDef>();

export function registerOp(def: OpDef): void {
  registry.set(def.kind, def);
}

export function getOp(kind: string): OpDef {
  const def = registry.get(kind);
  if (!def) throw new Error(`unknown op kind '${kind}'; registered: ${[...registry.keys()].join(', ')}`);
  return def;
}

export function hasOp(kind: string): boolean {
  return registry.has(kind);
}

/** With attrs.prescale the last input is a [N,C,1,1] per-channel scale applied to input 0 on read. */
export function splitPrescale(inputs: string[] | number[][], attrs: Attrs): { main: number; scaled: boolean } {
  const scaled = Boolean(attrs.prescale);
  return { main: scaled ? inputs.length - 1 : inputs.length, scaled };
}

/** Output spatial size of a sliding window (conv or pool), as ONNX defines it. */
export function windowOut(inSize: number, k: number, stride: number, padBegin: number, padEnd: number, dilation = 1, ceil = false): number {
  const span = dilation * (k - 1) + 1;
  const raw = (inSize + padBegin + padEnd - span) / stride;
  let out = (ceil ? Math.ceil(raw) : Math.floor(raw)) + 1;
  // ONNX/PyTorch: with ceil_mode the last window must start inside the input or left padding.
  if (ceil && (out - 1) * stride >= inSize + padBegin) out--;
  return out;
}

export function broadcastShapes(a: number[], b: number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) throw new Error(`shapes [${a}] and [${b}] do not broadcast`);
    out.push(Math.max(da, db));
  }
  return out;
}

function expectRank(shape: number[], rank: number, what: string): void {
  if (shape.length !== rank) throw new Error(`${what} must have rank ${rank}, got shape [${shape}]`);
}

registerOp({
  kind: 'conv2d',
  inferShapes(inputs, attrs) {
    const [x, w] = inputs;
    expectRank(x, 4, 'conv2d input');
    expectRank(w, 4, 'conv2d weight');
    const group = attrNumber(attrs, 'group', 1);
    const [sh, sw] = attrInts(attrs, 'strides', [1, 1]);
    const [pt, pl, pb, pr] = attrInts(attrs, 'pads', [0, 0, 0, 0]);
    const [dh, dw] = attrInts(attrs, 'dilations', [1, 1]);
    if (x[1] !== w[1] * group) throw new Error(`conv2d: input has ${x[1]} channels, weight expects ${w[1]} x group ${group}`);
    if (w[0] % group !== 0) throw new Error(`conv2d: ${w[0]} output channels not divisible by group ${group}`);
    return [[x[0], w[0], windowOut(x[2], w[2], sh, pt, pb, dh), windowOut(x[3], w[3], sw, pl, pr, dw)]];
  },
});

const same = (inputs: number[][]): number[][] => [[...inputs[0]]];
for (const kind of ['relu', 'sigmoid', 'identity']) registerOp({ kind, inferShapes: same });

for (const kind of ['add', 'sub', 'mul', 'div']) {
  registerOp({
    kind,
    inferShapes(inputs, attrs) {
      const { main } = splitPrescale(inputs, attrs);
      if (main !== 2) throw new Error(`${kind} takes two inputs`);
      return [broadcastShapes(inputs[0], inputs[1])];
    },
  });
}

function poolShape(inputs: number[][], attrs: Attrs): number[][] {
  const x = inputs[0];
  expectRank(x, 4, 'pool input');
  const [kh, kw] = attrInts(attrs, 'kernel');
  const [sh, sw] = attrInts(attrs, 'strides', [kh, kw]);
  const [pt, pl, pb, pr] = attrInts(attrs, 'pads', [0, 0, 0, 0]);
  const [dh, dw] = attrInts(attrs, 'dilations', [1, 1]);
  const ceil = Boolean(attrNumber(attrs, 'ceil_mode', 0));
  return [[x[0], x[1], windowOut(x[2], kh, sh, pt, pb, dh, ceil), windowOut(x[3], kw, sw, pl, pr, dw, ceil)]];
}
registerOp({ kind: 'maxpool2d', inferShapes: poolShape });
registerOp({ kind: 'avgpool2d', inferShapes: poolShape });

registerOp({
  kind: 'reduce_mean_hw',
  inferShapes(inputs) {
    expectRank(inputs[0], 4, 'reduce_mean_hw input');
    const [n, c] = inputs[0];
    return [[n, c, 1, 1]];
  },
});

/** PRCM gate: w = sigmoid((ctx @ basis^T) @ fuser^T), ctx [N,C,1,1], basis [B,C], fuser [C,B]. */
registerOp({
  kind: 'prcm_gate',
  inferShapes(inputs) {
    const [ctx, basis, fuser] = inputs;
    if (basis[1] !== ctx[1] || fuser[0] !== ctx[1] || fuser[1] !== basis[0])
      throw new Error(`prcm_gate: ctx [${ctx}], basis [${basis}], fuser [${fuser}] do not fit`);
    return [[ctx[0], ctx[1], 1, 1]];
  },
});

/** Whole PRCM: out = x * prcm_gate(mean_hw(x)). */
registerOp({
  kind: 'prcm',
  inferShapes(inputs) {
    const [x, basis, fuser] = inputs;
    expectRank(x, 4, 'prcm input');
    if (basis[1] !== x[1] || fuser[0] !== x[1] || fuser[1] !== basis[0])
      throw new Error(`prcm: input [${x}], basis [${basis}], fuser [${fuser}] do not fit`);
    return [[...x]];
  },
});

registerOp({
  kind: 'batchnorm',
  inferShapes(inputs) {
    const c = inputs[0][1];
    for (const p of inputs.slice(1)) if (p.length !== 1 || p[0] !== c) throw new Error(`batchnorm: parameter shape [${p}] is not [${c}]`);
    return [[...inputs[0]]];
  },
});

/** Resize to attrs.outSize [H, W]; mode linear|nearest; coord as ONNX coordinate_transformation_mode. */
function resizeShape(inputs: number[][], attrs: Attrs): number[][] {
  const x = inputs[0];
  expectRank(x, 4, 'resize input');
  const [oh, ow] = attrInts(attrs, 'outSize');
  attrString(attrs, 'mode', 'linear');
  return [[x[0], x[1], oh, ow]];
}
registerOp({ kind: 'resize', inferShapes: resizeShape });

/** resize(x) + skip, fused: inputs [x, skip] (plus a prescale for x). */
registerOp({
  kind: 'resize_add',
  inferShapes(inputs, attrs) {
    const [out] = resizeShape(inputs, attrs);
    const skip = inputs[1];
    if (skip.join() !== out.join()) throw new Error(`resize_add: resized [${out}] and skip [${skip}] differ`);
    return [out];
  },
});

registerOp({
  kind: 'matmul',
  inferShapes(inputs) {
    const [a, b] = inputs;
    if (a.length < 1 || b.length < 1) throw new Error('matmul: scalars are not supported');
    const a2 = a.length === 1 ? [1, a[0]] : a;
    const b2 = b.length === 1 ? [b[0], 1] : b;
    const k = a2[a2.length - 1];
    if (k !== b2[b2.length - 2]) throw new Error(`matmul: inner dimensions of [${a}] and [${b}] differ`);
    const batch = broadcastShapes(a2.slice(0, -2), b2.slice(0, -2));
    const out = [...batch];
    if (a.length > 1) out.push(a2[a2.length - 2]);
    if (b.length > 1) out.push(b2[b2.length - 1]);
    return [out];
  },
});

/** Infer and write the shape of every node output, in node order. */
export function inferGraphShapes(g: { tensors: Map<string, { shape: number[] }>; nodes: { name: string; op: string; inputs: string[]; outputs: string[]; attrs: Attrs }[] }): void {
  for (const node of g.nodes) {
    const shapes = node.inputs.map((name) => {
      const t = g.tensors.get(name);
      if (!t) throw new Error(`node '${node.name}' (${node.op}) reads unknown tensor '${name}'`);
      return t.shape;
    });
    let outs: number[][];
    try {
      outs = getOp(node.op).inferShapes(shapes, node.attrs);
    } catch (e) {
      throw new Error(`node '${node.name}' (${node.op}): ${(e as Error).message}`);
    }
    node.outputs.forEach((o, i) => {
      const t = g.tensors.get(o);
      if (t) t.shape = outs[i];
    });
  }
}
