// Any reduction over any axes, one output per invocation (rows.wgsl handles the trailing-block
// case with vectorized loads). The host splits the input dims into kept runs (one output each)
// and reduced runs, at most 4 of each after merging neighbours, front-padded with size-1 runs;
// an invocation walks its output's reduced elements with four nested loops (no division per
// element) in index order, so `k` is the reduced index ArgMax / ArgMin report.
//
// Bindings: y [outputs], x. STEP updates the accumulator `r` with value `v` at index `k`;
// FINISH turns the accumulator `a` into the output (see reductions.ts for each reduction).

struct Acc {
  v: f32,
  w: f32,
  i: u32,
}

fn offset(i: u32, dims: vec4<u32>, strides: vec4<u32>) -> u32 {
  var rem = i;
  var off = 0u;
  for (var d = 3u; d < 4u; d--) {
    off += (rem % dims[d]) * strides[d];
    rem /= dims[d];
  }
  return off;
}

fn step(a: Acc, v: f32, k: u32) -> Acc {
  var r = a;
  $STEP
  return r;
}

fn kernel(g: u32, lid: u32) {
  let o = g * WG + lid;
  if (o >= u.items) {
    return;
  }
  let base = offset(o, u.kept_dim[0], u.kept_stride[0]);
  let d = u.red_dim[0];
  let s = u.red_stride[0];
  var a = Acc(u.init, 0.0, 0u);
  var k = 0u;
  for (var i0 = 0u; i0 < d.x; i0++) {
    for (var i1 = 0u; i1 < d.y; i1++) {
      for (var i2 = 0u; i2 < d.z; i2++) {
        let row = base + i0 * s.x + i1 * s.y + i2 * s.z;
        for (var i3 = 0u; i3 < d.w; i3++) {
          a = step(a, x[row + i3 * s.w], k);
          k++;
        }
      }
    }
  }
  y[o] = $FINISH;
}
