// Fusions into a producer's epilogue: an activation after any op whose kernels take one, and a
// residual Add (conv -> add(skip) [-> act], resnet's order) into the conv. Each removes one
// node, one dispatch and one intermediate feature map.
import { attrString, type Graph, type Node } from '../graph/ir.js';
import { getOp, hasOp } from '../ops/registry.js';
import { unaryRow } from '../ops/unary/op.js';
import { epilogueActivation, fusableActivation, setActivation } from '../ops/unary/epilogue.js';
import { hasSingleUse, producer, removeNodes, replaceUses } from './rewrite.js';

const noActivation = (n: Node) => attrString(n.attrs, 'activation', 'none') === 'none';

/** Whether `host`'s kernels can apply unary kind `act` to their output. */
function takesActivation(host: Node, act: string): boolean {
  if (!hasOp(host.op) || host.outputs.length !== 1 || !noActivation(host)) return false;
  const rules = getOp(host.op).fusion;
  if (rules?.epilogue) return epilogueActivation(act);
  return Boolean(rules?.activation) && fusableActivation(act);
}

/** act(f(x)) -> f(x) with a fused activation, when f's output feeds nothing else. */
export function fuseActivations(g: Graph): void {
  const dead = new Set<Node>();
  for (const u of g.nodes) {
    if (!unaryRow(u.op) || u.attrs.prescale || u.op === 'identity') continue;
    const t = u.inputs[0];
    const host = producer(g, t);
    if (!host || dead.has(host) || !hasSingleUse(g, t) || !takesActivation(host, u.op)) continue;
    setActivation(host.attrs, u.op, u.attrs);
    if (g.outputs.includes(u.outputs[0])) host.outputs = [u.outputs[0]];
    else replaceUses(g, u.outputs[0], t);
    dead.add(u);
  }
  removeNodes(g, dead);
}

const sameShape = (g: Graph, a: string, b: string) => g.tensors.get(a)!.shape.join() === g.tensors.get(b)!.shape.join();

/** The conv whose output is add's input `idx`, when it can absorb the add with the other input as residual. */
function residualHost(g: Graph, add: Node, idx: number): Node | undefined {
  const [c, skip] = [add.inputs[idx], add.inputs[1 - idx]];
  const conv = producer(g, c);
  if (!conv || !hasOp(conv.op) || !getOp(conv.op).fusion?.epilogue || conv.attrs.residual || !noActivation(conv)) return undefined;
  if (c === skip || !hasSingleUse(g, c) || !sameShape(g, c, skip) || !sameShape(g, c, add.outputs[0])) return undefined;
  // One buffer cannot be bound twice (all storage bindings are writable).
  if (conv.inputs.includes(skip)) return undefined;
  return conv;
}

/** Whether tensor t exists when the node at `at` runs (an input, a weight or computed before). */
function availableAt(g: Graph, t: string, at: number): boolean {
  const p = g.nodes.findIndex((n) => n.outputs.includes(t));
  return p < 0 ? g.tensors.has(t) : p < at;
}

/**
 * add(conv(x), skip) -> conv(x) with residual skip. The fused node stays at the conv's place when
 * skip is computed by then (skip then dies earlier), else it takes the add's place. When both
 * operands are convs, the one that keeps its place is preferred.
 */
export function fuseResidualAdd(g: Graph): void {
  const dead = new Set<Node>();
  for (const add of [...g.nodes]) {
    if (add.op !== 'add' || add.inputs.length !== 2 || add.attrs.prescale || !noActivation(add)) continue;
    const options = [0, 1].map((idx) => ({ idx, conv: residualHost(g, add, idx) })).filter((o) => o.conv && !dead.has(o.conv));
    if (!options.length) continue;
    const inPlace = (o: (typeof options)[number]) => availableAt(g, add.inputs[1 - o.idx], g.nodes.indexOf(o.conv!));
    const pick = options.find(inPlace) ?? options[0];
    const conv = pick.conv!;
    const skip = add.inputs[1 - pick.idx];
    const scaled = Boolean(conv.attrs.prescale);
    conv.inputs = scaled ? [...conv.inputs.slice(0, -1), skip, conv.inputs[conv.inputs.length - 1]] : [...conv.inputs, skip];
    conv.attrs.residual = true;
    conv.outputs = [add.outputs[0]];
    if (inPlace(pick)) {
      dead.add(add);
    } else {
      g.nodes.splice(g.nodes.indexOf(conv), 1);
      g.nodes[g.nodes.indexOf(add)] = conv;
    }
  }
  removeNodes(g, dead);
}
