// Recognizes LayerNorm as torch.onnx.export writes nn.LayerNorm before opset 17 and rewrites it
// to one `layernorm` node (three passes over the row instead of nine element-wise and
// reduction passes, and no intermediate maps):
//   m = ReduceMean(x, trailing axes, keepdims) -> d = Sub(x, m) -> Pow(d, 2) (or Mul(d, d)) -> ReduceMean(same)
//   -> Add(eps) -> Sqrt -> Div(d, .) [-> Mul(gamma) [-> Add(beta)]]
// Only when the exponent is 2, both means reduce the same trailing axes, every intermediate
// feeds only the chain, and gamma / beta are weights LayerNorm can index; anything else stays
// as it is (and runs op by op).
import { attrInts, attrNumber, numel, type Graph, type Node, type TensorInfo } from '../graph/ir.js';
import { isTrailingPart } from '../ops/norm/rows.js';
import { consumers, hasSingleUse, producer, removeNodes } from './rewrite.js';

interface Match {
  x: string;
  axis: number;
  epsilon: number;
  gamma?: string;
  beta?: string;
  /** Every matched node; the last one becomes the layernorm. */
  chain: Node[];
}

const plain = (n: Node | undefined): n is Node => n !== undefined && !n.attrs.activation && !n.attrs.prescale;

function weight(g: Graph, name: string): TensorInfo | undefined {
  const t = g.tensors.get(name);
  return t?.role === 'weight' && t.data ? t : undefined;
}

/** The single-use producer of `t` with kind `op`. */
function only(g: Graph, t: string, op: string): Node | undefined {
  const p = producer(g, t);
  return plain(p) && p.op === op && hasSingleUse(g, t) ? p : undefined;
}

/** The first axis of a mean over the trailing axes of its input, keeping them; undefined otherwise. */
function trailingMeanAxis(g: Graph, n: Node | undefined): number | undefined {
  if (!plain(n)) return undefined;
  const rank = g.tensors.get(n.inputs[0])!.shape.length;
  if (n.op === 'reduce_mean_hw') return 2;
  if (n.op !== 'reduce_mean' || attrNumber(n.attrs, 'keepdims', 1) !== 1) return undefined;
  const axes = [...attrInts(n.attrs, 'axes')].sort((a, b) => a - b);
  const first = rank - axes.length;
  return axes.length > 0 && axes.every((a, k) => a === first + k) ? first : undefined;
}

/** The other operand of a binary node, when `t` is one of its two. */
function other(n: Node, t: string): string | undefined {
  if (n.inputs.length !== 2) return undefined;
  if (n.inputs[0] === t) return n.inputs[1];
  return n.inputs[1] === t ? n.inputs[0] : undefined;
}

/** Pow(d, 2) (the exponent a weight or an attribute), or Mul(d, d) as ONNX's own LayerNorm function writes it. */
function isSquareOf(g: Graph, n: Node, d: string): boolean {
  if (n.op === 'mul') return n.inputs.length === 2 && n.inputs[0] === d && n.inputs[1] === d;
  if (n.inputs[0] !== d) return false;
  if (n.attrs.exponent !== undefined) return n.attrs.exponent === 2 && n.inputs.length === 1;
  const e = n.inputs.length === 2 ? weight(g, n.inputs[1]) : undefined;
  return e !== undefined && numel(e.shape) === 1 && e.data![0] === 2;
}

