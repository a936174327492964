// What a tuning decision depends on: the adapter, the kernel and the variants it offers, and the
// node's signature (op, attributes with any fused epilogue, every input and output shape). Nodes
// with equal keys run the same programs on the same data sizes, so they share one tuning.
import type { Graph, Node } from '../../graph/ir.js';
import type { AdapterKey } from '../ceilings/types.js';

/** Every tuning entry's key starts with this (the CLI mirrors such entries to disk). */
export const TUNING_CACHE_PREFIX = 'wgpu-ws-profiler:tuning:v1:';

/** FNV-1a, 32-bit, hex. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function sortedAttrs(node: Node): [string, unknown][] {
  return Object.keys(node.attrs)
    .sort()
    .map((k) => [k, node.attrs[k]]);
}

/** Op, attributes and shapes; names and weight values do not change a kernel's speed. */
export function nodeSignature(node: Node, graph: Graph): string {
  const shape = (t: string) => graph.tensors.get(t)?.shape ?? null;
  return JSON.stringify({ op: node.op, attrs: sortedAttrs(node), in: node.inputs.map(shape), out: node.outputs.map(shape) });
}

export interface TuningSubject {
  adapter: AdapterKey;
  kernel: string;
  candidates: readonly string[];
  signature: string;
}

export function tuningKey(s: TuningSubject): string {
  const a = s.adapter;
  const identity = JSON.stringify({ a: [a.vendor, a.architecture, a.device, a.description], k: s.kernel, c: s.candidates, s: s.signature });
  return `${TUNING_CACHE_PREFIX}${a.vendor}/${a.architecture}:${s.kernel}:${hash(identity)}`;
}
