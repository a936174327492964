// resize_scaled: NCHW resize whose coordinate transform uses the file's scale factors
// (ONNX Resize given `scales` that differ from out/in). Linear or nearest; one output per
// invocation. COORD: 0 align_corners, 1 asymmetric, 2 pytorch_half_pixel, 3 tf_half_pixel_for_nn,
// 4 half_pixel. RULE (nearest): 0 floor, 1 ceil, 2 round_prefer_ceil, 3 round_prefer_floor.
//
// Bindings: y [N*C*OH*OW], x [N*C*H*W].

const COORD: u32 = $COORD;
const RULE: u32 = $RULE;

fn source(o: u32, in_size: u32, out_size: u32, scale: f32) -> f32 {
  let fo = f32(o);
  switch (COORD) {
    case 0u: { return select(fo * f32(in_size - 1u) / f32(out_size - 1u), 0.0, out_size == 1u); }
    case 1u: { return fo / scale; }
    case 2u: { return select((fo + 0.5) / scale - 0.5, 0.0, out_size == 1u); }
    case 3u: { return (fo + 0.5) / scale; }
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

fn kernel(g: u32, lid: u32) {
  let o = g * WG + lid;
  if (o >= u.items) {
    return;
  }
  let ox = o % u.ow;
  let oy = (o / u.ow) % u.oh;
  let plane = (o / (u.ow * u.oh)) * u.h * u.w;
  let sy = source(oy, u.h, u.oh, u.scale_h);
  let sx = source(ox, u.w, u.ow, u.scale_w);
#if NEAREST
  y[o] = x[plane + nearest(sy, u.h) * u.w + nearest(sx, u.w)];
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
}
