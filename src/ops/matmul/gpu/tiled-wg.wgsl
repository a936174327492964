// Matrix product as a workgroup-memory tiled GEMM, shared by MatMul and Gemm:
//   y[p, i, j] = act(alpha * sum_k a[p, i, k] * b[p, k, j] + beta * c[i, j])
// with broadcast batch p (batch dims and per-operand strides in whole matrices, as tiled.wgsl)
// and C broadcast by element strides (0 = broadcast). Columns travel as vec4s (Nn % 4 == 0).
//
// Layout: a [.. * M * K] row-major f32 scalars (any K), b [.. * K * Nn] as vec4 over columns,
// c (HAS_C) f32, y [.. * M * Nn] as vec4.
//
// Tiling (wg-tile.ts): a workgroup computes BM rows x BN columns of one batch matrix. Per
// K-slice of BK its WG invocations cooperatively load
//   as_[k][i/4] = a[p, i .. i+3, k]   (A transposed on load: a vec4 over 4 rows)
//   bs_[k][j/4] = b[p, k, j .. j+3]   (one vec4 load)
// with zeros past M, K and Nn (bounds-checked loads, clamped addresses); a barrier; each
// invocation accumulates TM rows x TN column vec4s from workgroup memory; a second barrier
// before the next slice overwrites the tiles. Stores check row and column bounds.
// For A, consecutive invocations take consecutive k of one row (coalesced reads); for B,
// consecutive column vec4s of one row.
//
// Shapes are uniforms only: one pipeline per tile and epilogue serves every shape.
// Workgroup order: column tile fastest, then row tile, then batch.
// On SwiftShader workgroup memory is slow and these lose to the register tiles (tiled.wgsl).

$DECLS

fn aat(base: u32, i: u32, k: u32) -> f32 {
  return select(0.0, a[min(base + i * u.K + k, u.alast)], i < u.M && k < u.K);
}

fn kernel(wg: u32, lid: u32) {
  let n0 = (wg % u.NT) * BN4;
  let t = wg / u.NT;
  let m0 = (t % u.MT) * BM;
  let p = t / u.MT;
  var rem = p;
  var pa = 0u;
  var pb = 0u;
  for (var d = 3u; d < 4u; d--) {
    let q = rem % u_batch_dims(d);
    rem /= u_batch_dims(d);
    pa += q * u_a_strides(d);
    pb += q * u_b_strides(d);
  }
  let abase = pa * u.M * u.K;
  let bbase = pb * u.K * u.N4;
  let tx = lid % TX;
  let ty = lid / TX;
$ACCS
  for (var k0 = 0u; k0 < u.K; k0 += BK) {
    for (var i = lid; i < BK * BM4; i += WG) {
      let k = k0 + i % BK;
      let r = m0 + (i / BK) * 4u;
      as_[(i % BK) * BM4 + i / BK] = vec4<f32>(aat(abase, r, k), aat(abase, r + 1u, k), aat(abase, r + 2u, k), aat(abase, r + 3u, k));
    }
    for (var i = lid; i < BK * BN4; i += WG) {
      let k = k0 + i / BN4;
      let j = n0 + i % BN4;
      bs_[i] = select(vec4<f32>(0.0), b[min(bbase + k * u.N4 + j, u.blast)], k < u.K && j < u.N4);
    }
    workgroupBarrier();
$INNER
    workgroupBarrier();
  }
$STORE
}
