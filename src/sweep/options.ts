// Sweep options from loose input (a form, a URL query, CLI flags), validated with messages
// that say what was wrong and what is accepted.
import { CEILINGS_MODES, COMPARE_MODES, FORM_CHOICES, TUNE_MODES, type TuneMode, type CeilingsMode, type CompareMode, type FormChoice, type InputShapes, type Mode, type SweepOptions, type VariantId } from '../results/types.js';

/** The seed's eight points, both modes, reps chosen so the sweep takes a few minutes on a 2-core CPU adapter. */
export const DEFAULT_SWEEP: SweepOptions = {
  batches: [1, 2, 4, 8],
  sizes: [256, 512],
  inputShapes: null,
  modes: ['arena', 'pool'],
  reps: 3,
  warmup: 1,
  overheadPairs: 4,
  check: true,
  timestamps: true,
  ceilings: 'cached',
  whatif: false,
  variant: null,
  // The peers take seconds per inference on a CPU adapter: opt in with --compare ort.
  compare: 'none',
  maxBindingBytes: null,
  form: 'auto',
  emulateTimestampQuantumNs: null,
  // With q = 65,536 ns a 20 us pass resolves to 10% in about 200 runs (src/profiler/estimate.ts).
  quantizedReps: 200,
  // Deterministic for programmatic callers and tests; `npm run bench` asks for 'cached'.
  tune: 'off',
  kernelVariants: {},
  tuneBudgetMs: 20_000,
  soak: 0,
  injectDeviceLoss: null,
};

export function parseTuneMode(text: unknown): TuneMode {
  if (TUNE_MODES.includes(text as TuneMode)) return text as TuneMode;
  throw new Error(`tune: expected one of ${TUNE_MODES.join(', ')}, got ${JSON.stringify(text)}`);
}

const VARIANT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** KERNEL=NAME pins, each once; which kernels and names exist is checked where the kernels are loaded. */
export function parseKernelVariants(items: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const m = /^([^=]+)=([^=]+)$/.exec(item.trim());
    if (!m || !VARIANT_NAME.test(m[1]) || !VARIANT_NAME.test(m[2]))
      throw new Error(`--kernel-variant: expected KERNEL=NAME (letters, digits, '-' or '_'), e.g. pwconv=co8px2; got '${item}'`);
    const [, kernel, name] = m;
    if (out[kernel] !== undefined && out[kernel] !== name) throw new Error(`--kernel-variant: kernel ${kernel} pinned twice (${out[kernel]} and ${name}); give one`);
    out[kernel] = name;
  }
  return out;
}

function pinsOf(v: unknown): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new Error(`kernel variants: expected { kernel: variant }, got ${JSON.stringify(v)}`);
  return parseKernelVariants(Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}=${String(x)}`));
}

export function parseNumberList(text: string, what: string): number[] {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (!parts.length) throw new Error(`${what}: expected a comma-separated list of positive integers, got '${text}'`);
  return parts.map((p) => {
    const n = Number(p);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${what}: '${p}' is not a positive integer (in '${text}')`);
    return n;
  });
}

export function parseModes(text: string): Mode[] {
  if (text === 'both') return ['arena', 'pool'];
  if (text === 'arena' || text === 'pool') return [text];
  throw new Error(`mode: expected arena, pool or both, got '${text}'`);
}

export function parseCeilingsMode(text: unknown): CeilingsMode {
  if (CEILINGS_MODES.includes(text as CeilingsMode)) return text as CeilingsMode;
  throw new Error(`ceilings: expected one of ${CEILINGS_MODES.join(', ')}, got ${JSON.stringify(text)}`);
}

export function parseCompareMode(text: unknown): CompareMode {
  if (COMPARE_MODES.includes(text as CompareMode)) return text as CompareMode;
  throw new Error(`compare: expected ${COMPARE_MODES.join(' or ')}, got ${JSON.stringify(text)}`);
}

/** The what-if variants a sweep can run in place of the network: float32 ones (the runtime's kernels are float32 only). */
export const SWEEP_VARIANTS: readonly VariantId[] = ['baseline', 'early-downsampling', 'c0-16', 'kernel-5'];

