// GPU cases for the reductions, ArgMax / ArgMin, softmax and the normalizations: every
// reduction on both programs (general axes and trailing rows), odd sizes, batch > 1, every
// axis position, long rows (the workgroup-per-row norm, the subgroup / tree row reductions)
// and data far from zero. Pure data, shared by the vitest file and the page module.
import type { CaseInput, MiscCase } from './misc-cases';

export type NormReduceCase = MiscCase;

const x = (shape: number[], range?: [number, number]): CaseInput => ({ name: 'x', shape, range });
const w = (name: string, shape: number[], range: [number, number] = [0.5, 1.5]): CaseInput => ({ name, shape, weight: true, range });

const REDUCTIONS = ['reduce_sum', 'reduce_mean', 'reduce_max', 'reduce_min', 'reduce_prod', 'reduce_l1', 'reduce_l2', 'reduce_sum_square', 'reduce_log_sum', 'reduce_log_sum_exp'];

/** Inputs each reduction is well-conditioned on: positive for log-sum, near 1 for products, all negative for max (the -inf start). */
function rangeFor(kind: string): [number, number] | undefined {
  if (kind === 'reduce_log_sum') return [0.5, 1.5];
  if (kind === 'reduce_prod') return [0.8, 1.25];
  if (kind === 'reduce_max') return [-3, -1];
  if (kind === 'reduce_min') return [1, 3];
  return undefined;
}

export function reduceCases(): NormReduceCase[] {
  const r = (kind: string, shape: number[], axes: number[], keepdims = 1): NormReduceCase => ({
    name: `${kind} [${shape}] axes [${axes}]${keepdims ? '' : ' drop'}`,
    op: kind,
    inputs: [x(shape, rangeFor(kind))],
    attrs: { axes, keepdims },
  });
  const out: NormReduceCase[] = [];
  for (const kind of REDUCTIONS) {
    out.push(r(kind, [2, 3, 5, 7], [1, 3], 0), r(kind, [2, 3, 5, 7], [0]), r(kind, [2, 3, 5, 7], [2, 3]), r(kind, [3, 4, 5], [0, 1, 2], 0));
  }
  out.push(r('reduce_sum', [2, 3, 4, 5, 6], [0, 2, 4]), r('reduce_l2', [2, 3, 4, 5, 6], [1, 3], 0));
  return out;
}

/** Trailing-block sums, means and extrema: the per-row program on every path (run again without subgroups). */
export function rowCases(): NormReduceCase[] {
  const r = (kind: string, shape: number[], axes: number[], range?: [number, number]): NormReduceCase => ({
    name: `rows ${kind} [${shape}] axes [${axes}]`,
    op: kind,
    inputs: [x(shape, range ?? rangeFor(kind))],
    attrs: { axes, keepdims: 1 },
    kernel: 'reduce_rows',
  });
  return [
    r('reduce_max', [2, 5, 17, 19], [2, 3]),
    r('reduce_min', [1, 3, 65, 67], [2, 3]),
    r('reduce_max', [2, 3, 64, 80], [2, 3], [-5, 5]),
    r('reduce_sum', [3, 8], [1]),
    r('reduce_mean', [4, 6, 5], [0, 1, 2]),
    r('reduce_max', [2, 3, 4, 5, 6], [3, 4]),
    r('reduce_mean', [2, 7, 300], [2], [0, 1]),
  ];
}

function argCases(): NormReduceCase[] {
  const a = (op: string, shape: number[], axis: number, keepdims: number, last: number): NormReduceCase => ({
    name: `${op} [${shape}] axis ${axis}${keepdims ? '' : ' drop'}${last ? ' last' : ''}`,
    op,
    inputs: [x(shape)],
    attrs: { axes: [axis], keepdims, select_last_index: last },
  });
  return [a('argmax', [2, 7, 3], 1, 1, 0), a('argmax', [2, 7, 3], 0, 0, 1), a('argmin', [3, 10], 1, 0, 0), a('argmin', [3, 5, 9], 2, 1, 1), a('argmax', [4, 1000], 1, 1, 0)];
}

