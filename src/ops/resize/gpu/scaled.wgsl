// resize_scaled: NCHW resize whose coordinate transform uses the file's scale factors
// (ONNX Resize given `scales` that differ from out/in). Nearest, linear or cubic; one output
// per invocation. COORD: 0 align_corners, 1 asymmetric, 2 pytorch_half_pixel,
// 3 tf_half_pixel_for_nn, 4 half_pixel, 5 half_pixel_symmetric (shifted by off_h / off_w,
// computed on the host). RULE (nearest): 0 floor, 1 ceil, 2 round_prefer_ceil, 3 round_prefer_floor.
// CUBIC: 4 x 4 taps with Keys' weights for cubic_a, edge-clamped indices, or with EXCLUDE
// outside taps weighted 0 and the rest renormalized.
//
// Bindings: y [N*C*OH*OW], x [N*C*H*W].

const COORD: u32 = $COORD;
const RULE: u32 = $RULE;

fn source(o: u32, in_size: u32, out_size: u32, scale: f32, offset: f32) -> f32 {
  let fo = f32(o);
  switch (COORD) {
    case 0u: { return select(fo * f32(in_size - 1u) / f32(out_size - 1u), 0.0, out_size == 1u); }
    case 1u: { return fo / scale; }
    case 2u: { return select((fo + 0.5) / scale - 0.5, 0.0, out_size == 1u); }
    case 3u: { return (fo + 0.5) / scale; }
    case 5u: { return offset + (fo + 0.5) / scale - 0.5; }
    default: { return (fo + 0.5) / scale - 0.5; }
  }
}

fn nearest(c: f32, in_size: u32) -> u32 {
  var i: f32;
  switch (RULE) {
    case 0u: { i = floor(c); }
    case 1u: { i = ceil(c); }
    case 2u: { i = floor(c + 0.5); }
    default: { i = ceil(c - 0.5); }
  }
  return u32(clamp(i, 0.0, f32(in_size - 1u)));
}

#if CUBIC
struct Cubic {
  i: vec4<u32>,
  w: vec4<f32>,
}

/** Taps floor(c) - 1 .. floor(c) + 2 and their weights. */
fn cubic_taps(c: f32, in_size: u32) -> Cubic {
  let lo = floor(c);
  let t = c - lo;
  let a = u.cubic_a;
  let n = vec2<f32>(t, 1.0 - t);
  let f = vec2<f32>(1.0 + t, 2.0 - t);
  let wn = ((a + 2.0) * n - (a + 3.0)) * n * n + 1.0;
  let wf = ((a * f - 5.0 * a) * f + 8.0 * a) * f - 4.0 * a;
  var w = vec4<f32>(wf.x, wn.x, wn.y, wf.y);
  let i = vec4<i32>(i32(lo) - 1, i32(lo), i32(lo) + 1, i32(lo) + 2);
#if EXCLUDE
  w = select(vec4<f32>(0.0), w, (i >= vec4<i32>(0)) & (i < vec4<i32>(i32(in_size))));
  w = w / (w.x + w.y + w.z + w.w);
#endif
  return Cubic(vec4<u32>(clamp(i, vec4<i32>(0), vec4<i32>(i32(in_size) - 1))), w);
}

fn row_dot(r: u32, tx: Cubic) -> f32 {
  return dot(tx.w, vec4<f32>(x[r + tx.i.x], x[r + tx.i.y], x[r + tx.i.z], x[r + tx.i.w]));
}
#endif

fn kernel(g: u32, lid: u32) {
  let o = g * WG + lid;
  if (o >= u.items) {
    return;
  }
  let ox = o % u.ow;
  let oy = (o / u.ow) % u.oh;
  let plane = (o / (u.ow * u.oh)) * u.h * u.w;
  let sy = source(oy, u.h, u.oh, u.scale_h, u.off_h);
  let sx = source(ox, u.w, u.ow, u.scale_w, u.off_w);
#if NEAREST
  y[o] = x[plane + nearest(sy, u.h) * u.w + nearest(sx, u.w)];
#else
#if CUBIC
  let ty = cubic_taps(sy, u.h);
  let tx = cubic_taps(sx, u.w);
  let rows = plane + ty.i * u.w;
  y[o] = dot(ty.w, vec4<f32>(row_dot(rows.x, tx), row_dot(rows.y, tx), row_dot(rows.z, tx), row_dot(rows.w, tx)));
#else
  let cy = clamp(sy, 0.0, f32(u.h - 1u));
  let cx = clamp(sx, 0.0, f32(u.w - 1u));
  let y0 = u32(floor(cy));
  let x0 = u32(floor(cx));
  let y1 = min(y0 + 1u, u.h - 1u);
  let x1 = min(x0 + 1u, u.w - 1u);
  let ty = cy - f32(y0);
  let tx = cx - f32(x0);
  let top = mix(x[plane + y0 * u.w + x0], x[plane + y0 * u.w + x1], tx);
  let bottom = mix(x[plane + y1 * u.w + x0], x[plane + y1 * u.w + x1], tx);
  y[o] = mix(top, bottom, ty);
#endif
#endif
}
