// Recognizes PRCM as torch.onnx.export writes it and rewrites it to one `prcm` node:
//   ctx = ReduceMean(x, axes=[2,3]) -> (Reshape/Flatten/Squeeze)* -> MatMul(basis^T)
//   -> MatMul(fuser^T) -> Sigmoid -> (Unsqueeze/Reshape)* -> Mul(x, gate)
// The file holds basis^T [C,B] and fuser^T [B,C] (PyTorch folds the .t() into the
// initializer); `prcm` takes basis [B,C] and fuser [C,B], so both are transposed back.
import type { Graph, Node, TensorInfo } from '../graph/ir.js';
import { hasSingleUse, producer, removeNodes } from './rewrite.js';

interface Match {
  chain: Node[];
  x: string;
  w1: TensorInfo;
  w2: TensorInfo;
}

/** Follows single-use reshapes upward from `t`; returns the first non-reshape producer. */
function throughReshapes(g: Graph, t: string, chain: Node[]): Node | undefined {
  let p = producer(g, t);
  while (p && p.op === 'reshape' && hasSingleUse(g, p.outputs[0]) && !p.attrs.prescale) {
    chain.push(p);
    p = producer(g, p.inputs[0]);
  }
  return p && hasSingleUse(g, p.outputs[0]) ? p : undefined;
}

function constMatrix(g: Graph, name: string): TensorInfo | undefined {
  const t = g.tensors.get(name);
  return t && t.role === 'weight' && t.data && t.shape.length === 2 ? t : undefined;
}

function matchGate(g: Graph, gate: string, x: string): Match | undefined {
  const chain: Node[] = [];
  const xs = g.tensors.get(x)!.shape;
  if (xs.length !== 4 || g.tensors.get(gate)!.shape.join() !== [xs[0], xs[1], 1, 1].join()) return undefined;
  const sig = throughReshapes(g, gate, chain);
  if (sig?.op !== 'sigmoid') return undefined;
  const mm2 = producer(g, sig.inputs[0]);
  if (mm2?.op !== 'matmul' || !hasSingleUse(g, mm2.outputs[0])) return undefined;
  const mm1 = producer(g, mm2.inputs[0]);
  if (mm1?.op !== 'matmul' || !hasSingleUse(g, mm1.outputs[0])) return undefined;
  const red = throughReshapes(g, mm1.inputs[0], chain);
  if (red?.op !== 'reduce_mean_hw' || red.inputs[0] !== x || red.attrs.prescale) return undefined;
  const w1 = constMatrix(g, mm1.inputs[1]);
  const w2 = constMatrix(g, mm2.inputs[1]);
  const C = xs[1];
  if (!w1 || !w2 || w1.shape[0] !== C || w2.shape[1] !== C || w1.shape[1] !== w2.shape[0]) return undefined;
  if (g.tensors.get(mm1.inputs[0])!.shape.join() !== [xs[0], C].join()) return undefined;
  return { chain: [...chain, sig, mm2, mm1, red], x, w1, w2 };
}

function transposed(t: TensorInfo): Float32Array {
  const [r, c] = t.shape;
  const out = new Float32Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = t.data![i * c + j];
  return out;
}

/** The module path shared by the matched nodes ('/encoder1/prcm'), else the Mul's name. */
function scopeName(nodes: Node[], fallback: string): string {
  const paths = nodes.map((n) => n.name.split('/'));
  const common: string[] = [];
  for (let i = 0; paths.every((p) => p.length > i + 1 && p[i] === paths[0][i]); i++) common.push(paths[0][i]);
  return common.length > 1 ? common.join('/') : fallback;
}

function fresh(taken: (n: string) => boolean, base: string): string {
  let name = base;
  for (let k = 1; taken(name); k++) name = `${base}_${k}`;
  return name;
}

export function recognizePrcm(g: Graph): number {
  const dead = new Set<Node>();
  let count = 0;
  for (const mul of g.nodes) {
    if (mul.op !== 'mul' || mul.attrs.prescale || mul.attrs.activation || dead.has(mul)) continue;
    const m = [0, 1].map((i) => matchGate(g, mul.inputs[1 - i], mul.inputs[i])).find(Boolean);
    if (!m) continue;
    const nodeNames = new Set(g.nodes.map((n) => n.name));
    const name = fresh((n) => nodeNames.has(n) && n !== mul.name, scopeName([mul, ...m.chain], mul.name));
    const basis = fresh((n) => g.tensors.has(n), `${name}.basis`);
    const fuser = fresh((n) => g.tensors.has(n), `${name}.fuser`);
    const [C, B] = m.w1.shape;
    g.tensors.set(basis, { name: basis, shape: [B, C], dtype: 'float32', role: 'weight', data: transposed(m.w1) });
    g.tensors.set(fuser, { name: fuser, shape: [C, B], dtype: 'float32', role: 'weight', data: transposed(m.w2) });
    Object.assign(mul, { name, op: 'prcm', inputs: [m.x, basis, fuser], attrs: {} });
    m.chain.forEach((n) => dead.add(n));
    count++;
  }
  removeNodes(g, dead);
  return count;
}