function softmaxCases(): NormReduceCase[] {
  const s = (op: string, shape: number[], axis: number, coerce: number, range: [number, number] = [-6, 6]): NormReduceCase => ({
    name: `${op} [${shape}] axis ${axis}${coerce ? ' flattened' : ''}`,
    op,
    inputs: [x(shape, range)],
    attrs: { axis, coerce },
  });
  const out: NormReduceCase[] = [];
  for (const op of ['softmax', 'log_softmax']) {
    out.push(s(op, [2, 3, 4], 0, 0), s(op, [2, 3, 4], 1, 0), s(op, [2, 3, 4], 2, 0), s(op, [2, 3, 5], 1, 1), s(op, [3, 1000], 1, 0));
  }
  // Large logits: the max subtraction keeps exp in range.
  out.push(s('softmax', [5, 17], 1, 0, [-80, 80]), s('log_softmax', [2, 9, 7], 1, 0, [-80, 80]));
  return out;
}

export function normCases(): NormReduceCase[] {
  const ln = (shape: number[], axis: number, scale: number[], bias?: number[], range?: [number, number]): NormReduceCase => ({
    name: `layernorm [${shape}] axis ${axis} scale [${scale}]${bias ? ` bias [${bias}]` : ''}${range ? ` x in [${range}]` : ''}`,
    op: 'layernorm',
    inputs: [x(shape, range), w('s', scale), ...(bias ? [w('b', bias, [-0.5, 0.5])] : [])],
    attrs: { axis, epsilon: 1e-5 },
  });
  const inorm = (shape: number[], range?: [number, number]): NormReduceCase => ({
    name: `instancenorm [${shape}]${range ? ` x in [${range}]` : ''}`,
    op: 'instancenorm',
    inputs: [x(shape, range), w('s', [shape[1]]), w('b', [shape[1]], [-0.5, 0.5])],
    attrs: { epsilon: 1e-5 },
  });
  const gn = (shape: number[], groups: number, perChannel: number): NormReduceCase => {
    const n = perChannel ? shape[1] : groups;
    return {
      name: `groupnorm [${shape}] groups ${groups} per ${perChannel ? 'channel' : 'group'}`,
      op: 'groupnorm',
      inputs: [x(shape), w('s', [n]), w('b', [n], [-0.5, 0.5])],
      attrs: { num_groups: groups, epsilon: 1e-5, per_channel: perChannel },
    };
  };
  return [
    ln([2, 5, 6], 2, [6], [6]),
    ln([2, 5, 6], 2, [6]),
    ln([3, 4, 8], 1, [8], [4, 8]),
    ln([7, 33], 1, [33], [1]),
    ln([2, 8, 8, 3], 3, [3], [3]),
    ln([1, 2, 5000], 2, [5000], [5000]),
    ln([2, 4097], 1, [1], [4097]),
    // Mean far from the spread (x in [10, 11]): the two-pass variance does not cancel (measured 1.5e-6).
    ln([4, 64], 1, [64], [64], [10, 11]),
    inorm([2, 3, 5]),
    inorm([2, 5, 7, 9]),
    inorm([2, 3, 17, 19]),
    inorm([1, 3, 80, 80]),
    inorm([2, 4, 3, 2, 5]),
    inorm([2, 3, 16, 16], [10, 11]),
    gn([2, 6, 5, 7], 3, 0),
    gn([2, 6, 5, 7], 3, 1),
    gn([2, 8, 4, 5], 2, 1),
    gn([1, 4, 70, 70], 2, 1),
    gn([3, 6, 10], 6, 0),
  ];
}

/** Normalizations whose rows take a subgroup each (over 256 elements): run again without subgroups (per invocation, or the workgroup tree past 4096). */
export function longNormCases(): NormReduceCase[] {
  return normCases().filter((c) => ['5000', '4097', '17,19', '80,80', '70,70'].some((s) => c.name.includes(s)));
}

export const NORM_REDUCE_CASES: NormReduceCase[] = [...reduceCases(), ...rowCases(), ...argCases(), ...softmaxCases(), ...normCases()];
