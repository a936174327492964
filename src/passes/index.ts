// The pass pipeline between a graph as written (builder or ONNX) and the graph the runtime runs.
import { cloneGraph, type Graph } from '../graph/ir.js';
import { fuseActivationPatterns } from './activation-patterns.js';
import { fuseActivations, fuseResidualAdd } from './epilogue.js';
import { fuseResizeAdd, splitPrcm, foldChannelScale } from './fuse.js';
import { reparameterizeRepConv } from './reparameterize.js';

export { reparameterizeRepConv } from './reparameterize.js';
export { fuseResizeAdd, splitPrcm, foldChannelScale } from './fuse.js';
export { fuseActivations, fuseResidualAdd } from './epilogue.js';
export { fuseActivationPatterns } from './activation-patterns.js';

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
    // Multi-op activations first (so they fuse), the residual before the activation after it.
    fuseActivationPatterns(g);
    fuseResidualAdd(g);
    fuseActivations(g);
    fuseResizeAdd(g);
    splitPrcm(g);
    foldChannelScale(g);
  }
  return g;
}
