// The pass pipeline between a graph as written (builder or ONNX) and the graph the runtime runs.
import { cloneGraph, type Graph } from '../graph/ir.js';
import { fuseConvRelu, fuseResizeAdd, splitPrcm, foldChannelScale } from './fuse.js';
import { reparameterizeRepConv } from './reparameterize.js';

export { reparameterizeRepConv } from './reparameterize.js';
export { fuseConvRelu, fuseResizeAdd, splitPrcm, foldChannelScale } from './fuse.js';

export interface OptimizeOptions {
  /** Merge training-form RepConv branches into one conv (default true). */
  reparameterize?: boolean;
  /** Apply kernel fusions (default true). */
  fuse?: boolean;
}

/** Returns a rewritten copy; the input graph is not modified. */
export function optimize(input: Graph, opts: OptimizeOptions = {}): Graph {
  const g = cloneGraph(input);
  if (opts.reparameterize ?? true) reparameterizeRepConv(g);
  if (opts.fuse ?? true) {
    fuseConvRelu(g);
    fuseResizeAdd(g);
    splitPrcm(g);
    foldChannelScale(g);
  }
  return g;
}
