// A plan: execution order, lifetimes, buffer assignment, and the logical alloc/free sequence.
import type { Graph } from '../graph/ir.js';
import { assignArena, assignPool, checkBindingLimits, type AssignLimits, type Assignment } from './assign.js';
import { lifetimes, type Lifetime } from './lifetimes.js';

export { LimitError, type AssignLimits, type Assignment, type Slot } from './assign.js';
export { lifetimes, type Lifetime } from './lifetimes.js';

export type AssignMode = 'arena' | 'pool';

export interface Plan {
  graph: Graph;
  lifetimes: Lifetime[];
  assignment: Assignment;
  /** Tensors to allocate before node i runs, and to release after it. */
  allocAt: string[][];
  freeAfter: string[][];
}

export function makePlan(g: Graph, mode: AssignMode, limits: AssignLimits): Plan {
  const lives = lifetimes(g);
  checkBindingLimits(lives, limits, (t) => g.tensors.get(t)!.shape);
  const assignment = mode === 'arena' ? assignArena(lives, limits) : assignPool(lives, g.nodes.length, limits);
  const allocAt: string[][] = g.nodes.map(() => []);
  const freeAfter: string[][] = g.nodes.map(() => []);
  for (const l of lives) {
    allocAt[l.first].push(l.tensor);
    freeAfter[l.last].push(l.tensor);
  }
  return { graph: g, lifetimes: lives, assignment, allocAt, freeAfter };
}
