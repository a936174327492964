// Reading results.deviceLost in every form it was written: a list of losses (since the sweep
// recovers from them), the reason as a string (before), or null (none lost).
import type { DeviceLossRecord, Results } from './types.js';

/** Every loss the document records; an older document's string becomes one unrecovered loss. */
export function deviceLosses(r: Pick<Results, 'deviceLost'>): DeviceLossRecord[] {
  const d = r.deviceLost as unknown;
  if (Array.isArray(d)) return d as DeviceLossRecord[];
  if (typeof d !== 'string' || !d) return [];
  // Written as `${reason}: ${message}` (or a DeviceLostError's message).
  const m = /^(destroyed|unknown): ([\s\S]*)$/.exec(d);
  return [{ config: null, during: 'the sweep', reason: m ? m[1] : 'unknown', message: m ? m[2] : d, injected: false, recovered: false, recoveryMs: null, recoveryError: 'not attempted (written before the sweep recovered from device loss)' }];
}
