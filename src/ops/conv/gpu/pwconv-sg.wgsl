// Pointwise (1x1) convolution with weights shared across a subgroup, stride 1, group 1, NCHW:
//   y[n, co, p] = act(sum_ci w[co, ci] * s[n, ci] * x[n, ci, p] + b[co] [+ r[n, co, p]])
//
// Layout: w packed [ci][co] (plan-time relayout, same size); x, y (and r) NCHW as f32 scalars,
// so any H*W and Cout work (vec4s are built from bounds-checked scalars, zero past the end).
//
// Tiling: a workgroup covers one image and one tile of CO output channels over WG*PX pixel
// vec4s; each invocation accumulates CO channels x PX*4 adjacent pixels in registers (as the
// register tiles of pwconv.wgsl). Every invocation of a workgroup needs the same weights, so
// instead of each loading them, per chunk of C = min(subgroup size, WG) input channels lane l
// loads the CO weights of channel k0 + l (CO/4 vec4s), and the chunk's channels then come from
// lane j by subgroupShuffle: C times fewer weight loads. Nothing is in workgroup memory and
// there are no barriers.
//
// Invariants the shuffles rely on: every lane of a subgroup is active at every shuffle (no
// early return; invocations past the plane compute on clamped loads and do not store), and all
// lanes of a subgroup share the image and channel tile (a subgroup never spans workgroups).
// Shapes are uniforms only: one pipeline per tile and epilogue serves every shape.
// Workgroup order: pixel range fastest, then channel tile, then image.

// Pixels 4q .. 4q+3 of one (image, input channel) plane, zero past its end.
fn ld(plane: u32, q: u32) -> vec4<f32> {
  let base = plane * u.HW;
  let i = q * 4u;
  return vec4<f32>(
    select(0.0, x[min(base + i, u.xlast)], i < u.HW), select(0.0, x[min(base + i + 1u, u.xlast)], i + 1u < u.HW),
    select(0.0, x[min(base + i + 2u, u.xlast)], i + 2u < u.HW), select(0.0, x[min(base + i + 3u, u.xlast)], i + 3u < u.HW));
}

// Packed weights of input channel ci for output channels co .. co+3, zero past Cin and Cout.
fn wq(ci: u32, co: u32) -> vec4<f32> {
  let i = ci * u.Cout + co;
  let ok = ci < u.Cin;
  return vec4<f32>(
    select(0.0, w[min(i, u.wlast)], ok && co < u.Cout), select(0.0, w[min(i + 1u, u.wlast)], ok && co + 1u < u.Cout),
    select(0.0, w[min(i + 2u, u.wlast)], ok && co + 2u < u.Cout), select(0.0, w[min(i + 3u, u.wlast)], ok && co + 3u < u.Cout));
}

fn kernel(wg: u32, lid: u32, sg: Subgroup) {
  let q = ((wg % u.PWG) * WG + lid) * $PX;
  let t = wg / u.PWG;
  let co0 = (t % u.COG) * $CO;
  let n = t / u.COG;
$ACCS
  let chunk = min(sg.size, WG);
  for (var k0 = 0u; k0 < u.Cin; k0 += chunk) {
$MINE
    let m = min(chunk, u.Cin - k0);
    for (var j = 0u; j < m; j++) {
      let plane = n * u.Cin + k0 + j;
$LOADS
$TAPS
    }
  }
$STORE
}
