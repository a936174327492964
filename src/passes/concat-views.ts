// Zero-copy concat: an input of a concat becomes a view of the concat's output, so its producer
// writes straight into its slice and the concat copies nothing for it.
//
// A view is bound as its own storage binding inside the owner's buffer, so it must be one
// contiguous run (the concat is flat: every axis before the concat axis has size 1, e.g. batch 1
// along channels) starting at a multiple of VIEW_ALIGNMENT bytes (WebGPU's largest allowed
// minStorageBufferOffsetAlignment, so the choice holds on every device). Other inputs keep their
// copy. A producer that stores whole vec4s past its end (its binding is rounded up to 16 bytes)
// can only touch a part that is copied, and the concat's copy runs after every producer; the
// next view starts 256-aligned, so a part before it ends on a vec4. Concats are visited last first, so a chain (densenet: each layer's concat is a prefix of
// the block's last one; cat(cat(a, b), c)) resolves to the outermost tensor:
//   - an input that is already a view of the same owner at the right place is shared;
//   - a concat output all of whose inputs already lie end to end in one owner becomes a view too,
//     and that concat then runs no dispatch at all.
import { numel, type Graph, type Node } from '../graph/ir.js';
import { concatOffsets, isFlatConcat, viewRoot } from '../graph/views.js';

/** Bytes; a view's offset must be a multiple of this to be bound directly. */
export const VIEW_ALIGNMENT = 256;

const aligned = (elements: number): boolean => (elements * 4) % VIEW_ALIGNMENT === 0;

export function concatViews(g: Graph): void {
  const external = new Set([...g.inputs, ...g.outputs]);
  const produced = new Set(g.nodes.flatMap((n) => n.outputs));
  const owned = (t: string): boolean => !external.has(t) && produced.has(t) && g.tensors.get(t)?.role === 'activation';
  const joined = new Set<string>();
  for (const node of [...g.nodes].reverse()) {
    if (!isFlatConcat(g, node) || !owned(node.outputs[0])) continue;
    if (!g.tensors.get(node.outputs[0])!.view && joinIfLaidOut(g, node)) {
      joined.add(node.outputs[0]);
      continue;
    }
    claimInputs(g, node, owned);
  }
  pruneViews(g, joined);
}

/** Makes the concat's output a view when its inputs already lie end to end in one owner. */
function joinIfLaidOut(g: Graph, node: Node): boolean {
  const offsets = concatOffsets(g, node);
  const roots = node.inputs.map((t) => (g.tensors.get(t)!.view ? viewRoot(g, t) : undefined));
  const first = roots[0];
  if (!first || first.root === node.outputs[0] || !aligned(first.offset)) return false;
  const laidOut = roots.every((r, i) => r && r.root === first.root && r.offset === first.offset + offsets[i]);
  if (laidOut) g.tensors.get(node.outputs[0])!.view = { of: first.root, offset: first.offset };
  return laidOut;
}

function claimInputs(g: Graph, node: Node, owned: (t: string) => boolean): void {
  const out = viewRoot(g, node.outputs[0]);
  const offsets = concatOffsets(g, node);
  node.inputs.forEach((t, i) => {
    const info = g.tensors.get(t)!;
    const at = out.offset + offsets[i];
    const once = node.inputs.indexOf(t) === i && node.inputs.lastIndexOf(t) === i;
    if (info.view || !owned(t) || !once || t === out.root || !aligned(at)) return;
    if (numel(info.shape) === 0) return;
    info.view = { of: out.root, offset: at };
  });
}

// A view makes the concatenation live from the first part's producer on, so a block whose
// branches run long after the first part (an inception block: the pooled branch comes last; a
// dense block: the whole block's channels from its first layer) can hold more bytes than with
// the copies. Each owner keeps the views that give the lowest peak of live bytes over the whole
// graph, dropping its earliest-produced parts first and, at equal peaks, keeping the most views:
// the views never raise the peak. Below the peak a block may hold more than with copies.

interface Interval {
  first: number;
  last: number;
}

/** [producer, last reader] of every non-weight tensor, as the planner's lifetimes define them. */
function ownIntervals(g: Graph): Map<string, Interval> {
  const out = new Map<string, Interval>();
  const end = g.nodes.length - 1;
  for (const name of g.inputs) out.set(name, { first: 0, last: 0 });
  g.nodes.forEach((n, i) => {
    for (const t of n.inputs) if (g.tensors.get(t)?.role !== 'weight' && out.has(t)) out.get(t)!.last = i;
    for (const t of n.outputs) if (!out.has(t)) out.set(t, { first: i, last: i });
  });
  for (const o of g.outputs) if (out.has(o)) out.get(o)!.last = end;
  return out;
}

/** Max over all nodes of the activation bytes live there, views folded into their owners. */
function peakLive(g: Graph, own: Map<string, Interval>): number {
  const owners = new Map<string, Interval & { bytes: number }>();
  for (const [t, iv] of own) {
    const root = viewRoot(g, t).root;
    const cur = owners.get(root);
    if (!cur) owners.set(root, { ...iv, bytes: numel(g.tensors.get(root)!.shape) * 4 });
    else owners.set(root, { ...cur, first: Math.min(cur.first, iv.first), last: Math.max(cur.last, iv.last) });
  }
  const delta = new Array<number>(g.nodes.length + 1).fill(0);
  for (const o of owners.values()) {
    delta[o.first] += o.bytes;
    delta[o.last + 1] -= o.bytes;
  }
  let max = 0;
  let live = 0;
  for (let i = 0; i < g.nodes.length; i++) max = Math.max(max, (live += delta[i]));
  return max;
}

/** Drops the view of every concat output whose inputs no longer all lie in place (to a fixpoint). */
function dropBrokenJoins(g: Graph, joined: readonly string[]): void {
  const concatOf = new Map(g.nodes.filter((n) => n.op === 'concat').map((n) => [n.outputs[0], n]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const x of joined) {
      const node = concatOf.get(x)!;
      const info = g.tensors.get(x)!;
      if (!info.view || node.inputs.every((t) => (g.tensors.get(t)!.view ? inPlaceAt(g, t, x, node) : false))) continue;
      delete info.view;
      changed = true;
    }
  }
}

function inPlaceAt(g: Graph, t: string, x: string, node: Node): boolean {
  const i = node.inputs.indexOf(t);
  const part = viewRoot(g, t);
  const out = viewRoot(g, x);
  return part.root === out.root && part.offset === out.offset + concatOffsets(g, node)[i];
}

function pruneViews(g: Graph, joined: ReadonlySet<string>): void {
  const own = ownIntervals(g);
  const roots = [...new Set([...g.tensors.values()].filter((t) => t.view).map((t) => viewRoot(g, t.name).root))];
  for (const root of roots) {
    const group = [...g.tensors.values()].filter((t) => t.view && viewRoot(g, t.name).root === root).map((t) => ({ t, view: t.view! }));
    // Direct parts in production order; joined concat outputs follow from them.
    const parts = group.filter((m) => !joined.has(m.t.name)).sort((a, b) => own.get(a.t.name)!.first - own.get(b.t.name)!.first);
    const apply = (k: number): number => {
      for (const m of group) m.t.view = m.view;
      for (const m of parts.slice(0, k)) delete m.t.view;
      dropBrokenJoins(g, [...joined]);
      return peakLive(g, own);
    };
    let best = parts.length;
    let bestMax = apply(best);
    for (let k = parts.length - 1; k >= 0; k--) {
      const m = apply(k);
      if (m <= bestMax) [best, bestMax] = [k, m];
    }
    apply(best);
  }
}
