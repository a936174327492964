// Double-precision scalar functions of the unary references that JavaScript's Math lacks.

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * erf(x) = 2/sqrt(pi) e^(-x^2) sum_n 2^n x^(2n+1) / (1 3 5 ... (2n+1)): every term is
 * positive, so the sum has no cancellation and is accurate to a few ulp. Beyond |x| = 6,
 * erfc < 2e-17 and erf is +-1 in double precision.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a >= 6) return Math.sign(x);
  let term = a;
  let sum = a;
  for (let n = 1; term > sum * 1e-17; n++) {
    term *= (2 * a * a) / (2 * n + 1);
    sum += term;
  }
  return Math.sign(x) * TWO_OVER_SQRT_PI * Math.exp(-a * a) * sum;
}

/** log(1 + e^x) without overflow. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

export function gelu(x: number): number {
  return 0.5 * x * (1 + erf(x / Math.SQRT2));
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** GELU with the tanh approximation (ONNX Gelu approximate='tanh', PyTorch's 'tanh'). */
export function geluTanh(x: number): number {
  return 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
}
