// The graph IR shared by every stage: builders and the ONNX importer write it,
// passes rewrite it, the planner, runtime, CPU reference and analysis read it.

export type DType = 'float32';
export type TensorRole = 'input' | 'weight' | 'activation' | 'output';
export type AttrValue = number | string | number[] | boolean;
export type Attrs = Record<string, AttrValue>;

export interface TensorInfo {
  name: string;
  /** NCHW for feature maps; any rank for weights and small tensors. */
  shape: number[];
  dtype: DType;
  role: TensorRole;
  /** Present for weights (role 'weight'). */
  data?: Float32Array;
  /**
   * Set by the concat-views pass: this tensor owns no memory of its own but lives inside tensor
   * `of`, starting `offset` elements in (its producer writes straight into the concatenation).
   */
  view?: TensorView;
}

export interface TensorView {
  of: string;
  /** Element offset into `of`; a contiguous run of this tensor's numel elements. */
  offset: number;
}

export interface Node {
  name: string;
  /** Op kind, a key of the op registry (src/graph/ops.ts). */
  op: string;
  inputs: string[];
  outputs: string[];
  attrs: Attrs;
  /** The block this node belongs to (encoder1..6, decoder1..5, final); used to aggregate per layer. */
  layer: string;
}

export interface Graph {
  tensors: Map<string, TensorInfo>;
  /** Kept in a valid execution (topological) order; see topoSort. */
  nodes: Node[];
  inputs: string[];
  outputs: string[];
}

export const BYTES_PER_ELEMENT: Record<DType, number> = { float32: 4 };

export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function tensorBytes(t: TensorInfo): number {
  return numel(t.shape) * BYTES_PER_ELEMENT[t.dtype];
}

export function getTensor(g: Graph, name: string): TensorInfo {
  const t = g.tensors.get(name);
  if (!t) throw new Error(`graph has no tensor named '${name}'`);
  return t;
}

export function attrNumber(attrs: Attrs, key: string, fallback?: number): number {
  const v = attrs[key];
  if (v === undefined) {
    if (fallback === undefined) throw new Error(`missing attribute '${key}'`);
    return fallback;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'number') throw new Error(`attribute '${key}' must be a number, got ${JSON.stringify(v)}`);
  return v;
}

export function attrInts(attrs: Attrs, key: string, fallback?: number[]): number[] {
  const v = attrs[key];
  if (v === undefined) {
    if (fallback === undefined) throw new Error(`missing attribute '${key}'`);
    return fallback;
  }
  if (typeof v === 'number') return [v];
  if (!Array.isArray(v)) throw new Error(`attribute '${key}' must be a list of numbers`);
  return v;
}

export function attrString(attrs: Attrs, key: string, fallback?: string): string {
  const v = attrs[key];
  if (v === undefined) {
    if (fallback === undefined) throw new Error(`missing attribute '${key}'`);
    return fallback;
  }
  if (typeof v !== 'string') throw new Error(`attribute '${key}' must be a string`);
  return v;
}

/** Tensors that nodes read or write and that are not weights: what the planner allocates. */
export function activationNames(g: Graph): string[] {
  return [...g.tensors.values()].filter((t) => t.role !== 'weight').map((t) => t.name);
}

export function weightBytes(g: Graph): number {
  let b = 0;
  for (const t of g.tensors.values()) if (t.role === 'weight') b += tensorBytes(t);
  return b;
}

export function paramCount(g: Graph): number {
  let n = 0;
  for (const t of g.tensors.values()) if (t.role === 'weight') n += numel(t.shape);
  return n;
}

/** Stable topological order (Kahn's algorithm, ties broken by original position). */
export function topoSort(g: Graph): Node[] {
  const producer = new Map<string, number>();
  g.nodes.forEach((n, i) => n.outputs.forEach((o) => producer.set(o, i)));
  const indeg = g.nodes.map(() => 0);
  const users: number[][] = g.nodes.map(() => []);
  g.nodes.forEach((n, i) => {
    for (const inp of new Set(n.inputs)) {
      const p = producer.get(inp);
      if (p !== undefined) {
        indeg[i]++;
        users[p].push(i);
      }
    }
  });
  const ready: number[] = [];
  indeg.forEach((d, i) => d === 0 && ready.push(i));
  const order: Node[] = [];
  while (ready.length) {
    ready.sort((a, b) => a - b);
    const i = ready.shift()!;
    order.push(g.nodes[i]);
    for (const u of users[i]) if (--indeg[u] === 0) ready.push(u);
  }
  if (order.length !== g.nodes.length) throw new Error('graph has a cycle');
  return order;
}

export function cloneGraph(g: Graph): Graph {
  return {
    tensors: new Map([...g.tensors].map(([k, t]) => [k, { ...t, shape: [...t.shape] }])),
    nodes: g.nodes.map((n) => ({ ...n, inputs: [...n.inputs], outputs: [...n.outputs], attrs: { ...n.attrs } })),
    inputs: [...g.inputs],
    outputs: [...g.outputs],
  };
}
