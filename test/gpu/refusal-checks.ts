// What every host must answer to refused allocations (test/gpu/cases/allocation-refusals.ts).
import { expect } from 'vitest';
import type { Refusals } from './cases/allocation-refusals';

/** Each refusal named with what was asked for and its bytes; the allocator usable afterwards. */
export function expectRefusals(r: Refusals, maxBufferSize: number): void {
  const bytes = maxBufferSize + 4;
  expect(r.oversized).toMatch(new RegExp(`^Gpu(Validation|OutOfMemory)Error: .*creating a test buffer: ${bytes} bytes \\(.* MiB\\) asked for`));
  expect(r.preChecked).toBe(`BufferLimitError: a test buffer needs ${bytes} bytes (${(bytes / 2 ** 20).toFixed(1)} MiB), more than this device's maxBufferSize of ${maxBufferSize} bytes (${(maxBufferSize / 2 ** 20).toFixed(1)} MiB); use a smaller batch or input size`);
  expect(r.querySet).toMatch(/^GpuValidationError: GPU validation error creating a test query set: 32776 bytes .* asked for: .*4097/);
  expect(r.afterwards).toBe('no error');
}
