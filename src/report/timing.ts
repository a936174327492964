// What the report says about its times: the timestamp quantum and how it was found, the
// estimator it called for, the nodes the runs could not resolve, and implausible timestamps.
import type { ConfigResult, Results, TimestampIssueCounts, TimingResult } from '../results/types.js';
import { isQuantizedEstimate, type Timed } from '../results/time-of.js';
import { ms } from './format.js';

/** 1 ms, 65.5 us, 800 ns. */
export function nsText(ns: number): string {
  if (ns >= 1e6) return `${+(ns / 1e6).toPrecision(3)} ms`;
  if (ns >= 1e3) return `${+(ns / 1e3).toPrecision(3)} us`;
  return `${ns} ns`;
}

export function issuesText(c: TimestampIssueCounts | undefined): string {
  const parts = Object.entries(c ?? {}).filter(([, n]) => n);
  return parts.map(([k, n]) => `${n} ${k}`).join(', ');
}

function detectionText(t: TimingResult): string {
  const d = t.detection;
  if (!d.stamps) return 'no timestamp was read';
  if (d.confirmed) return `${d.stamps} raw stamps all share this step (chance for nanosecond stamps 2^${Math.round(d.chanceLog2 ?? 0)})`;
  const step = d.commonStepNs !== null && d.commonStepNs > 1 ? `; their common step ${d.commonStepNs} ns is within chance` : '';
  return `${d.stamps} raw stamps share no step${step}`;
}

/** One paragraph of plain text for the report header, the page header and the terminal. */
export function timingText(r: Results): string {
  const t = r.timing;
  if (!t) return '';
  if (t.method === 'wall-clock') return 'Timestamps: none (wall clock per submit; no per-node GPU times).';
  const emulated = t.emulatedQuantumNs ? `, emulated: every raw stamp rounded down to a multiple of ${t.emulatedQuantumNs} ns` : '';
  const quantum = (t.quantumNs ?? 1) > 1 ? `${nsText(t.quantumNs!)} (${t.quantumNs} ns)` : 'none (nanosecond stamps)';
  const parts = [`Timestamp quantum: ${quantum}${emulated}; ${detectionText(t)}.`];
  if (t.method === 'mean-of-quantized')
    parts.push(
      `Times are means of quantized spans over up to ${t.quantizedReps} runs per configuration (unbiased, where a median of quantized readings is not), ± one standard error;` +
        ` ${t.unresolvedNodes ? `${t.unresolvedNodes} node time(s) are not resolved to ${t.relativePrecision * 100}% (see each configuration)` : `every node resolved to ${t.relativePrecision * 100}%`}.`,
    );
  else parts.push('Times are medians of the runs.');
  const issues = issuesText(t.issues);
  parts.push(issues ? `Implausible timestamp pairs: ${issues} (listed per node in each configuration).` : 'No implausible timestamp pairs.');
  return parts.join(' ');
}

/** A time cell: median [p10-p90], or under quantized timestamps mean ± standard error. */
export function timeCell(x: Timed | null | undefined): string {
  if (!x?.gpuTimeMs && !x?.gpuTime) return '-';
  const e = x.gpuTime;
  if (isQuantizedEstimate(x) && e) return `${ms(e.ms)} ± ${ms(e.stdErrMs)}${e.resolved ? '' : ' (unresolved)'}`;
  const s = x.gpuTimeMs;
  return s ? `${ms(s.median)} [${ms(s.p10)}-${ms(s.p90)}]` : ms(e?.ms);
}

export function timeHeader(c: ConfigResult): string {
  return c.timestamps?.method === 'mean-of-quantized' ? 'GPU ms mean ± s.e. (quantized stamps)' : 'GPU ms median [p10-p90]';
}

/** Whether a quantized time resolved, else how many runs would resolve it. */
export function resolveCell(x: Timed): string {
  const e = x.gpuTime;
  if (!e || e.estimator !== 'mean') return '-';
  if (e.resolved) return 'yes';
  return e.runsToResolve === null ? `no: 0 in all ${e.runs} runs (under about 3/${e.runs} of a quantum)` : `no: about ${e.runsToResolve} runs`;
}
