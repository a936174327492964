// Correctness of a configuration's output against the CPU reference. Batch items are
// independent in this network, so each item's reference is computed once per (size, item)
// from a batch-1 graph and reused across batches and modes: every item of every configuration
// is checked for the cost of the largest batch per size.
import type { Graph } from '../graph/ir.js';
import { numel } from '../graph/ir.js';
import { seededUniform } from '../graph/rng.js';
import { runReference } from '../reference/run.js';
import { compare } from '../reference/tensor.js';
import { CHECK_TOLERANCE, type CheckReference, type CheckResult } from '../results/types.js';

/**
 * Deterministic input of one batch item: the same bytes whatever the batch it sits in. Stream k
 * seeds a model's k-th input, so two inputs of one shape get different data.
 */
export function itemInput(itemShape: readonly number[], item: number, stream = 0): Float32Array {
  const label = stream === 0 ? `bench-input:${itemShape.join('x')}:${item}` : `bench-input:${stream}:${itemShape.join('x')}:${item}`;
  return seededUniform(1, label, numel(itemShape), 1);
}

/** A whole input, item by item (dim 0 is the batch); a scalar input is one item. */
export function batchInput(shape: readonly number[], stream = 0): Float32Array {
  if (!shape.length) return itemInput([], 0, stream);
  const [batch, ...item] = shape;
  const per = numel(item);
  const out = new Float32Array(batch * per);
  for (let b = 0; b < batch; b++) out.set(itemInput(item, b, stream), b * per);
  return out;
}

export class ReferenceCache {
  private readonly outputs = new Map<string, Float32Array>();
  private readonly graphs = new Map<number, Graph>();

  constructor(private readonly build: (size: number) => Graph) {}

  output(size: number, item: number): Float32Array {
    const key = `${size}:${item}`;
    let out = this.outputs.get(key);
    if (!out) {
      const g = this.graph(size);
      const shape = g.tensors.get(g.inputs[0])!.shape;
      const run = runReference(g, { [g.inputs[0]]: { shape: [...shape], data: itemInput(shape.slice(1), item) } });
      out = run.outputs.get(g.outputs[0])!.data;
      this.outputs.set(key, out);
    }
    return out;
  }

  private graph(size: number): Graph {
    let g = this.graphs.get(size);
    if (!g) this.graphs.set(size, (g = this.build(size)));
    return g;
  }
}

export function notChecked(reason: string): CheckResult {
  return { status: 'not-checked', reference: null, pass: false, tolerance: CHECK_TOLERANCE, reason };
}

export function checkFailed(reference: CheckReference, reason: string, items?: number[]): CheckResult {
  return { status: 'fail', reference, pass: false, tolerance: CHECK_TOLERANCE, ...(items ? { items } : {}), reason };
}

/** max|y - ref| / max|ref| against the tolerance. */
export function checkFromErrors(reference: CheckReference, maxAbsError: number, maxAbsRef: number, items?: number[]): CheckResult {
  const maxRelError = maxAbsRef > 0 ? maxAbsError / maxAbsRef : maxAbsError;
  // JSON has no Infinity; a NaN or Inf in the output is a failure with a reason instead.
  if (!Number.isFinite(maxRelError)) return checkFailed(reference, 'the output contains NaN or infinite values', items);
  const pass = maxRelError <= CHECK_TOLERANCE;
  return { status: pass ? 'pass' : 'fail', reference, pass, tolerance: CHECK_TOLERANCE, maxRelError, maxAbsError, ...(items ? { items } : {}) };
}

/** One whole output against one reference of the same length. */
export function checkAgainst(reference: CheckReference, y: Float32Array, ref: Float32Array): CheckResult {
  if (ref.length !== y.length) return checkFailed(reference, `the output has ${y.length} values, the reference ${ref.length}`);
  const e = compare(y, ref);
  return checkFromErrors(reference, e.maxAbsError, e.maxAbsRef);
}

/** Compares every batch item of `y` (the graph's first output) with its cached reference. */
export async function checkOutput(y: Float32Array, batch: number, size: number, refs: ReferenceCache, yieldFn: () => Promise<void>): Promise<CheckResult> {
  const per = y.length / batch;
  let maxAbsError = 0;
  let maxAbsRef = 0;
  const items: number[] = [];
  for (let b = 0; b < batch; b++) {
    await yieldFn();
    const ref = refs.output(size, b);
    if (ref.length !== per) return checkFailed('cpu', `output item has ${per} values, the reference ${ref.length}`);
    const e = compare(y.subarray(b * per, (b + 1) * per), ref);
    maxAbsError = Math.max(maxAbsError, e.maxAbsError);
    maxAbsRef = Math.max(maxAbsRef, e.maxAbsRef);
    items.push(b);
  }
  return checkFromErrors('cpu', maxAbsError, maxAbsRef, items);
}
