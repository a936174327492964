// Names for configurations, from their input shapes: b1@256 where batch and size say it all
// (one square 4-D input), else the shapes themselves (1x3x160x224; a=1x4x8x8 b=1x4x8x8).
import type { InputShapes } from './common-types.js';

const dims = (s: readonly number[]): string => s.join('x');

/** Every input's shape, named when there are several. */
export function shapesLabel(shapes: InputShapes): string {
  const entries = Object.entries(shapes);
  return entries.length === 1 ? dims(entries[0][1]) : entries.map(([name, s]) => `${name}=${dims(s)}`).join(' ');
}

/** A stable key for the same shapes, whatever the insertion order: caches and pairing use it. */
export function shapesKey(shapes: InputShapes): string {
  return Object.keys(shapes)
    .sort()
    .map((name) => `${name}=${dims(shapes[name])}`)
    .join(';');
}

/** b{batch}@{size} for one square 4-D input (the built-in network's points), else the shapes. */
export function pointLabel(p: { batch: number; size: number | null; inputShapes?: InputShapes }): string {
  const inputs = p.inputShapes ? Object.keys(p.inputShapes).length : 1;
  return p.size !== null && inputs <= 1 ? `b${p.batch}@${p.size}` : shapesLabel(p.inputShapes ?? {});
}
