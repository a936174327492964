// WGSL helper functions for unary rows whose math WGSL lacks or computes badly, written over
// the alias T (f32 or vec4<f32>) so that one text serves both. The accuracies are measured by
// evaluating the same float32 operations against double precision on a dense grid.

/**
 * erf: N. Juffa's single-precision minimax approximation (published on Stack Overflow,
 * "erff implementation"): an odd polynomial for |x| <= 0.927734375, 1 - exp(polynomial) above.
 * Max |error| 6.1e-8 (relative 8.6e-8) over [-6, 6] in float32 arithmetic.
 */
export const ERF_WGSL = /* wgsl */ `
fn erf_approx(a: T) -> T {
  let t = abs(a);
  let s = a * a;
  var p = T(-5.96761703e-4);
  p = fma(p, s, T(4.99119423e-3));
  p = fma(p, s, T(-2.67681349e-2));
  p = fma(p, s, T(1.12819925e-1));
  p = fma(p, s, T(-3.76125336e-1));
  p = fma(p, s, T(1.28379166e-1));
  let near = fma(p, a, a);
  var r = fma(T(-1.72853470e-5), t, T(3.83197126e-4));
  r = fma(r, s, fma(T(-3.88396438e-3), t, T(2.42546219e-2)));
  r = fma(r, t, T(-1.06777877e-1));
  r = fma(r, t, T(-6.34846687e-1));
  r = fma(r, t, T(-1.28717512e-1));
  r = fma(r, t, -t);
  let far = sign(a) * (1.0 - exp(r));
  return select(near, far, t > T(0.927734375));
}
`;

/**
 * tanh: x + x^3 P(x^2) below |x| = 0.55 (P a degree-4 least-squares fit, relative error 6e-8),
 * 1 - 2 / (exp(2|x|) + 1) above, with |x| clamped at 9 where tanh is 1 in float32. Max
 * relative error 2.1e-7. The builtin is avoided: WGSL inherits its accuracy from
 * sinh(x) / cosh(x), which overflow past |x| ~ 44, and it loses relative accuracy near 0.
 */
export const TANH_WGSL = /* wgsl */ `
fn tanh_approx(x: T) -> T {
  let s = x * x;
  var p = T(-6.29601208e-3);
  p = fma(p, s, T(2.10881848e-2));
  p = fma(p, s, T(-5.38566634e-2));
  p = fma(p, s, T(1.33326322e-1));
  p = fma(p, s, T(-3.33333194e-1));
  let near = fma(x * s, p, x);
  let far = sign(x) * (1.0 - 2.0 / (exp(2.0 * min(abs(x), T(9.0))) + 1.0));
  return select(near, far, abs(x) >= T(0.55));
}
`;

/** softplus as max(x, 0) + log(1 + exp(-|x|)): log(1 + exp(x)) overflows past x ~ 88. */
export const SOFTPLUS_WGSL = /* wgsl */ `
fn softplus_approx(x: T) -> T {
  return max(x, T(0.0)) + log(1.0 + exp(-abs(x)));
}
`;
