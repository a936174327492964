// The pass pipeline between a graph as written (builder or ONNX) and the graph the runtime runs.
import { cloneGraph, type Graph } from '../graph/ir.js';
import { fuseConvRelu, fuseResizeAdd, splitPrcm, foldChannelScale } from './fuse.js';
import { reparameterizeRepConv } from './reparameterize.js';
import { concatViews } from './concat-views.js';

export { reparameterizeRepConv } from './reparameterize.js';
export { concatViews, VIEW_ALIGNMENT } from './concat-views.js';
export { fuseConvRelu, fuseResizeAdd, splitPrcm, foldChannelScale } from './fuse.js';

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
    fuseConvRelu(g);
    fuseResizeAdd(g);
    splitPrcm(g);
    foldChannelScale(g);
  }
  // Last: views name tensors by their final producers.
  if (opts.concatViews ?? true) concatViews(g);
  return g;
}
