// A stopped run's results hold only the configurations done by then: every view says so first.
import type { Results } from '../results/types.js';

/** null for a run that finished. */
export function incompleteText(r: Pick<Results, 'incomplete'>): string | null {
  const s = r.incomplete;
  if (!s) return null;
  return `Incomplete: the sweep was stopped (${s.reason}) after ${s.configsDone} of ${s.configsPlanned} configurations; the results below are those of the ${s.configsDone} done.`;
}
