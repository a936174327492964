// What each tracked buffer holds, from its label. The engine labels its buffers 'weights',
// 'uniforms', 'readback' and '<mode>#<k> (<first tensor>)'; the profiler labels its own
// 'query-resolve' and 'query-readback'. Tensor names come from the engine's buffer assignment.
import { QUERY_READBACK_LABEL, QUERY_RESOLVE_LABEL } from './timestamps.js';

export type BufferCategory = 'activations' | 'weights' | 'uniforms' | 'readback' | 'query' | 'other';

export interface Attribution {
  category: BufferCategory;
  /** Tensors that occupy this buffer at some point of the run (activation buffers only). */
  holds: string[];
}

const ACTIVATION_LABEL = /^(arena|pool)#(\d+)\b/;

/** Buffer index -> tensors placed in it, from an assignment's slots. */
export function tensorsByBuffer(slots: ReadonlyMap<string, { buffer: number }>): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const [tensor, s] of slots) out.set(s.buffer, [...(out.get(s.buffer) ?? []), tensor]);
  return out;
}

export function attribute(label: string, byBuffer: ReadonlyMap<number, string[]> = new Map()): Attribution {
  const m = ACTIVATION_LABEL.exec(label);
  if (m) return { category: 'activations', holds: byBuffer.get(Number(m[2])) ?? [] };
  if (label === 'weights') return { category: 'weights', holds: [] };
  if (label === 'uniforms') return { category: 'uniforms', holds: [] };
  if (label === 'readback') return { category: 'readback', holds: [] };
  if (label === QUERY_RESOLVE_LABEL || label === QUERY_READBACK_LABEL) return { category: 'query', holds: [] };
  return { category: 'other', holds: [] };
}

export interface AttributedBuffer extends Attribution {
  label: string;
  bytes: number;
}

export function attributeAll(buffers: readonly { label: string; bytes: number }[], byBuffer: ReadonlyMap<number, string[]>): AttributedBuffer[] {
  return buffers.map((b) => ({ label: b.label, bytes: b.bytes, ...attribute(b.label, byBuffer) }));
}

/** Bytes per category, every category present (0 when absent) so tables line up. */
export function bytesByCategory(buffers: readonly AttributedBuffer[]): Record<BufferCategory, number> {
  const out: Record<BufferCategory, number> = { activations: 0, weights: 0, uniforms: 0, readback: 0, query: 0, other: 0 };
  for (const b of buffers) out[b.category] += b.bytes;
  return out;
}
