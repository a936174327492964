// batchnorm (inference): y = x * k[c] + (bias[c] - mean[c] * k[c]), k[c] = scale[c] / sqrt(var[c] + eps),
//
// Bindings: y, x, scale, bias, mean, var [C].
// Items are vec4s when H * W % 4 == 0 (a vec4 then lies in one channel plane), else elements;
// an invocation makes OPI consecutive items and folds k and b itself (once when the OPI items
// share a channel, ONE_CHANNEL, else per item) (one sqrt per item is cheaper
// than a second dispatch or workgroup memory).

// Consecutive items per invocation: fewer, longer invocations are much faster on SwiftShader.
const OPI: u32 = $OPI;

fn kernel(g: u32, lid: u32) {
#if ONE_CHANNEL
  // OPI divides the plane, so all items of this invocation lie in one channel.
  let first = (g * WG + lid) * OPI;
  if (first >= u.items) {
    return;
  }
  let c = (first / u.plane) % u.c;
  let k = scale[c] / sqrt(variance[c] + u.eps);
  let b = bias[c] - mean[c] * k;
  for (var j = 0u; j < OPI; j++) {
    y[first + j] = x[first + j] * k + b;
  }
#else
  for (var j = 0u; j < OPI; j++) {
    let i = (g * WG + lid) * OPI + j;
    if (i >= u.items) {
      return;
    }
    let c = (i / u.plane) % u.c;
    let k = scale[c] / sqrt(variance[c] + u.eps);
    y[i] = x[i] * k + (bias[c] - mean[c] * k);
  }
#endif
}
