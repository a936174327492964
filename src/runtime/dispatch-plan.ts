// The dispatch list of a graph: per node the kernel that accepts it, the variant chosen among
// those it offers, and its dispatches with their workgroup counts folded to the device's limits.
// Pure planning (no GPU objects), so it runs and is tested without a device.
import type { Graph, Node } from '../graph/ir.js';
import { selectKernel } from '../ops/kernels.js';
import { foldWorkgroups, type DispatchSpec, type KernelContext } from './kernel.js';

export interface DispatchRecord {
  index: number;
  /** Index of the node in graph order. */
  nodeIndex: number;
  node: Node;
  spec: DispatchSpec;
  workgroups: [number, number, number];
  /** The kernel that runs the node, the variant it runs, and the variants it offered. */
  kernel: string;
  variant?: string;
  candidates: string[];
}

/** Picks a node's variant among the kernel's candidates (the tuner's or the user's choice). */
export type VariantChooser = (node: Node, kernel: string, candidates: string[]) => string | undefined;

export function planDispatches(graph: Graph, ctx: KernelContext, choose?: VariantChooser): DispatchRecord[] {
  const out: DispatchRecord[] = [];
  graph.nodes.forEach((node, nodeIndex) => {
    const kernel = selectKernel(node, ctx);
    const candidates = kernel.variants?.(node, ctx) ?? [];
    const chosen = candidates.length ? choose?.(node, kernel.name, candidates) : undefined;
    if (chosen !== undefined && !candidates.includes(chosen)) {
      throw new Error(`node '${node.name}': kernel ${kernel.name} has no variant '${chosen}'; it offers ${candidates.join(', ')}`);
    }
    const variant = chosen ?? candidates[0];
    for (const spec of kernel.dispatches(node, ctx, variant)) {
      const workgroups = foldWorkgroups(spec.workgroups, ctx.limits.maxComputeWorkgroupsPerDimension);
      out.push({ index: out.length, nodeIndex, node, spec, workgroups, kernel: kernel.name, variant, candidates });
    }
  });
  return out;
}
