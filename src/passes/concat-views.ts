// Zero-copy concat: an input of a concat becomes a view of the concat's output, so its producer
// writes straight into its slice and the concat copies nothing for it.
//
// A view is bound as its own storage binding inside the owner's buffer, so it must be one
// contiguous run (the concat is flat: every axis before the concat axis has size 1, e.g. batch 1
// along channels) starting at a multiple of VIEW_ALIGNMENT bytes (WebGPU's largest allowed
// minStorageBufferOffsetAlignment, so the choice holds on every device). Other inputs keep their
// copy. Concats are visited last first, so a chain (densenet: each layer's concat is a prefix of
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
  for (const node of [...g.nodes].reverse()) {
    if (!isFlatConcat(g, node) || !owned(node.outputs[0])) continue;
    if (!g.tensors.get(node.outputs[0])!.view && joinIfLaidOut(g, node)) continue;
    claimInputs(g, node, owned);
  }
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
