// Activations exporters write as several ops, recognized so they run (and fuse) as one kind:
// x * Sigmoid(x) (SiLU), x * HardSigmoid(x; 1/6, 1/2) (HardSwish before opset 14) and torch's
// erf GELU, 0.5 * (x * (1 + Erf(x / sqrt 2))).
import { attrNumber, type Graph, type Node } from '../graph/ir.js';
import { hasSingleUse, producer, removeNodes } from './rewrite.js';

const plain = (n: Node | undefined, op: string): n is Node =>
  n !== undefined && n.op === op && !n.attrs.prescale && (n.attrs.activation ?? 'none') === 'none';

/** The value of a one-element constant (weight with data), else undefined. */
function scalar(g: Graph, t: string): number | undefined {
  const info = g.tensors.get(t);
  return info?.data && info.data.length === 1 ? info.data[0] : undefined;
}

const near = (a: number | undefined, b: number) => a !== undefined && Math.abs(a - b) <= 1e-6 * Math.abs(b);

/** For a two-input node, the operand pairs [a, b] in both orders. */
const orders = (n: Node): [string, string][] => [[n.inputs[0], n.inputs[1]], [n.inputs[1], n.inputs[0]]];

/** The single-use producer of t if it is a plain `op`. */
function fed(g: Graph, t: string, op: string): Node | undefined {
  const p = producer(g, t);
  return plain(p, op) && hasSingleUse(g, t) ? p : undefined;
}

function gateOf(g: Graph, mul: Node): { x: string; gate: Node; kind: string } | undefined {
  for (const [x, s] of orders(mul)) {
    const sig = fed(g, s, 'sigmoid');
    if (sig && sig.inputs[0] === x) return { x, gate: sig, kind: 'silu' };
    const hs = fed(g, s, 'hardsigmoid');
    if (hs && hs.inputs[0] === x && near(attrNumber(hs.attrs, 'alpha', 0.2), 1 / 6) && near(attrNumber(hs.attrs, 'beta', 0.5), 0.5)) return { x, gate: hs, kind: 'hardswish' };
  }
  return undefined;
}

/** mul(mul(x, add(erf(div(x, sqrt 2)), 1)), 0.5), operands of mul and add in either order. */
function geluOf(g: Graph, outer: Node): { x: string; dead: Node[] } | undefined {
  for (const [m, half] of orders(outer)) {
    const inner = fed(g, m, 'mul');
    if (!near(scalar(g, half), 0.5) || !inner) continue;
    for (const [x, a] of orders(inner)) {
      const add = fed(g, a, 'add');
      const one = add && orders(add).find(([e, c]) => near(scalar(g, c), 1) && fed(g, e, 'erf'));
      const erf = one && fed(g, one[0], 'erf');
      const div = erf && fed(g, erf.inputs[0], 'div');
      if (div && div.inputs[0] === x && near(scalar(g, div.inputs[1]), Math.SQRT2)) return { x, dead: [inner, add!, erf, div] };
    }
  }
  return undefined;
}

export function fuseActivationPatterns(g: Graph): void {
  const dead = new Set<Node>();
  for (const n of g.nodes) {
    if (!plain(n, 'mul') || n.inputs.length !== 2 || dead.has(n)) continue;
    const gate = gateOf(g, n);
    const gelu = gate ? undefined : geluOf(g, n);
    const found = gate ? { x: gate.x, kind: gate.kind, dead: [gate.gate] } : gelu && { x: gelu.x, kind: 'gelu', dead: gelu.dead };
    if (!found || found.dead.some((d) => dead.has(d))) continue;
    n.op = found.kind;
    n.inputs = [found.x];
    n.attrs = {};
    for (const d of found.dead) dead.add(d);
  }
  removeNodes(g, dead);
}
