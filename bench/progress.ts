// The progress line: which configuration, which phase, and an estimate of the time left. Pure,
// so it is tested without a page.
import type { BenchProgress } from '../src/sweep/bench-run';

/** Below this fraction of the sweep the elapsed time says too little to extrapolate. */
const MIN_FRACTION_FOR_ETA = 0.05;

/** Time left, assuming the rest goes as fast as what is done; null until that means something. */
export function etaMs(p: Pick<BenchProgress, 'fraction' | 'elapsedMs'>): number | null {
  if (!(p.fraction >= MIN_FRACTION_FOR_ETA) || p.fraction >= 1) return null;
  return (p.elapsedMs * (1 - p.fraction)) / p.fraction;
}

/** 42 s, 3 min 05 s. */
export function durationText(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

export function whatText(p: BenchProgress): string {
  const step = p.steps ? ` ${p.step}/${p.steps}` : '';
  if (p.phase === 'ceilings') return p.message;
  if (p.variant) return `what-if ${p.config + 1}/${p.configs}: ${p.variant}, ${p.phase}${step}`;
  const form = p.form ? ` ${p.form}` : '';
  return `config ${p.config + 1}/${p.configs}: ${p.label} ${p.mode}${form}, ${p.phase}${step}`;
}

export function progressText(p: BenchProgress): string {
  const eta = etaMs(p);
  const left = eta === null ? 'time left: estimated after the first steps' : `about ${durationText(eta)} left`;
  return `${whatText(p)} · ${durationText(p.elapsedMs)} elapsed, ${left}`;
}
