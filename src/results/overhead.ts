// The profiling-overhead field of a document whose overhead was not (or could not be) measured.
import { OVERHEAD_GOAL, type ProfilingOverhead } from './types.js';

export const noOverhead = (status: ProfilingOverhead['status'], reason: string): ProfilingOverhead => ({
  status,
  batch: null,
  size: null,
  inputShapes: null,
  mode: null,
  pairs: 0,
  timedWallMs: null,
  untimedWallMs: null,
  timedSubmitWallMs: null,
  ratio: null,
  submitOnlyRatio: null,
  goal: OVERHEAD_GOAL,
  reason,
});
