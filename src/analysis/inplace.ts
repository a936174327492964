// In-place reuse: a node may write its output over an input when that input dies at
// the node, has the output's shape, and every output element depends on the input
// only at the same index. The peak is then recomputed with the aliased buffers merged.
import { weightBytes, type Graph, type Node } from '../graph/ir.js';
import { splitPrescale } from '../graph/shape.js';
import { hasOp, getOp } from '../ops/registry.js';
import { liveProfile, tensorLifetimes, type TensorLifetime } from './liveness.js';

export interface InPlaceCandidate {
  index: number;
  node: string;
  op: string;
  /** The input whose buffer the output would take over. */
  input: string;
  output: string;
  bytes: number;
  reason: string;
  /** Peak reduction if only this alias were applied. */
  peakDropBytes: number;
}

export interface InPlaceReport {
  candidates: InPlaceCandidate[];
  /** Peak with one alias per node (the first candidate of each node) applied together. */
  peakWithAllBytes: number;
  peakDropWithAllBytes: number;
  peakIndexWithAll: number;
}

/** Why `node` may overwrite its input at `pos` (its op module's rule), or null when it may not. */
function inPlaceReason(node: Node, pos: number): string | null {
  const { main } = splitPrescale(node.inputs, node.attrs);
  if (pos >= main || !hasOp(node.op)) return null;
  return getOp(node.op).inPlace?.(pos, node) ?? null;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Candidates before their peak effect is known. */
function findCandidates(g: Graph, lifetimes: Map<string, TensorLifetime>): Omit<InPlaceCandidate, 'peakDropBytes'>[] {
  const out: Omit<InPlaceCandidate, 'peakDropBytes'>[] = [];
  const external = new Set([...g.inputs, ...g.outputs]);
  g.nodes.forEach((node, index) => {
    if (node.outputs.length !== 1) return;
    const outT = g.tensors.get(node.outputs[0]);
    if (!outT) return;
    node.inputs.forEach((name, pos) => {
      const lt = lifetimes.get(name);
      // Graph inputs and outputs are caller-owned buffers and are never overwritten.
      if (!lt || lt.last !== index || external.has(name) || node.inputs.indexOf(name) !== pos) return;
      if (!sameShape(g.tensors.get(name)!.shape, outT.shape)) return;
      const reason = inPlaceReason(node, pos);
      if (reason) out.push({ index, node: node.name, op: node.op, input: name, output: outT.name, bytes: lt.bytes, reason });
    });
  });
  return out;
}

/** Peak live bytes when each (input -> output) pair shares one buffer. */
export function peakWithAliases(g: Graph, aliases: readonly { input: string; output: string }[]): { peakBytes: number; peakIndex: number } {
  const lifetimes = tensorLifetimes(g);
  const parent = new Map<string, string>(lifetimes.map((t) => [t.name, t.name]));
  const root = (x: string): string => {
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  for (const a of aliases) parent.set(root(a.output), root(a.input));
  const groups = new Map<string, { first: number; last: number; bytes: number }>();
  for (const t of lifetimes) {
    const r = root(t.name);
    const grp = groups.get(r);
    if (!grp) groups.set(r, { first: t.first, last: t.last, bytes: t.bytes });
    else groups.set(r, { first: Math.min(grp.first, t.first), last: Math.max(grp.last, t.last), bytes: Math.max(grp.bytes, t.bytes) });
  }
  const acts = liveProfile([...groups.values()], g.nodes.length);
  let peakIndex = 0;
  acts.forEach((v, i) => v > acts[peakIndex] && (peakIndex = i));
  return { peakBytes: (acts[peakIndex] ?? 0) + weightBytes(g), peakIndex };
}

export function inPlaceReport(g: Graph): InPlaceReport {
  const lifetimes = new Map(tensorLifetimes(g).map((t) => [t.name, t]));
  const base = peakWithAliases(g, []).peakBytes;
  const raw = findCandidates(g, lifetimes);
  const candidates = raw.map((c) => ({ ...c, peakDropBytes: base - peakWithAliases(g, [c]).peakBytes }));
  // A node has one output buffer, so at most one of its inputs can be taken over.
  const chosen = candidates.filter((c, i) => i === 0 || candidates[i - 1].index !== c.index);
  const all = peakWithAliases(g, chosen);
  return { candidates, peakWithAllBytes: all.peakBytes, peakDropWithAllBytes: base - all.peakBytes, peakIndexWithAll: all.peakIndex };
}
