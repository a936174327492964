// Tensor lifetimes over the execution order and the bytes live at every node.
//
// The definition is a contract shared with the memory planner, which computes the
// same numbers independently; the two must agree exactly:
//   - every non-weight tensor (graph input, activation, output) has a lifetime
//     [first, last] in node indices of g.nodes;
//   - first = index of the producing node (graph inputs: 0);
//   - last = index of the last node that reads it; graph outputs: the last node
//     index; a tensor nothing reads: its first index;
//   - liveBytes(i) = bytes of non-weight tensors with first <= i <= last, plus the
//     bytes of every weight (weights stay resident for the whole run);
//   - a view (TensorInfo.view: a concat input written in place into the concatenation)
//     owns no bytes and has no lifetime of its own: the tensor owning it is live from
//     the earliest first to the latest last over itself and all its views.
// Tensors in g.tensors that no node produces and that are not graph inputs never
// exist at run time and are left out.
import { tensorBytes, weightBytes as graphWeightBytes, type Graph, type TensorRole } from '../graph/ir.js';
import { viewRoot } from '../graph/views.js';

export interface TensorLifetime {
  name: string;
  role: TensorRole;
  bytes: number;
  first: number;
  last: number;
  /** Layer of the producing node; graph inputs get 'input'. */
  layer: string;
}

export interface NodeLiveness {
  index: number;
  node: string;
  op: string;
  layer: string;
  liveBytes: number;
  activationBytes: number;
  weightBytes: number;
  liveTensors: string[];
}

export interface LayerLiveness {
  layer: string;
  /** Max liveBytes over the layer's nodes. */
  maxLiveBytes: number;
  maxActivationBytes: number;
  /** First node of the layer reaching the max. */
  peakIndex: number;
  peakNode: string;
}

export interface Liveness {
  weightBytes: number;
  peakBytes: number;
  peakActivationBytes: number;
  /** First node index reaching the peak. */
  peakIndex: number;
  peakNode: string;
  peakLayer: string;
  perNode: NodeLiveness[];
  perLayer: LayerLiveness[];
  lifetimes: TensorLifetime[];
}

export function tensorLifetimes(g: Graph): TensorLifetime[] {
  const lastIndex = g.nodes.length - 1;
  const first = new Map<string, number>();
  const layer = new Map<string, string>();
  for (const name of g.inputs) {
    first.set(name, 0);
    layer.set(name, 'input');
  }
  g.nodes.forEach((n, i) => {
    for (const o of n.outputs) {
      if (!first.has(o)) first.set(o, i);
      if (!layer.has(o)) layer.set(o, n.layer);
    }
  });
  const lastRead = new Map<string, number>();
  g.nodes.forEach((n, i) => n.inputs.forEach((x) => lastRead.set(x, i)));
  const outputs = new Set(g.outputs);
  const own = new Map<string, TensorLifetime>();
  for (const t of g.tensors.values()) {
    if (t.role === 'weight') continue;
    const f = first.get(t.name);
    if (f === undefined) continue;
    const read = lastRead.get(t.name) ?? f;
    const last = outputs.has(t.name) ? Math.max(lastIndex, read) : read;
    own.set(t.name, { name: t.name, role: t.role, bytes: tensorBytes(t), first: f, last, layer: layer.get(t.name)! });
  }
  // Creation order, so per-node lists read oldest first.
  return foldViews(g, own).sort((a, b) => a.first - b.first);
}

/** Views give their intervals to the tensors owning their memory and drop out. */
function foldViews(g: Graph, own: Map<string, TensorLifetime>): TensorLifetime[] {
  for (const t of [...own.values()]) {
    if (!g.tensors.get(t.name)!.view) continue;
    own.delete(t.name);
    const owner = own.get(viewRoot(g, t.name).root);
    if (!owner) throw new Error(`view '${t.name}' lies in '${viewRoot(g, t.name).root}', which no node produces`);
    owner.first = Math.min(owner.first, t.first);
    owner.last = Math.max(owner.last, t.last);
  }
  return [...own.values()];
}

/** Bytes of intervals live at each node index; shared with the in-place recomputation. */
export function liveProfile(intervals: readonly { first: number; last: number; bytes: number }[], nodeCount: number): number[] {
  const delta = new Array<number>(nodeCount + 1).fill(0);
  for (const iv of intervals) {
    delta[iv.first] += iv.bytes;
    delta[iv.last + 1] -= iv.bytes;
  }
  const out: number[] = [];
  let run = 0;
  for (let i = 0; i < nodeCount; i++) out.push((run += delta[i]));
  return out;
}

function argmaxFirst(values: readonly number[]): number {
  let best = 0;
  values.forEach((v, i) => v > values[best] && (best = i));
  return best;
}

export function computeLiveness(g: Graph): Liveness {
  const lifetimes = tensorLifetimes(g);
  const weights = graphWeightBytes(g);
  const acts = liveProfile(lifetimes, g.nodes.length);
  const perNode: NodeLiveness[] = g.nodes.map((n, i) => ({
    index: i,
    node: n.name,
    op: n.op,
    layer: n.layer,
    liveBytes: acts[i] + weights,
    activationBytes: acts[i],
    weightBytes: weights,
    liveTensors: lifetimes.filter((t) => t.first <= i && i <= t.last).map((t) => t.name),
  }));
  const peakIndex = g.nodes.length ? argmaxFirst(acts) : -1;
  const peak = perNode[peakIndex];
  return {
    weightBytes: weights,
    peakBytes: peak ? peak.liveBytes : weights,
    peakActivationBytes: peak ? peak.activationBytes : 0,
    peakIndex,
    peakNode: peak?.node ?? '',
    peakLayer: peak?.layer ?? '',
    perNode,
    perLayer: layerMaxima(perNode),
    lifetimes,
  };
}

function layerMaxima(perNode: readonly NodeLiveness[]): LayerLiveness[] {
  const byLayer = new Map<string, LayerLiveness>();
  for (const n of perNode) {
    const cur = byLayer.get(n.layer);
    if (!cur || n.liveBytes > cur.maxLiveBytes) {
      byLayer.set(n.layer, {
        layer: n.layer,
        maxLiveBytes: n.liveBytes,
        maxActivationBytes: n.activationBytes,
        peakIndex: n.index,
        peakNode: n.node,
      });
    }
  }
  return [...byLayer.values()];
}
