// What the checks compared with, and what the peers add to the verdict: a failed comparison
// with onnxruntime-web's wasm output fails the run; a peer that could not run is a warning.
import type { CheckReference, ConfigResult } from '../results/types.js';

const REFERENCE_NAMES: Record<CheckReference, string> = {
  cpu: 'the CPU reference',
  'expect-file': 'the --expect file',
  'ort-wasm': "onnxruntime-web's wasm output",
};

export function referenceName(r: CheckReference | null): string {
  return r ? REFERENCE_NAMES[r] : 'no reference';
}

export function peerVerdict(c: ConfigResult, name: string): { failures: string[]; warnings: string[] } {
  const failures: string[] = [];
  const warnings: string[] = [];
  const p = c.peers;
  if (!p) return { failures, warnings };
  const w = p.ortWebgpu;
  const before = w.fallback ? ` (tried after ${w.fallback.from} failed: ${w.fallback.error})` : '';
  if (w.error) warnings.push(`${name}: onnxruntime-web WebGPU (${w.variant}) did not run: ${w.error}${before}`);
  const k = p.ortWasm.check;
  if (p.ortWasm.error) warnings.push(`${name}: onnxruntime-web wasm did not run: ${p.ortWasm.error}`);
  // When the wasm output is the main reference, the main check already reports it.
  else if (k.status === 'fail' && c.check.reference !== 'ort-wasm') failures.push(`${name}: output differs from ${referenceName('ort-wasm')} (${k.reason ?? `max rel error ${k.maxRelError}`})`);
  return { failures, warnings };
}
