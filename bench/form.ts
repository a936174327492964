// The options form <-> sweep options, and URL query presets (?batch=1,2&size=256&reps=2&soak=20&whatif&run).
import { parseCeilingsMode, parseFormChoice, parseModes, parseNumberList } from '../src/sweep/options';
import type { SweepOptions } from '../src/results/types';

const FIELDS = ['batch', 'size', 'reps', 'warmup', 'mode', 'overheadPairs', 'ceilings', 'form', 'emulateTimestampQuantum', 'quantizedReps', 'soak'] as const;
const CHECKBOXES = ['check', 'whatif', 'compare'] as const;

export function readForm(form: HTMLFormElement): Partial<SweepOptions> {
  const f = new FormData(form);
  const text = (k: string): string => String(f.get(k) ?? '').trim();
  return {
    batches: parseNumberList(text('batch'), 'batch sizes'),
    sizes: parseNumberList(text('size'), 'input sizes'),
    reps: Number(text('reps')),
    warmup: Number(text('warmup')),
    modes: parseModes(text('mode')),
    overheadPairs: Number(text('overheadPairs')),
    check: f.get('check') !== null,
    ceilings: parseCeilingsMode(text('ceilings')),
    whatif: f.get('whatif') !== null,
    compare: f.get('compare') !== null ? 'ort' : 'none',
    // Only imported models have forms; the built-in network ignores it.
    form: parseFormChoice(text('form') || 'auto'),
    // Empty: timestamps as the browser gives them.
    emulateTimestampQuantumNs: text('emulateTimestampQuantum') ? Number(text('emulateTimestampQuantum')) : null,
    ...(text('quantizedReps') ? { quantizedReps: Number(text('quantizedReps')) } : {}),
    ...(text('soak') ? { soak: Number(text('soak')) } : {}),
  };
}

/** Copies query parameters into the form; true when the query asks to start right away. */
export function applyQuery(form: HTMLFormElement, search: string): boolean {
  const q = new URLSearchParams(search);
  for (const k of FIELDS) {
    const v = q.get(k);
    const el = form.elements.namedItem(k) as HTMLInputElement | HTMLSelectElement | null;
    if (v !== null && el) el.value = v;
  }
  for (const k of CHECKBOXES) {
    const box = form.elements.namedItem(k) as HTMLInputElement | null;
    if (q.has(k) && box) box.checked = q.get(k) !== '0';
  }
  return q.has('run');
}
