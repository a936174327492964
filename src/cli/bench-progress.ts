// Progress of a bench run as log lines, the same for every host: one line per step, not one
// per poll or per measured point.
import type { PageProgress } from './bench-drive.js';

export function progressLine(p: PageProgress): string {
  const step = p.steps ? ` ${p.step}/${p.steps}` : '';
  const elapsed = `  (${(p.elapsedMs / 1000).toFixed(0)} s)`;
  // Ceilings progress arrives per measured point: one line per stream kind is enough.
  if (p.phase === 'ceilings') return `[ceilings] ${p.message.replace(/ \d[\d.]* (KiB|MiB) .*$/, '')}${elapsed}`;
  if (p.variant) return `[what-if ${p.config + 1}/${p.configs}] ${p.variant} ${p.label} ${p.mode}: ${p.phase}${step}${elapsed}`;
  const form = p.form ? ` ${p.form}` : '';
  return `[${p.config + 1}/${p.configs}] ${p.label} ${p.mode}${form}: ${p.phase}${step}${elapsed}`;
}

/** A progress callback that says a line only when it differs from the last one beyond its clock. */
export function progressSayer(say: (line: string) => void): (p: PageProgress) => void {
  let last = '';
  const bare = (line: string) => line.replace(/\(\d+ s\)$/, '');
  return (p) => {
    const line = progressLine(p);
    if (bare(line) !== bare(last)) say(line);
    last = line;
  };
}
