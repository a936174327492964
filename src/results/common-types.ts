// Small types that every part of the results document uses. A leaf module, so that the parts
// (roofline, peers, forms) need not import types.ts, which gathers them all.

export interface Stats {
  median: number;
  p10: number;
  p90: number;
}

export type Mode = 'arena' | 'pool';

/** A full shape per graph input, by input name: what one configuration feeds. */
export type InputShapes = Record<string, number[]>;
/**
 * ok: measured; oom: the configuration does not fit this device (a limit or a refused
 * allocation); error: anything else, including rows not run after a loss with no new device;
 * device-lost: the device was lost while this configuration ran (see Results.deviceLost).
 */
export type ConfigStatus = 'ok' | 'oom' | 'error' | 'device-lost';
export const CONFIG_STATUSES: readonly ConfigStatus[] = ['ok', 'oom', 'error', 'device-lost'];

/** What an output is compared with: the CPU reference, an --expect file, or onnxruntime-web's wasm EP. */
export type CheckReference = 'cpu' | 'expect-file' | 'ort-wasm';

export interface CheckResult {
  status: 'pass' | 'fail' | 'not-checked';
  /** Null when not checked. */
  reference: CheckReference | null;
  /** status === 'pass'. */
  pass: boolean;
  tolerance: number;
  /** max |y - ref| / max |ref| over the checked items. */
  maxRelError?: number;
  maxAbsError?: number;
  /** Batch items compared (the CPU reference of the built-in network checks item by item). */
  items?: number[];
  reason?: string;
}
