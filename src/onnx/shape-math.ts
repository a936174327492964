// Shape rules of the ONNX reshaping ops, shared by constant folding and graph conversion
// so a folded Unsqueeze and a runtime Unsqueeze can never disagree.
import { numel } from '../graph/ir.js';
import { OnnxImportError } from './errors.js';

export function normAxis(axis: number, rank: number, what = 'axis'): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) throw new OnnxImportError(`${what} ${axis} is out of range for rank ${rank}`);
  return axis < 0 ? axis + rank : axis;
}

export function normAxes(axes: number[], rank: number, what = 'axes'): number[] {
  const out = axes.map((a) => normAxis(a, rank, what));
  if (new Set(out).size !== out.length) throw new OnnxImportError(`${what} [${axes}] repeat an axis`);
  return out;
}

export function unsqueezeShape(shape: number[], axes: number[]): number[] {
  const rank = shape.length + axes.length;
  const at = new Set(normAxes(axes, rank, 'Unsqueeze axes'));
  const out: number[] = [];
  let k = 0;
  for (let d = 0; d < rank; d++) out.push(at.has(d) ? 1 : shape[k++]);
  return out;
}

/** Without axes every size-1 dimension goes, as the spec says. */
export function squeezeShape(shape: number[], axes?: number[]): number[] {
  if (!axes) return shape.filter((d) => d !== 1);
  const drop = new Set(normAxes(axes, shape.length, 'Squeeze axes'));
  for (const a of drop) if (shape[a] !== 1) throw new OnnxImportError(`Squeeze axis ${a} has size ${shape[a]}, not 1 (input shape [${shape}])`);
  return shape.filter((_, d) => !drop.has(d));
}

/** Reshape's target: 0 copies the input dim (unless allowzero), one -1 is inferred. */
export function reshapeShape(input: number[], target: number[], allowzero: boolean): number[] {
  const out = target.map((d, i) => {
    if (d === 0 && !allowzero) {
      if (i >= input.length) throw new OnnxImportError(`Reshape target [${target}]: 0 at position ${i} has no input dim to copy (input [${input}])`);
      return input[i];
    }
    return d;
  });
  const unknown = out.filter((d) => d === -1).length;
  if (unknown > 1) throw new OnnxImportError(`Reshape target [${target}] has more than one -1`);
  if (out.some((d) => d < -1 || !Number.isInteger(d))) throw new OnnxImportError(`Reshape target [${target}] has an invalid dimension`);
  if (allowzero && unknown && out.includes(0)) throw new OnnxImportError(`Reshape target [${target}] mixes 0 and -1 with allowzero=1`);
  const total = numel(input);
  if (unknown) {
    const known = numel(out.filter((d) => d !== -1));
    if (known === 0 || total % known !== 0) throw new OnnxImportError(`cannot reshape [${input}] (${total} elements) to [${target}]`);
    out[out.indexOf(-1)] = total / known;
  }
  if (numel(out) !== total) throw new OnnxImportError(`cannot reshape [${input}] (${total} elements) to [${target}] (${numel(out)} elements)`);
  return out;
}

export function flattenShape(shape: number[], axis: number): number[] {
  const r = shape.length;
  if (axis < -r || axis > r) throw new OnnxImportError(`Flatten axis ${axis} is out of range for rank ${r}`);
  const a = axis < 0 ? axis + r : axis;
  return [numel(shape.slice(0, a)), numel(shape.slice(a))];
}

export function transposePerm(rank: number, perm?: number[]): number[] {
  const p = perm ?? [...Array(rank).keys()].reverse();
  if (p.length !== rank || [...p].sort((a, b) => a - b).some((v, i) => v !== i)) throw new OnnxImportError(`Transpose perm [${p}] is not a permutation of ${rank} axes`);
  return p;
}

export interface SliceAxis {
  start: number;
  step: number;
  count: number;
}

/** Slice start/end clamping exactly as the spec states it, per axis. */
export function sliceAxis(dim: number, start: number, end: number, step: number): SliceAxis {
  if (step === 0) throw new OnnxImportError('Slice step must not be 0');
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  let s = start < 0 ? start + dim : start;
  let e = end < 0 ? end + dim : end;
  if (step > 0) {
    s = clamp(s, 0, dim);
    e = clamp(e, 0, dim);
  } else {
    s = clamp(s, 0, dim - 1);
    e = clamp(e, -1, dim - 1);
  }
  return { start: s, step, count: Math.max(0, Math.ceil((e - s) / step)) };
}

/** Explicit [begin..., end...] pads for one spatial layout, from auto_pad or the pads attribute. */
export function resolvePads(autoPad: string, pads: number[] | undefined, inSpatial: number[], kernel: number[], strides: number[], dilations: number[]): number[] {
  const n = inSpatial.length;
  if (autoPad === 'NOTSET' || autoPad === '') {
    const p = pads ?? new Array(2 * n).fill(0);
    if (p.length !== 2 * n) throw new OnnxImportError(`pads [${p}] need ${2 * n} values`);
    return p;
  }
  if (autoPad === 'VALID') return new Array(2 * n).fill(0);
  if (autoPad !== 'SAME_UPPER' && autoPad !== 'SAME_LOWER') throw new OnnxImportError(`auto_pad '${autoPad}' is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID`);
  const begin: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < n; i++) {
    const out = Math.ceil(inSpatial[i] / strides[i]);
    const total = Math.max(0, (out - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - inSpatial[i]);
    const small = Math.floor(total / 2);
    begin.push(autoPad === 'SAME_UPPER' ? small : total - small);
    end.push(autoPad === 'SAME_UPPER' ? total - small : small);
  }
  return [...begin, ...end];
}
