import { describe, expect, it } from 'vitest';
import { attribute, attributeAll, bytesByCategory, tensorsByBuffer } from '../../src/profiler/attribution.js';

describe('buffer attribution', () => {
  const slots = new Map([
    ['input', { buffer: 0 }],
    ['encoder1.pw', { buffer: 1 }],
    ['encoder1.pool', { buffer: 0 }],
  ]);
  const byBuffer = tensorsByBuffer(slots);

  it('names the tensors an arena or pool buffer holds, from the assignment', () => {
    expect(attribute('arena#0 (input)', byBuffer)).toEqual({ category: 'activations', holds: ['input', 'encoder1.pool'] });
    expect(attribute('pool#1 (encoder1.pw)', byBuffer)).toEqual({ category: 'activations', holds: ['encoder1.pw'] });
    expect(attribute('pool#7 (gone)', byBuffer).holds).toEqual([]);
  });

  it('knows the engine and profiler buffers, and calls the rest other', () => {
    expect(attribute('weights').category).toBe('weights');
    expect(attribute('uniforms').category).toBe('uniforms');
    expect(attribute('readback').category).toBe('readback');
    expect(attribute('query-resolve').category).toBe('query');
    expect(attribute('query-readback').category).toBe('query');
    expect(attribute('').category).toBe('other');
    expect(attribute('arenaX').category).toBe('other');
  });

  it('totals bytes per category, every category present', () => {
    const b = attributeAll(
      [
        { label: 'weights', bytes: 10 },
        { label: 'arena#0 (input)', bytes: 100 },
        { label: 'arena#1 (encoder1.pw)', bytes: 50 },
        { label: 'query-resolve', bytes: 16 },
      ],
      byBuffer,
    );
    expect(bytesByCategory(b)).toEqual({ activations: 150, weights: 10, uniforms: 0, readback: 0, query: 16, other: 0 });
  });
});
