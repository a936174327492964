// RepConv.switch_to_deploy as a graph pass: a sum of depthwise branches on the same input,
// each BN(conv_kxk(x)), BN(conv_1x1(x)), BN(x) or a bare conv, becomes one kxk conv + bias.
// Each branch is folded (conv weight * gamma/sigma, bias beta - mu*gamma/sigma), padded to the
// largest kernel at its centre (identity = centre tap 1), and the branches are added.
import { attrInts, attrNumber, type Graph, type Node } from '../graph/ir.js';
import { foldBatchNorm } from './batchnorm.js';
import { hasSingleUse, producer, removeNodes } from './rewrite.js';

interface Branch {
  /** Depthwise kernel [C, k, k] (flattened) and its size. */
  weight: Float32Array;
  k: number;
  bias: Float32Array;
  nodes: Node[];
}

export function reparameterizeRepConv(g: Graph): number {
  let merged = 0;
  for (const root of [...g.nodes].reverse()) {
    if (root.op !== 'add' || !g.nodes.includes(root)) continue;
    const leaves = sumLeaves(g, root);
    if (leaves.adds.length === 0 || leaves.terms.length < 2) continue;
    const x = branchInput(g, leaves.terms[0]);
    if (!x) continue;
    const C = g.tensors.get(x)!.shape[1];
    const branches = leaves.terms.map((t) => asBranch(g, t, x, C));
    if (branches.some((b) => !b)) continue;
    replaceWithConv(g, root, x, C, branches as Branch[], leaves.adds);
    merged++;
  }
  return merged;
}

/** Terms of an add-tree whose inner sums are used once. */
function sumLeaves(g: Graph, root: Node): { terms: string[]; adds: Node[] } {
  const terms: string[] = [];
  const adds: Node[] = [root];
  const visit = (t: string): void => {
    const p = producer(g, t);
    if (p && p.op === 'add' && !p.attrs.prescale && !p.attrs.activation && hasSingleUse(g, t)) {
      adds.push(p);
      p.inputs.forEach(visit);
    } else terms.push(t);
  };
  if (root.attrs.prescale || root.attrs.activation) return { terms: [], adds: [] };
  root.inputs.forEach(visit);
  return { terms, adds: adds.slice(1).length ? adds : [root] };
}

function branchInput(g: Graph, term: string): string | undefined {
  const p = producer(g, term);
  if (!p) return undefined;
  if (p.op === 'batchnorm') {
    const inner = producer(g, p.inputs[0]);
    return inner?.op === 'conv2d' && hasSingleUse(g, p.inputs[0]) ? inner.inputs[0] : p.inputs[0];
  }
  return p.op === 'conv2d' ? p.inputs[0] : undefined;
}

function asBranch(g: Graph, term: string, x: string, C: number): Branch | undefined {
  if (!hasSingleUse(g, term)) return undefined;
  const p = producer(g, term)!;
  let bn: Node | undefined;
  let conv: Node | undefined;
  if (p.op === 'batchnorm') {
    bn = p;
    const inner = producer(g, p.inputs[0]);
    if (inner?.op === 'conv2d' && hasSingleUse(g, p.inputs[0])) conv = inner;
  } else if (p.op === 'conv2d') conv = p;
  const input = conv ? conv.inputs[0] : bn?.inputs[0];
  if (input !== x) return undefined;
  let branch: Branch | undefined;
  if (conv) branch = depthwiseBranch(g, conv, C);
  else branch = { weight: new Float32Array(C).fill(1), k: 1, bias: new Float32Array(C), nodes: [] };
  if (!branch) return undefined;
  if (bn) {
    const folded = foldBatchNorm(g, bn, branch.weight, branch.bias);
    branch.weight = folded.weight;
    branch.bias = folded.bias;
    branch.nodes.push(bn);
  }
  return branch;
}

/** A centred, stride-1 depthwise conv: the only kind RepConv branches are. */
function depthwiseBranch(g: Graph, conv: Node, C: number): Branch | undefined {
  const w = g.tensors.get(conv.inputs[1])!;
  const [oc, icg, kh, kw] = w.shape;
  const pads = attrInts(conv.attrs, 'pads', [0, 0, 0, 0]);
  const p = (kh - 1) / 2;
  const ok =
    oc === C && icg === 1 && kh === kw && kh % 2 === 1 && attrNumber(conv.attrs, 'group', 1) === C &&
    pads.every((x) => x === p) && attrInts(conv.attrs, 'strides', [1, 1]).every((s) => s === 1) &&
    attrInts(conv.attrs, 'dilations', [1, 1]).every((d) => d === 1) && !conv.attrs.activation && !conv.attrs.prescale && w.data;
  if (!ok) return undefined;
  const bias = conv.inputs[2] ? Float32Array.from(g.tensors.get(conv.inputs[2])!.data!) : new Float32Array(C);
  return { weight: Float32Array.from(w.data!), k: kh, bias, nodes: [conv] };
}

function replaceWithConv(g: Graph, root: Node, x: string, C: number, branches: Branch[], adds: Node[]): void {
  const K = Math.max(...branches.map((b) => b.k));
  const weight = new Float32Array(C * K * K);
  const bias = new Float32Array(C);
  for (const b of branches) {
    const off = (K - b.k) / 2;
    for (let c = 0; c < C; c++) {
      bias[c] += b.bias[c];
      for (let i = 0; i < b.k; i++)
        for (let j = 0; j < b.k; j++) weight[(c * K + i + off) * K + j + off] += b.weight[(c * b.k + i) * b.k + j];
    }
  }
  const wName = `${root.name}.weight`;
  const bName = `${root.name}.bias`;
  g.tensors.set(wName, { name: wName, shape: [C, 1, K, K], dtype: 'float32', role: 'weight', data: weight });
  g.tensors.set(bName, { name: bName, shape: [C], dtype: 'float32', role: 'weight', data: bias });
  const p = (K - 1) / 2;
  const dead = new Set<Node>([...adds, ...branches.flatMap((b) => b.nodes)]);
  dead.delete(root);
  root.op = 'conv2d';
  root.inputs = [x, wName, bName];
  root.attrs = { group: C, pads: [p, p, p, p], strides: [1, 1], dilations: [1, 1] };
  removeNodes(g, dead);
}
