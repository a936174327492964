// Pointwise (1x1) convolution as a workgroup-memory tiled GEMM, stride 1, group 1, NCHW, fp32:
//   y[n, co, p] = act(sum_ci w[co, ci] * s[n, ci] * x[n, ci, p] + b[co] [+ r[n, co, p]])
// M = output channels, K = input channels, N = the H*W pixels of one image.
//
// Layout: w packed [ci][co] (plan-time relayout, same size), so a weight tile row is
// contiguous over co; x, y (and r) NCHW, read and written as f32 scalars, so any H*W works.
//
// Tiling (wg-tile.ts): a workgroup computes BM output channels x BN pixels of one image. Per
// K-slice of BK input channels its WG invocations cooperatively load
//   as_[k][co/4] = w[ci][co .. co+3]            (vec4 over 4 output channels)
//   bs_[k][p/4]  = x[n, ci, p .. p+3] * s[n, ci] (vec4 over 4 pixels, prescaled on load)
// with zeros past Cin, Cout and H*W (bounds-checked loads, clamped addresses); a barrier; each
// invocation accumulates TM channels x TN*4 pixels from workgroup memory; a second barrier
// before the next slice overwrites the tiles. Stores check channel and pixel bounds.
// Consecutive invocations load consecutive vec4s of one row, so global reads coalesce.
//
// Shapes are uniforms only: one pipeline per tile and epilogue serves every shape and batch.
// Workgroup order: pixel tile fastest, then channel tile, then image.
// On SwiftShader workgroup memory is slow and these lose to the register tiles (pwconv.wgsl);
// they exist for GPUs where a workgroup-shared tile wins, which the tuner finds by timing.

$DECLS

fn wat(ci: u32, co: u32) -> f32 {
  return select(0.0, w[min(ci * u.Cout + co, u.wlast)], ci < u.Cin && co < u.Cout);
}

fn xat(base: u32, p: u32) -> f32 {
  return select(0.0, x[min(base + p, u.xlast)], p < u.HW);
}

fn kernel(wg: u32, lid: u32) {
  let p0 = (wg % u.PT) * BN;
  let t = wg / u.PT;
  let m0 = (t % u.CT) * BM;
  let n = t / u.CT;
  let tx = lid % TX;
  let ty = lid / TX;
$ACCS
  for (var k0 = 0u; k0 < u.Cin; k0 += BK) {
    for (var i = lid; i < BK * BM4; i += WG) {
      let ci = k0 + i / BM4;
      let co = m0 + (i % BM4) * 4u;
      as_[i] = vec4<f32>(wat(ci, co), wat(ci, co + 1u), wat(ci, co + 2u), wat(ci, co + 3u));
    }
    for (var i = lid; i < BK * BN4; i += WG) {
      let ci = k0 + i / BN4;
      let plane = n * u.Cin + min(ci, u.Cin - 1u);
      let p = p0 + (i % BN4) * 4u;
      let base = plane * u.HW;
      let v = vec4<f32>(xat(base, p), xat(base, p + 1u), xat(base, p + 2u), xat(base, p + 3u));
      bs_[i] = select(vec4<f32>(0.0), v$PRESCALE, ci < u.Cin);
    }
    workgroupBarrier();
$INNER
    workgroupBarrier();
  }
$STORE
}
