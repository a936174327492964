// Pointwise (1x1) convolution, stride 1, group 1, NCHW, fp32:
//   y[n, co, p] = act(sum_ci w[co, ci] * s[n, ci] * x[n, ci, p] + b[co])
//
// A GEMM with M = output channels, K = input channels and N = pixels. Each invocation computes
// CO output channels x PX*4 adjacent pixels of one image: per input channel it loads PX vec4s
// of x and the CO weights, then does CO*PX vec4 multiply-adds, so every load feeds several
// outputs. Invocation order is pixel group fastest, then channel group, then image: neighbours
// read adjacent pixels and the same weights.
//
// Weights come in one of two layouts (WIO):
// - as written, [co][ci]: CO scalar loads per input channel (CO divides Cout);
// - packed [ci][co] (contract: plan-time relayout, same size): CO/4 vec4 loads per input
//   channel, 4 output channels each. When Cout % 4 != 0 the vec4s are built from bounds-checked
//   scalars, and the channel tile past Cout (COTAIL) is computed on zero weights, not stored.
// The pixel axis is the flattened H*W plane (a 1x1 conv has no neighbourhood), so
// ALIGNED only needs H*W % 4 == 0; otherwise vec4s are built from bounds-checked scalars.
// The per-channel unrolled parts (loads, multiply-adds, stores) are generated text.

$LOADER

fn kernel(wg: u32, lid: u32) {
  let i = wg * WG + lid;
  if (i >= u.total) { return; }
  let q = i32(i % u.PG) * $PX;
  let t = i / u.PG;
  let co0 = (t % u.COG) * u32($CO);
  let n = t / u.COG;
$ACCS
  for (var ci = 0u; ci < u.Cin; ci++) {
    let plane = n * u.Cin + ci;
$LOADS
$TAPS
  }
$STORE
}
