// prcm_gate: w[n, c] = sigmoid(sum_b fuser[c, b] * coeff[n, b]), coeff[n, b] = sum_c' ctx[n, c'] * basis[b, c'].
//
// Bindings: w [N*C], ctx [N*C], basis [B*C] (row b = one basis vector over channels),
// fuser [C*B]. All tiny (C <= a few hundred, B ~ 8).
//
// SHARED (default): one workgroup per n; its invocations compute coeff[b] (vec4 over channels
// when C % 4 == 0) into workgroup memory, one barrier, then each invocation produces channels
// c = lid, lid + WG, ...
// Otherwise (B > MAXB): one invocation per (n, c) recomputes the B coefficients itself (B*C MACs),
// with no workgroup memory; 30x slower at C = 192 on SwiftShader, so only a fallback.

// ctx / basis rows in array elements (vec4 when VEC4).
const PER: u32 = $PER;

fn dot_all(a: $ELEM, b: $ELEM) -> f32 {
#if VEC4
  return dot(a, b);
#else
  return a * b;
#endif
}

/** coeff[n, b] over all channels. */
fn coeff(n: u32, b: u32) -> f32 {
  let row = u.c / PER;
  var s = 0.0;
  for (var i = 0u; i < row; i++) {
    s += dot_all(ctx[n * row + i], basis[b * row + i]);
  }
  return s;
}

fn sigmoid(v: f32) -> f32 {
  return 1.0 / (1.0 + exp(-v));
}

#if SHARED
const MAXB: u32 = $MAXB;
var<workgroup> coeffs: array<f32, MAXB>;
#endif

fn kernel(g: u32, lid: u32) {
#if !SHARED
  let i = g * WG + lid;
  if (i >= u.n * u.c) {
    return;
  }
  let n = i / u.c;
  let c = i % u.c;
  var s = 0.0;
  for (var b = 0u; b < u.b; b++) {
    s += fuser[c * u.b + b] * coeff(n, b);
  }
  w[i] = sigmoid(s);
#else
  for (var b = lid; b < u.b; b += WG) {
    coeffs[b] = coeff(g, b);
  }
  workgroupBarrier();
  for (var c = lid; c < u.c; c += WG) {
    var s = 0.0;
    for (var b = 0u; b < u.b; b++) {
      s += fuser[c * u.b + b] * coeffs[b];
    }
    w[g * u.c + c] = sigmoid(s);
  }
#endif
}
