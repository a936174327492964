// Timestamp pairs that cannot be a pass's real time, named per kind so that a report can say
// where they happened and how often instead of quietly averaging around a hole. Known causes:
// unwritten queries read 0; Metal resolves an empty pass to two zeros; some Vulkan drivers
// write a pass's begin before the previous pass has finished (the barrier lands after the
// write), so the span swallows the previous dispatch.
import type { PassTimes } from './timestamps.js';

export const STAMP_ISSUES = ['both-zero', 'one-zero', 'backwards', 'zero-span', 'longer-than-wall', 'overlaps-previous'] as const;
/**
 * - both-zero: both stamps 0 (Metal's empty pass); dropped.
 * - one-zero: one stamp 0 (never written); dropped.
 * - backwards: end before begin; dropped.
 * - zero-span: end equals begin with unquantized stamps (no pass takes 0 ns); dropped. With
 *   quantized stamps a 0 span is an honest sample (begin and end in the same quantum) and kept.
 * - longer-than-wall: longer than its submit's wall time (plus one quantum and the wall clock's
 *   coarsening); dropped.
 * - overlaps-previous: begins before the previous pass ends (the Vulkan case); kept with its
 *   begin moved to the previous end, the serial share the pass can have taken.
 */
export type StampIssue = (typeof STAMP_ISSUES)[number];

export type IssueCounts = Partial<Record<StampIssue, number>>;

/** performance.now() is coarsened (100 us in pages that are not cross-origin isolated), at both ends of the wall time. */
export const WALL_CLOCK_SLACK_NS = 200_000;

export interface ScreenedRun {
  /** The run with dropped pairs null and overlapping begins moved. */
  times: PassTimes;
  /** Per pass: what was wrong, null when nothing. */
  issues: (StampIssue | null)[];
}

function pairIssue(b: number | null, e: number | null, quantumNs: number, wallNs: number | null): StampIssue | null {
  if (b === null && e === null) return 'both-zero';
  if (b === null || e === null) return 'one-zero';
  if (e < b) return 'backwards';
  if (e === b && quantumNs <= 1) return 'zero-span';
  if (wallNs !== null && e - b > wallNs + quantumNs + WALL_CLOCK_SLACK_NS) return 'longer-than-wall';
  return null;
}

/** Screens one run's pairs in pass order; quantumNs is the detected quantum (1: not quantized). */
export function screenRun(t: PassTimes, quantumNs: number): ScreenedRun {
  const wallNs = t.wallMs === undefined ? null : t.wallMs * 1e6;
  const beginNs: (number | null)[] = [];
  const endNs: (number | null)[] = [];
  const issues: (StampIssue | null)[] = [];
  let prevEnd: number | null = null;
  t.beginNs.forEach((b0, i) => {
    const e = t.endNs[i];
    let b = b0;
    let issue = pairIssue(b, e, quantumNs, wallNs);
    if (issue === null && prevEnd !== null && b! < prevEnd) {
      issue = 'overlaps-previous';
      b = Math.min(prevEnd, e!);
    }
    const kept = issue === null || issue === 'overlaps-previous';
    beginNs.push(kept ? b : null);
    endNs.push(kept ? e : null);
    issues.push(issue);
    if (kept) prevEnd = e;
  });
  return { times: { beginNs, endNs, ...(t.wallMs === undefined ? {} : { wallMs: t.wallMs }) }, issues };
}

export function addIssue(counts: IssueCounts, issue: StampIssue | null): void {
  if (issue) counts[issue] = (counts[issue] ?? 0) + 1;
}

export function totalIssues(counts: IssueCounts): number {
  return Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
}
