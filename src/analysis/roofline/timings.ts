// Measured inputs of the roofline, described structurally: the engine's dispatch records
// and the profiler's per-node times fit these shapes without this module importing either.

/** One dispatch as the engine records it (DispatchRecord fits). */
export interface DispatchLike {
  node: { name: string };
  workgroups: readonly number[];
  spec: { shader: string };
}

export interface DispatchFacts {
  workgroups: number;
  /** The kernel declares var<workgroup> storage (slow on SwiftShader: barriers, spills). */
  sharedMemory: boolean;
}

export interface NodeTiming {
  node: string;
  /** Sum of the node's dispatches (median over runs); null when not measured. */
  measuredMs: number | null;
  dispatches?: DispatchFacts[];
}

export function usesSharedMemory(wgsl: string): boolean {
  return /var\s*<\s*workgroup\s*>/.test(wgsl);
}

/** Joins dispatch facts to per-node times (e.g. aggregateTimes().nodes[i].gpuTimeMs?.median). */
export function nodeTimings(dispatches: readonly DispatchLike[], nodeMs: ReadonlyMap<string, number | null>): NodeTiming[] {
  const byNode = new Map<string, DispatchFacts[]>();
  for (const d of dispatches) {
    const facts = { workgroups: d.workgroups.reduce((a, x) => a * x, 1), sharedMemory: usesSharedMemory(d.spec.shader) };
    byNode.set(d.node.name, [...(byNode.get(d.node.name) ?? []), facts]);
  }
  return [...byNode].map(([node, facts]) => ({ node, measuredMs: nodeMs.get(node) ?? null, dispatches: facts }));
}
