// pool2d: generic max / average pooling with ONNX semantics (kernel, strides, pads, dilations,
// ceil_mode, count_include_pad), NCHW, optional prescale y = pool(x * s[n, c]).
// The fallback for pools the ONNX importer meets; the network's 2x2 pool uses maxpool2x2.
//
// Bindings: y [P * OH * OW], x [P * H * W], optional s [P] (P = N * C).
// One invocation per output: it walks the kh x kw window, skipping taps outside the input.
// For average pooling a tap in the explicit padding counts when count_include_pad is set; a tap
// past the padding (ceil_mode overhang) never counts.

fn kernel(g: u32, lid: u32) {
  let o = g * WG + lid;
  if (o >= u.total) {
    return;
  }
  let ox = i32(o % u.ow);
  let oy = i32((o / u.ow) % u.oh);
  let p = o / (u.ow * u.oh);
  let base = p * u32(u.h * u.w);
#if PRESCALE
  let k = s[p];
#else
  let k = 1.0;
#endif
  var best = u.neg_inf;
  var sum = 0.0;
  var count = 0;
  var padded = 0;
  for (var i = 0; i < u.kh; i++) {
    let ih = oy * u.sh - u.pt + i * u.dh;
    for (var j = 0; j < u.kw; j++) {
      let iw = ox * u.sw - u.pl + j * u.dw;
      if (ih < 0 || ih >= u.h || iw < 0 || iw >= u.w) {
        if (ih < u.h + u.pb && iw < u.w + u.pr) {
          padded++;
        }
        continue;
      }
      let v = x[base + u32(ih * u.w + iw)] * k;
      best = max(best, v);
      sum += v;
      count++;
    }
  }
#if AVG
  let denom = select(count, count + padded, u.include_pad != 0u);
  y[o] = sum / f32(denom);
#else
  y[o] = best;
#endif
}
