// WGSL helpers of binary rows, written over the alias T (f32 or vec4<f32>).

/**
 * a^b. WGSL's pow(a, b) is exp2(b log2 a): undefined for a < 0 and a few ulp off even where it
 * is defined, yet exported models square negative values everywhere (the variance of a
 * LayerNorm decomposition is Pow(x - mean, 2)). So:
 * - integral |b| <= 64: binary powering, sign-correct and exact for b = 2 (one rounding, like
 *   x * x); b < 0 takes the reciprocal;
 * - other integral b: pow(|a|, b), negated for a < 0 and odd b;
 * - b = 0.5: sqrt(a);
 * - any other b: pow(a, b), which for a < 0 is NaN in real arithmetic and whatever the GPU's
 *   pow gives here (NaN on most GPUs; the spec leaves it undefined).
 * Every lane computes every candidate and selects; the loop is 7 steps of multiplies.
 */
export const POW_WGSL = /* wgsl */ `
fn pow_integral_small(a: T, n: T) -> T {
  var m = n;
  var base = a;
  var acc = T(1.0);
  for (var k = 0u; k < 7u; k++) {
    let half = floor(m * 0.5);
    acc = select(acc, acc * base, m - 2.0 * half == T(1.0));
    base = base * base;
    m = half;
  }
  return acc;
}

fn pow_op(a: T, b: T) -> T {
  let n = abs(b);
  let integral = b == floor(b);
  let odd = n - 2.0 * floor(n * 0.5) == T(1.0);
  let small = pow_integral_small(a, n);
  let small_signed = select(small, 1.0 / small, b < T(0.0));
  let big = pow(abs(a), b);
  let big_signed = select(big, -big, odd & (a < T(0.0)));
  var r = select(pow(a, b), big_signed, integral);
  r = select(r, small_signed, integral & (n <= T(64.0)));
  return select(r, sqrt(a), b == T(0.5));
}
`;
