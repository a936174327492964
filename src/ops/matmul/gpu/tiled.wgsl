// Tiled matrix product, shared by MatMul and Gemm:
//   y[p, i, j] = act(alpha * sum_k a[p, i, k] * b[p, k, j] + beta * c[i, j])
// with broadcast batch p (MatMul; Gemm has one matrix) and C broadcast by element strides
// (0 = broadcast), both folded on the host. Columns travel as vec4s (Nn % 4 == 0).
//
// Each invocation computes a TM x TN tile: TM rows by TN vec4s of columns (4*TN outputs per
// row), so per k it loads TM values of a (as one vec4 over 4 k when K % 4 == 0, KVEC) and TN
// vec4s of b's row k, and does TM*TN vec4 multiply-adds: every load feeds TN or TM outputs.
// No workgroup memory (slow on SwiftShader); neighbours in a workgroup share b's rows and a's.
// Invocation order: column group fastest, then row group, then batch. Rows and columns past
// the end are clamped on load and skipped on store.
//
// Bindings: a [.. * M * K] (vec4 with KVEC), b [.. * K * Nn] as vec4, c (HAS_C), y as vec4.
// The unrolled row/column parts are generated text.

fn kernel(wg: u32, lid: u32) {
  let t = wg * WG + lid;
  if (t >= u.total) { return; }
  let j0 = (t % u.NG) * $TN;
  let i0 = ((t / u.NG) % u.MG) * $TM;
  var rem = t / (u.NG * u.MG);
  var pa = 0u;
  var pb = 0u;
  for (var d = 3u; d < 4u; d--) {
    let q = rem % u_batch_dims(d);
    rem /= u_batch_dims(d);
    pa += q * u_a_strides(d);
    pb += q * u_b_strides(d);
  }
  let p = t / (u.NG * u.MG);
  let bmat = pb * u.K * u.N4;
$ROWS
$COLS
$ACCS
#if KVEC
  for (var k4 = 0u; k4 < u.K / 4u; k4++) {
$LOADA
$KSTEPS
  }
#else
  for (var k = 0u; k < u.K; k++) {
$LOADA
    let brow = bmat + k * u.N4;
$LOADB
$FMAS
  }
#endif
$STORE
}
