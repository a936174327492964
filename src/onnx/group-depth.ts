// --group-depth as the CLIs take it: 'auto' or a positive module depth (see layer-names.ts).
import type { GroupDepth } from './layer-names.js';

export function parseGroupDepth(text: string, flag = '--group-depth'): GroupDepth {
  if (text === 'auto') return 'auto';
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} takes 'auto' or a module depth of 1 or more (1: layer1, 2: layer1.0, 3: layer1.0.conv1), not '${text}'`);
  return n;
}
