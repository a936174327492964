// gemm: y[m, n] = alpha * sum_k A'[m, k] * B'[k, n] + beta * C[m, n] (ONNX Gemm).
// Transposes and C's broadcast are folded into element strides on the host (0 = broadcast).
// A fallback for the small matrices of classifier heads and gates, one output per invocation.
//
// Bindings: y [M * N], a, b, then c (HAS_C).

fn kernel(g: u32, lid: u32) {
  let o = g * WG + lid;
  if (o >= u.m * u.n) {
    return;
  }
  let i = o / u.n;
  let j = o % u.n;
  var acc = 0.0;
  for (var k = 0u; k < u.k; k++) {
    acc += a[i * u.a_stride0 + k * u.a_stride1] * b[k * u.b_stride0 + j * u.b_stride1];
  }
  var v = u.alpha * acc;
#if HAS_C
  v += u.beta * c[i * u.c_stride0 + j * u.c_stride1];
#endif
  y[o] = v;
}
