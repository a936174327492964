// Shape arithmetic shared by the op rules, the ONNX importer's constant folding and the CPU
// reference: broadcasting, sliding windows, and the fused prescale and residual input conventions.
import type { Attrs } from './ir.js';

export function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

export function expectRank(shape: number[], rank: number | readonly number[], what: string): void {
  const ranks = typeof rank === 'number' ? [rank] : rank;
  check(ranks.includes(shape.length), `${what} must have rank ${ranks.join(' or ')}, got shape [${shape}]`);
}

/** With attrs.prescale the last input is a [N,C,1,1] per-channel scale applied to input 0 on read. */
export function splitPrescale(inputs: string[] | number[][], attrs: Attrs): { main: number; scaled: boolean } {
  const scaled = Boolean(attrs.prescale);
  return { main: scaled ? inputs.length - 1 : inputs.length, scaled };
}

/**
 * With attrs.residual the last input before any prescale is a tensor of the output's shape added
 * to the result before the fused activation. `own` are the op's inputs without both.
 */
export function splitResidual<T>(inputs: readonly T[], attrs: Attrs): { own: T[]; residual?: T } {
  const main = attrs.prescale ? inputs.length - 1 : inputs.length;
  if (!attrs.residual) return { own: inputs.slice(0, main) };
  return { own: inputs.slice(0, main - 1), residual: inputs[main - 1] };
}

/** Output spatial size of a sliding window (conv or pool), as ONNX defines it. */
export function windowOut(inSize: number, k: number, stride: number, padBegin: number, padEnd: number, dilation = 1, ceil = false): number {
  const span = dilation * (k - 1) + 1;
  const raw = (inSize + padBegin + padEnd - span) / stride;
  let out = (ceil ? Math.ceil(raw) : Math.floor(raw)) + 1;
  // ONNX/PyTorch: with ceil_mode the last window must start inside the input or left padding.
  if (ceil && (out - 1) * stride >= inSize + padBegin) out--;
  return out;
}

export function broadcastShapes(a: number[], b: number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) throw new Error(`shapes [${a}] and [${b}] do not broadcast`);
    out.push(Math.max(da, db));
  }
  return out;
}