export function parseVariant(text: unknown): VariantId | null {
  if (text === null) return null;
  if (SWEEP_VARIANTS.includes(text as VariantId)) return text as VariantId;
  if (text === 'fp16') throw new Error('variant: fp16 is predicted only (the runtime has float32 kernels only); --whatif shows its prediction');
  throw new Error(`variant: expected one of ${SWEEP_VARIANTS.join(', ')}, got ${JSON.stringify(text)}`);
}

export function parseFormChoice(text: unknown): FormChoice {
  if (FORM_CHOICES.includes(text as FormChoice)) return text as FormChoice;
  throw new Error(`form: expected both, as-exported or reparameterized, got ${JSON.stringify(text)}`);
}

function count(v: unknown, what: string, min: number): number {
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min) throw new Error(`${what}: expected an integer >= ${min}, got ${JSON.stringify(v)}`);
  return n;
}

function shapeOf(s: unknown, what: string): number[] {
  if (!Array.isArray(s)) throw new Error(`${what}: expected a list of dims, got ${JSON.stringify(s)}`);
  return s.map((d) => count(d, what, 1));
}

/** Each configuration's shapes: every input a list of positive integer dims. */
function inputShapesList(v: unknown): InputShapes[] | null {
  if (v === null || v === undefined) return null;
  if (!Array.isArray(v) || !v.length) throw new Error('input shapes: expected a non-empty list of { input name: shape } objects, one per configuration');
  return v.map((shapes, i) => {
    const entries = typeof shapes === 'object' && shapes !== null ? Object.entries(shapes as Record<string, unknown>) : [];
    if (!entries.length) throw new Error(`input shapes[${i}]: expected { input name: shape }, got ${JSON.stringify(shapes)}`);
    return Object.fromEntries(entries.map(([name, s]) => [name, shapeOf(s, `input shapes[${i}].${name}`)]));
  });
}

/** null, or a quantum of at least 2 ns that only means something with timestamps on. */
function emulatedQuantum(v: unknown, timestamps: boolean): number | null {
  if (v === null || v === undefined || v === '') return null;
  const q = count(v, 'emulated timestamp quantum (ns)', 2);
  if (!timestamps) throw new Error('emulated timestamp quantum: it quantizes timestamps, but timestamps are off (--no-timestamps); drop one of the two');
  return q;
}

/** Fills defaults and rejects nonsense before any GPU work starts. */
export function resolveOptions(o: Partial<SweepOptions>): SweepOptions {
  const r: SweepOptions = { ...DEFAULT_SWEEP, ...o };
  const inputShapes = inputShapesList(r.inputShapes);
  // With explicit shapes, batches and sizes only list those configurations' values (maybe none).
  const list = (xs: unknown, what: string): number[] => {
    if (!Array.isArray(xs) || (!xs.length && !inputShapes)) throw new Error(`${what}: expected a non-empty list`);
    return xs.map((x) => count(x, what, 1));
  };
  return {
    batches: list(r.batches, 'batch'),
    sizes: list(r.sizes, 'size'),
    inputShapes,
    modes: r.modes.map((m) => parseModes(m)[0]),
    reps: count(r.reps, 'reps', 1),
    warmup: count(r.warmup, 'warmup', 1),
    overheadPairs: count(r.overheadPairs, 'overhead pairs', 0),
    check: Boolean(r.check),
    timestamps: Boolean(r.timestamps),
    ceilings: parseCeilingsMode(r.ceilings),
    whatif: Boolean(r.whatif),
    variant: parseVariant(r.variant ?? null),
    compare: parseCompareMode(r.compare),
    form: parseFormChoice(r.form),
    maxBindingBytes: r.maxBindingBytes === null || r.maxBindingBytes === undefined ? null : count(r.maxBindingBytes, 'max binding bytes', 16),
    emulateTimestampQuantumNs: emulatedQuantum(r.emulateTimestampQuantumNs, Boolean(r.timestamps)),
    quantizedReps: count(r.quantizedReps, 'quantized reps', 1),
    tune: parseTuneMode(r.tune),
    kernelVariants: pinsOf(r.kernelVariants),
    tuneBudgetMs: count(r.tuneBudgetMs, 'tune budget (ms)', 0),
    soak: count(r.soak ?? 0, 'soak runs', 0),
    injectDeviceLoss: r.injectDeviceLoss === null || r.injectDeviceLoss === undefined ? null : count(r.injectDeviceLoss, 'inject device loss (configuration number, from 1)', 1),
  };
}
