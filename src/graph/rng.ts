// Seeded, platform-independent random numbers: integer arithmetic only, so the
// same seed yields the same float32 bytes on every machine and in every browser.

/** splitmix32: a small, well-mixed 32-bit generator. */
export function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Uniform floats in [lo, hi), 24-bit resolution so each value is exact in float32. */
export function uniformFloats(next: () => number, count: number, lo: number, hi: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = lo + ((next() >>> 8) / 16777216) * (hi - lo);
  return out;
}

/** FNV-1a over a string, to derive independent streams per tensor name. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Deterministic tensor data: stream depends only on (seed, name), not on creation order. */
export function seededUniform(seed: number, name: string, count: number, bound: number): Float32Array {
  return uniformFloats(splitmix32((seed * 0x9e3779b1) ^ hashString(name)), count, -bound, bound);
}