/** Matches the normalization from its Div: (x - m) / sqrt(mean((x - m)^2) + eps). */
function matchNormalize(g: Graph, div: Node): Match | undefined {
  if (!plain(div) || div.op !== 'div') return undefined;
  const [dName, sName] = div.inputs;
  const sqrt = only(g, sName, 'sqrt');
  const add = sqrt && only(g, sqrt.inputs[0], 'add');
  if (!sqrt || !add) return undefined;
  const v = add.inputs.map((t) => producer(g, t)).find((p) => p && (p.op === 'reduce_mean' || p.op === 'reduce_mean_hw'));
  const eps = v && weight(g, other(add, v.outputs[0]) ?? '');
  if (!v || !eps || numel(eps.shape) !== 1 || !hasSingleUse(g, v.outputs[0])) return undefined;
  const pow = only(g, v.inputs[0], 'pow') ?? only(g, v.inputs[0], 'mul');
  if (!pow || !isSquareOf(g, pow, dName)) return undefined;
  const sub = producer(g, dName);
  if (!plain(sub) || sub.op !== 'sub' || consumers(g, dName).length !== 2 || g.outputs.includes(dName)) return undefined;
  const [x, mName] = sub.inputs;
  const mean = only(g, mName, 'reduce_mean') ?? only(g, mName, 'reduce_mean_hw');
  const axis = trailingMeanAxis(g, mean);
  if (!mean || mean.inputs[0] !== x || axis === undefined || trailingMeanAxis(g, v) !== axis) return undefined;
  const shape = g.tensors.get(x)!.shape;
  if ([dName, div.outputs[0]].some((t) => g.tensors.get(t)!.shape.join() !== shape.join())) return undefined;
  return { x, axis, epsilon: eps.data![0], chain: [mean, sub, pow, v, add, sqrt, div] };
}

/** Extends the match with Mul(gamma) and Add(beta) when they are weights LayerNorm can index. */
function matchAffine(g: Graph, m: Match): Match {
  const normalized = g.tensors.get(m.x)!.shape.slice(m.axis);
  const step = (t: string, op: string): { node: Node; w: string } | undefined => {
    const [n] = consumers(g, t);
    const w = plain(n) && n.op === op && hasSingleUse(g, t) ? other(n, t) : undefined;
    const info = w === undefined ? undefined : weight(g, w);
    return info && isTrailingPart(info.shape, normalized) && g.tensors.get(n.outputs[0])!.shape.join() === g.tensors.get(t)!.shape.join() ? { node: n, w: w! } : undefined;
  };
  const mul = step(m.chain[m.chain.length - 1].outputs[0], 'mul');
  if (!mul) return m;
  const add = step(mul.node.outputs[0], 'add');
  if (!add) return { ...m, gamma: mul.w, chain: [...m.chain, mul.node] };
  return { ...m, gamma: mul.w, beta: add.w, chain: [...m.chain, mul.node, add.node] };
}

function fresh(taken: (n: string) => boolean, base: string): string {
  let name = base;
  for (let k = 1; taken(name); k++) name = `${base}_${k}`;
  return name;
}

/** The module path the matched nodes share ('/features/features.0/features.0.1'), else the last node's name. */
function scopeName(nodes: Node[]): string {
  const paths = nodes.map((n) => n.name.split('/'));
  const common: string[] = [];
  for (let i = 0; paths.every((p) => p.length > i + 1 && p[i] === paths[0][i]); i++) common.push(paths[0][i]);
  return common.length > 1 ? common.join('/') : nodes[nodes.length - 1].name;
}

export function fuseLayerNorm(g: Graph): number {
  const dead = new Set<Node>();
  let count = 0;
  for (const div of [...g.nodes]) {
    if (dead.has(div)) continue;
    const found = matchNormalize(g, div);
    if (!found) continue;
    const m = matchAffine(g, found);
    const last = m.chain[m.chain.length - 1];
    const names = new Set(g.nodes.map((n) => n.name));
    const name = fresh((n) => names.has(n) && n !== last.name, scopeName(m.chain));
    let gamma = m.gamma;
    if (!gamma) {
      gamma = fresh((n) => g.tensors.has(n), `${name}.scale`);
      g.tensors.set(gamma, { name: gamma, shape: [1], dtype: 'float32', role: 'weight', data: new Float32Array([1]) });
    }
    Object.assign(last, { name, op: 'layernorm', inputs: [m.x, gamma, ...(m.beta ? [m.beta] : [])], attrs: { axis: m.axis, epsilon: m.epsilon } });
    m.chain.slice(0, -1).forEach((n) => dead.add(n));
    count++;
  }
  removeNodes(g, dead);
  return count;
}
