// Page side of the zoo-copy concat tests: conv/pool branches joined by a concat, with the
// concat-views pass applied, run on the engine (arena and pool) against the CPU reference.
import { getDevice } from '../device';
import { concatViews } from '../../../src/passes/index';
import { runReference } from '../../../src/reference/run';
import { compare, tensor, type ErrorStats, type Tensor } from '../../../src/reference/tensor';
import { Engine } from '../../../src/runtime/engine';
import { buildConcat, type ConcatSpec } from './concat-graph';

export interface ConcatRun {
  views: number;
  concatDispatches: number;
  arena: ErrorStats;
  pool: ErrorStats;
}

export async function concatCase(s: ConcatSpec): Promise<ConcatRun> {
  const { device } = await getDevice();
  const built = buildConcat(s);
  const feeds: Record<string, Tensor> = { x: tensor(built.graph.tensors.get('x')!.shape, built.feeds.x) };
  const out = built.graph.outputs[0];
  const ref = runReference(built.graph, feeds).outputs.get(out)!;
  concatViews(built.graph);
  const run = async (mode: 'arena' | 'pool') => {
    const engine = await Engine.create(device, built.graph, { mode });
    try {
      const y = await engine.run(built.feeds);
      return { stats: compare(y[out], ref.data), concatDispatches: engine.dispatches.filter((d) => d.node.op === 'concat').length };
    } finally {
      engine.destroy();
    }
  };
  const arena = await run('arena');
  const pool = await run('pool');
  const views = [...built.graph.tensors.values()].filter((t) => t.view).length;
  return { views, concatDispatches: arena.concatDispatches, arena: arena.stats, pool: pool.stats };
}
