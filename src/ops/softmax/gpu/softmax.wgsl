// softmax / log_softmax: one invocation per row. Row r = (o, i) holds x[o, 0..len, i], its
// elements `inner` apart (inner = 1 for the last axis and the flattened opset 1/11 form, so
// an invocation walks a contiguous row; otherwise neighbouring invocations read neighbouring
// addresses). Three passes over the row: max, sum of exp(x - max), write.
//
// Bindings: y, x (same shape).

fn kernel(g: u32, lid: u32) {
  let r = g * WG + lid;
  if (r >= u.rows) {
    return;
  }
  let base = (r / u.inner) * u.len * u.inner + r % u.inner;
  let end = base + u.len * u.inner;
  var m = x[base];
  for (var p = base + u.inner; p < end; p += u.inner) {
    m = max(m, x[p]);
  }
  var s = 0.0;
  for (var p = base; p < end; p += u.inner) {
    s += exp(x[p] - m);
  }
#if LOG
  // (x - m) is exact near the max; folding m + log(s) first would round away log(s)'s low
  // bits when |m| is large.
  let ls = log(s);
  for (var p = base; p < end; p += u.inner) {
    y[p] = (x[p] - m) - ls;
  }
#else
  let inv = 1.0 / s;
  for (var p = base; p < end; p += u.inner) {
    y[p] = exp(x[p] - m) * inv;
  }
#endif
}
