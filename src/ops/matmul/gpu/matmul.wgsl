// matmul: numpy semantics, y[p, i, j] = sum_k a[p, i, k] * b[p, k, j] with broadcast batch p
// (1-D operands are promoted on the host, which only changes the output shape).
// A fallback for small matrices from ONNX graphs, not a tuned GEMM.
//
// Bindings: y [batch * M * Nn], a [.. * M * K], b [.. * K * Nn].
// An invocation makes one output (or 4 consecutive columns with vec4 loads of b's rows and a
// vec4 store when Nn % 4 == 0), looping over K. Batch index p is unravelled over up to 4 batch
// dims; each operand's batch strides (in matrices, 0 when broadcast) give its matrix offset.

fn kernel(g: u32, lid: u32) {
  let o = g * WG + lid;
  if (o >= u.items) {
    return;
  }
  let j = o % u.n;
  let i = (o / u.n) % u.m;
  var rem = o / (u.n * u.m);
  var pa = 0u;
  var pb = 0u;
  for (var d = 3u; d < 4u; d--) {
    let q = rem % u_batch_dims(d);
    rem /= u_batch_dims(d);
    pa += q * u_a_strides(d);
    pb += q * u_b_strides(d);
  }
  let arow = pa * u.m * u.k + i * u.k;
  let bmat = pb * u.k * u.n + j;
  var acc = $T(0.0);
  for (var k = 0u; k < u.k; k++) {
    acc += a[arow + k] * b[bmat + k * u.n];
  }
  y[o] = acc;
}
