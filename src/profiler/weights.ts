// The weights an engine keeps resident, which the logical measure counts for the whole run
// (the liveness model does the same). The engine reports its weight allocations when it has
// `weightAllocations()`; until then they are read from the graph the engine uploaded, which
// is what its weight store holds (every tensor with role 'weight', at its exact byte size).
import { tensorBytes } from '../graph/ir.js';
import type { Engine } from '../runtime/engine.js';

export interface ResidentWeights {
  bytes: number;
  count: number;
  source: 'engine' | 'engine-graph';
}

type WithWeightReport = { weightAllocations?: () => { tensor: string; bytes: number }[] };

export function residentWeights(engine: Engine): ResidentWeights {
  const report = (engine as unknown as WithWeightReport).weightAllocations?.();
  if (report) return { bytes: report.reduce((a, w) => a + w.bytes, 0), count: report.length, source: 'engine' };
  const weights = [...engine.plan.graph.tensors.values()].filter((t) => t.role === 'weight');
  return { bytes: weights.reduce((a, t) => a + tensorBytes(t), 0), count: weights.length, source: 'engine-graph' };
}
