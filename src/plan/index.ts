// A plan: execution order, lifetimes, buffer assignment, and the logical alloc/free sequence.
import { tensorBytes, type Graph } from '../graph/ir.js';
import { viewRoot } from '../graph/views.js';
import { assignArena, assignPool, checkBindingLimits, LimitError, type AssignLimits, type Assignment } from './assign.js';
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
  placeViews(g, assignment, limits.alignment);
  const allocAt: string[][] = g.nodes.map(() => []);
  const freeAfter: string[][] = g.nodes.map(() => []);
  for (const l of lives) {
    allocAt[l.first].push(l.tensor);
    freeAfter[l.last].push(l.tensor);
  }
  return { graph: g, lifetimes: lives, assignment, allocAt, freeAfter };
}

/** A view binds inside its owner's slot, at its element offset (the concat-views pass aligned it). */
function placeViews(g: Graph, assignment: Assignment, alignment: number): void {
  for (const t of g.tensors.values()) {
    if (!t.view) continue;
    const { root, offset } = viewRoot(g, t.name);
    const owner = assignment.slots.get(root);
    if (!owner) continue;
    const at = offset * 4;
    if (at % alignment !== 0) throw new LimitError(`tensor '${t.name}' is a view at byte ${at} of '${root}', not a multiple of this device's minStorageBufferOffsetAlignment ${alignment}`);
    const bytes = tensorBytes(t);
    if (at + bytes > tensorBytes(g.tensors.get(root)!)) throw new Error(`view '${t.name}' ends past its owner '${root}'`);
    assignment.slots.set(t.name, { buffer: owner.buffer, offset: owner.offset + at, size: Math.ceil(bytes / 16) * 16 });
  }
}
