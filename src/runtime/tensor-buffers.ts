// The physical GPU buffers behind a buffer assignment. Arena buffers are created up front;
// pool buffers appear the first time a tensor needs them, as a caching allocator's would.
import type { Assignment, Slot } from '../plan/index.js';
import { SMALLER_RUN_HINT, type AllocationPurpose, type Allocations } from './allocations.js';

const USAGE = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;

export class TensorBuffers {
  private readonly buffers: (GPUBuffer | undefined)[];

  constructor(
    private readonly allocs: Allocations,
    private readonly assignment: Assignment,
  ) {
    this.buffers = assignment.buffers.map(() => undefined);
  }

  createAll(): void {
    this.assignment.buffers.forEach((_, i) => this.ensure(i, this.firstTensorIn(i)));
  }

  /** Makes sure the tensor's buffer exists (pool mode creates it on first use). */
  acquire(tensor: string): void {
    this.ensure(this.slot(tensor).buffer, tensor);
  }

  /** Logical release; the buffer stays cached for the next tensor assigned to it. */
  release(tensor: string): void {
    this.slot(tensor);
  }

  slot(tensor: string): Slot {
    const s = this.assignment.slots.get(tensor);
    if (!s) throw new Error(`tensor '${tensor}' has no buffer slot`);
    return s;
  }

  buffer(tensor: string): GPUBuffer {
    const b = this.buffers[this.slot(tensor).buffer];
    if (!b) throw new Error(`buffer for tensor '${tensor}' used before it was created`);
    return b;
  }

  created(): { label: string; size: number }[] {
    return this.buffers.filter((b): b is GPUBuffer => !!b).map((b) => ({ label: b.label, size: b.size }));
  }

  destroy(): void {
    for (const b of this.buffers) b?.destroy();
  }

  private ensure(index: number, firstTensor: string): void {
    if (this.buffers[index]) return;
    const label = `${this.assignment.mode}#${index} (${firstTensor})`;
    this.buffers[index] = this.allocs.buffer({ label, size: this.assignment.buffers[index], usage: USAGE }, this.purpose(index, firstTensor));
  }

  private purpose(index: number, firstTensor: string): AllocationPurpose {
    if (this.assignment.mode === 'pool') return { what: `pool buffer #${index} (for tensor '${firstTensor}')` };
    let tensors = 0;
    for (const s of this.assignment.slots.values()) if (s.buffer === index) tensors++;
    return { what: `arena buffer #${index} (first tensor '${firstTensor}', ${tensors} tensors)`, hint: `${SMALLER_RUN_HINT}, or pool mode (its buffers hold one tensor each)` };
  }

  private firstTensorIn(index: number): string {
    for (const [t, s] of this.assignment.slots) if (s.buffer === index) return t;
    return '?';
  }
}
