// The pass pipeline between a graph as written (builder or ONNX) and the graph the runtime runs.
import { cloneGraph, type Graph } from '../graph/ir.js';
import { fuseActivationPatterns } from './activation-patterns.js';
import { fuseActivations, fuseResidualAdd } from './epilogue.js';
import { fuseResizeAdd, splitPrcm, foldChannelScale } from './fuse.js';
import { reparameterizeRepConv } from './reparameterize.js';
import { concatViews } from './concat-views.js';

export { reparameterizeRepConv } from './reparameterize.js';
export { concatViews, VIEW_ALIGNMENT } from './concat-views.js';
export { fuseResizeAdd, splitPrcm, foldChannelScale } from './fuse.js';
export { fuseActivations, fuseResidualAdd } from './epilogue.js';
export { fuseActivationPatterns } from './activation-patterns.js';

export interface OptimizeOptions {
  /** Merge training-form RepConv branches into one conv (default true). */
  reparameterize?: boolean;
  /** Apply kernel fusions (default true). */
  fuse?: boolean;
  /** Let concat inputs be written in place into the concatenation (default true). */
  concatViews?: boolean;
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
  // Last: views name tensors by their final producers.
  if (opts.concatViews ?? true) concatViews(g);
  return g;
}
