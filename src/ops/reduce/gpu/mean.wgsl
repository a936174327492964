// reduce_mean over any axes (the HW-only case has its own kernel, reduce_mean_hw).
// The host splits the input dims into kept dims (one output each) and reduced dims (summed),
// at most 4 of each after merging neighbours; an invocation sums its output's elements.
//
// Bindings: y [outputs], x.

fn offset(i: u32, dims: vec4<u32>, strides: vec4<u32>) -> u32 {
  var rem = i;
  var off = 0u;
  for (var d = 3u; d < 4u; d--) {
    off += (rem % dims[d]) * strides[d];
    rem /= dims[d];
  }
  return off;
}

fn kernel(g: u32, lid: u32) {
  let o = g * WG + lid;
  if (o >= u.items) {
    return;
  }
  let base = offset(o, u.kept_dim[0], u.kept_stride[0]);
  var acc = 0.0;
  for (var r = 0u; r < u.count; r++) {
    acc += x[base + offset(r, u.red_dim[0], u.red_stride[0])];
  }
  y[o] = acc * u.inv_count;
}
