// Pairing the two documents' items: configurations by input shapes, mode and form; layers and
// nodes by name. What one side has and the other lacks is kept, to be listed.
import { shapesKey } from '../results/labels.js';
import type { ConfigResult, InputShapes } from '../results/types.js';
import type { Unmatched } from './types.js';

export interface Paired<T> {
  pairs: [T, T][];
  unmatched: Unmatched;
}

/** Pairs items with the same key, in A's order; a key seen twice on one side pairs its first. */
export function pairBy<T>(a: readonly T[], b: readonly T[], key: (x: T) => string, name: (x: T) => string = key): Paired<T> {
  const inB = new Map<string, T>();
  for (const x of b) if (!inB.has(key(x))) inB.set(key(x), x);
  const used = new Set<string>();
  const pairs: [T, T][] = [];
  const onlyA: string[] = [];
  for (const x of a) {
    const k = key(x);
    const y = inB.get(k);
    if (y && !used.has(k)) {
      pairs.push([x, y]);
      used.add(k);
    } else onlyA.push(name(x));
  }
  const onlyB = b.filter((y) => !used.has(key(y))).map(name);
  return { pairs, unmatched: { a: onlyA, b: onlyB } };
}

/**
 * One input: its shape alone, so models whose input is named differently (the built-in
 * network and an export of it) still pair; several inputs: names and shapes.
 */
export function shapesMatchKey(shapes: InputShapes): string {
  const entries = Object.values(shapes);
  return entries.length === 1 ? entries[0].join('x') : shapesKey(shapes);
}

export const configMatchKey = (c: ConfigResult): string => `${shapesMatchKey(c.inputShapes)} ${c.mode}${c.form ? ` ${c.form}` : ''}`;
