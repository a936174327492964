// Buffer assignment. `arena`: offsets planned once from lifetimes (greedy by size, first fit),
// tensors whose lifetimes do not overlap share memory. `pool`: a caching allocator simulated in
// execution order — a tensor's buffer returns to a free list after its last use and goes to the
// next tensor it fits, as PyTorch's and onnxruntime-web's allocators do.
import { overlaps, type Lifetime } from './lifetimes.js';

export interface Slot {
  buffer: number;
  offset: number;
  /** Binding size: tensor bytes rounded up to 16 so vec4 views are legal. */
  size: number;
}

export interface Assignment {
  mode: 'arena' | 'pool';
  /** Physical buffer sizes, in creation order. */
  buffers: number[];
  slots: Map<string, Slot>;
}

export interface AssignLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  /** minStorageBufferOffsetAlignment, 256 on most devices. */
  alignment: number;
}

export class LimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LimitError';
  }
}

const roundUp = (x: number, a: number): number => Math.ceil(x / a) * a;
const MiB = (b: number): string => `${(b / 2 ** 20).toFixed(1)} MiB`;

export function checkBindingLimits(lives: Lifetime[], limits: AssignLimits, shapeOf: (t: string) => number[]): void {
  for (const l of lives) {
    if (roundUp(l.bytes, 16) > limits.maxStorageBufferBindingSize)
      throw new LimitError(
        `tensor '${l.tensor}' [${shapeOf(l.tensor)}] needs ${MiB(l.bytes)}, more than this device's maxStorageBufferBindingSize (${MiB(limits.maxStorageBufferBindingSize)}); use a smaller batch or input size`,
      );
  }
}

// Placement orders tried; the arena keeps whichever packs smallest. Greedy by size alone strands
// long-lived skip tensors above short-lived large ones, so longer-lived-first orders are tried too.
const ORDERS: ((a: Lifetime, b: Lifetime) => number)[] = [
  (a, b) => b.bytes - a.bytes || a.first - b.first,
  (a, b) => b.last - b.first - (a.last - a.first) || b.bytes - a.bytes,
  (a, b) => b.bytes * (b.last - b.first + 1) - a.bytes * (a.last - a.first + 1) || a.first - b.first,
  (a, b) => a.first - b.first || b.bytes - a.bytes,
];

export function assignArena(lives: Lifetime[], limits: AssignLimits): Assignment {
  const total = (a: Assignment): number => a.buffers.reduce((x, y) => x + y, 0);
  return ORDERS.map((o) => placeInOrder([...lives].sort(o), limits)).reduce((best, a) => (total(a) < total(best) ? a : best));
}

function placeInOrder(order: Lifetime[], limits: AssignLimits): Assignment {
  const placed: { life: Lifetime; slot: Slot; span: number }[] = [];
  const buffers: number[] = [];
  const slots = new Map<string, Slot>();
  for (const life of order) {
    const span = roundUp(Math.max(life.bytes, 16), limits.alignment);
    let slot: Slot | undefined;
    for (let b = 0; b <= buffers.length && !slot; b++) {
      const offset = firstFit(placed.filter((p) => p.slot.buffer === b && overlaps(p.life, life)), span);
      if (offset + span <= limits.maxBufferSize) slot = { buffer: b, offset, size: roundUp(life.bytes, 16) };
    }
    if (!slot) throw new LimitError(`tensor '${life.tensor}' (${MiB(life.bytes)}) does not fit in a buffer of maxBufferSize ${MiB(limits.maxBufferSize)}`);
    if (slot.buffer === buffers.length) buffers.push(0);
    buffers[slot.buffer] = Math.max(buffers[slot.buffer], slot.offset + span);
    placed.push({ life, slot, span });
    slots.set(life.tensor, slot);
  }
  return { mode: 'arena', buffers, slots };
}

/** Lowest offset where `span` bytes avoid every busy range. */
function firstFit(busy: { slot: Slot; span: number }[], span: number): number {
  const ranges = busy.map((p) => [p.slot.offset, p.slot.offset + p.span]).sort((a, b) => a[0] - b[0]);
  let offset = 0;
  for (const [lo, hi] of ranges) {
    if (offset + span <= lo) break;
    offset = Math.max(offset, hi);
  }
  return offset;
}

export function assignPool(lives: Lifetime[], nodeCount: number, limits: AssignLimits): Assignment {
  const buffers: number[] = [];
  const slots = new Map<string, Slot>();
  const free: number[] = [];
  const byFirst = groupBy(lives, (l) => l.first);
  const byLast = groupBy(lives, (l) => l.last);
  for (let i = 0; i < nodeCount; i++) {
    for (const l of byFirst.get(i) ?? []) {
      const need = roundUp(Math.max(l.bytes, 16), limits.alignment);
      // Best fit among cached buffers no more than twice the request, else a new buffer.
      const candidates = free.filter((b) => buffers[b] >= need && buffers[b] <= 2 * need).sort((a, b) => buffers[a] - buffers[b]);
      const buffer = candidates.length ? candidates[0] : buffers.push(need) - 1;
      if (candidates.length) free.splice(free.indexOf(buffer), 1);
      slots.set(l.tensor, { buffer, offset: 0, size: roundUp(l.bytes, 16) });
    }
    for (const l of byLast.get(i) ?? []) free.push(slots.get(l.tensor)!.buffer);
  }
  return { mode: 'pool', buffers, slots };
}

function groupBy<T>(xs: T[], key: (x: T) => number): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}
