// resize / resize_add: ONNX Resize of an NCHW tensor to OH x OW (nearest, linear or cubic, any
// coordinate_transformation_mode), optionally fused with a following add of a same-shape skip
// tensor (ADD), and with an optional prescale on x: y = resize(x * s[n, c]) (+ skip).
//
// Bindings: y [P * OH * OW], x [P * H * W], skip [P * OH * OW] (ADD), s [P] (PRESCALE).
// Source coordinates are exact rationals num / den in i32 (see src_coord), so nearest-mode
// rounding at ties and the linear clamp at the borders follow the CPU reference bit for bit
// instead of depending on the device's f32 division.
// An invocation makes OPI consecutive outputs of one output row (OPI = 4 with a vec4 store and
// vec4 skip load when OW % 4 == 0, else 1): the row's vertical taps are shared, each output
// does 4 scalar loads (2 for nearest would suffice; the loads are the same addresses then).
// CUBIC: 4 x 4 taps at floor(x) - 1 .. floor(x) + 2 with Keys' weights for cubic_a from the
// exact fraction, indices clamped into the axis (edge values) or, with EXCLUDE, outside taps
// weighted 0 and the rest renormalized; 16 scalar loads per output.

const OPI: u32 = $OPI;
// 0 align_corners, 1 asymmetric, 2 pytorch_half_pixel, 3 tf_half_pixel_for_nn, 4 half_pixel
// (also half_pixel_symmetric, which equals it when the output is exactly in * out / in).
const COORD: u32 = $COORD;
// 0 floor, 1 ceil, 2 round_prefer_ceil, 3 round_prefer_floor.
const RULE: u32 = $RULE;

/** Input coordinate of output index o, as (num, den) with den > 0. */
fn src_coord(o: i32, n_in: i32, n_out: i32) -> vec2<i32> {
  switch (COORD) {
    case 0u: {
      if (n_out == 1) {
        return vec2<i32>(0, 1);
      }
      return vec2<i32>(o * (n_in - 1), n_out - 1);
    }
    case 1u: {
      return vec2<i32>(o * n_in, n_out);
    }
    case 2u: {
      if (n_out == 1) {
        return vec2<i32>(0, 1);
      }
      return vec2<i32>((2 * o + 1) * n_in - n_out, 2 * n_out);
    }
    case 3u: {
      return vec2<i32>((2 * o + 1) * n_in, 2 * n_out);
    }
    default: {
      return vec2<i32>((2 * o + 1) * n_in - n_out, 2 * n_out);
    }
  }
}

fn floor_div(a: i32, b: i32) -> i32 {
  let q = a / b;
  return select(q, q - 1, a % b != 0 && a < 0);
}

/** Nearest input index of num / den under the rounding rule. */
fn nearest(num: i32, den: i32) -> i32 {
  switch (RULE) {
    case 0u: {
      return floor_div(num, den);
    }
    case 1u: {
      return -floor_div(-num, den);
    }
    case 2u: {
      return floor_div(2 * num + den, 2 * den);
    }
    default: {
      // A tie (x - 0.5 an integer) goes down, anything else to the nearest integer.
      let tie = (2 * num - den) % (2 * den) == 0;
      return select(floor_div(2 * num + den, 2 * den), floor_div(2 * num - den, 2 * den), tie);
    }
  }
}

struct Taps {
  i0: i32,
  i1: i32,
  t: f32,
}

fn taps(o: i32, n_in: i32, n_out: i32) -> Taps {
  let r = src_coord(o, n_in, n_out);
#if NEAREST
  let i = clamp(nearest(r.x, r.y), 0, n_in - 1);
  return Taps(i, i, 0.0);
#else
  if (r.x <= 0) {
    return Taps(0, 0, 0.0);
  }
  let lo = r.x / r.y;
  if (lo >= n_in - 1) {
    return Taps(n_in - 1, n_in - 1, 0.0);
  }
  return Taps(lo, lo + 1, f32(r.x - lo * r.y) / f32(r.y));
#endif
}

#if CUBIC
struct Cubic {
  i: vec4<i32>,
  w: vec4<f32>,
}

/** Taps floor(x) - 1 .. floor(x) + 2 of output index o and their weights. */
fn cubic_taps(o: i32, n_in: i32, n_out: i32) -> Cubic {
  let r = src_coord(o, n_in, n_out);
  let lo = floor_div(r.x, r.y);
  let t = f32(r.x - lo * r.y) / f32(r.y);
  let a = u.cubic_a;
  // Distances to the four taps: 1 + t, t, 1 - t, 2 - t.
  let n = vec2<f32>(t, 1.0 - t);
  let f = vec2<f32>(1.0 + t, 2.0 - t);
  let wn = ((a + 2.0) * n - (a + 3.0)) * n * n + 1.0;
  let wf = ((a * f - 5.0 * a) * f + 8.0 * a) * f - 4.0 * a;
  var w = vec4<f32>(wf.x, wn.x, wn.y, wf.y);
  let i = vec4<i32>(lo - 1, lo, lo + 1, lo + 2);
#if EXCLUDE
  w = select(vec4<f32>(0.0), w, (i >= vec4<i32>(0)) & (i < vec4<i32>(n_in)));
  w = w / (w.x + w.y + w.z + w.w);
#endif
  return Cubic(clamp(i, vec4<i32>(0), vec4<i32>(n_in - 1)), w);
}

fn row_dot(r: i32, tx: Cubic) -> f32 {
  return dot(tx.w, vec4<f32>(x[r + tx.i.x], x[r + tx.i.y], x[r + tx.i.z], x[r + tx.i.w]));
}

/** rows: the 4 input row offsets, wy their weights. */
fn sample(rows: vec4<i32>, wy: vec4<f32>, ox: i32) -> f32 {
  let tx = cubic_taps(ox, u.w, u.ow);
  return dot(wy, vec4<f32>(row_dot(rows.x, tx), row_dot(rows.y, tx), row_dot(rows.z, tx), row_dot(rows.w, tx)));
}
#else
fn sample(r0: i32, r1: i32, ty: f32, ox: i32) -> f32 {
  let tx = taps(ox, u.w, u.ow);
  let a = x[r0 + tx.i0] * (1.0 - tx.t) + x[r0 + tx.i1] * tx.t;
  let b = x[r1 + tx.i0] * (1.0 - tx.t) + x[r1 + tx.i1] * tx.t;
  return a * (1.0 - ty) + b * ty;
}
#endif

fn kernel(g: u32, lid: u32) {
  let item = g * WG + lid;
  if (item >= u.items) {
    return;
  }
  let row = item / u.row_items;
  let ox = i32(item % u.row_items * OPI);
  let p = row / u32(u.oh);
  let oy = i32(row % u32(u.oh));
  let plane = i32(p) * u.h * u.w;
#if CUBIC
  let ty = cubic_taps(oy, u.h, u.oh);
  let rows = plane + ty.i * u.w;
#if VEC4
  var v = vec4<f32>(sample(rows, ty.w, ox), sample(rows, ty.w, ox + 1), sample(rows, ty.w, ox + 2), sample(rows, ty.w, ox + 3));
#else
  var v = sample(rows, ty.w, ox);
#endif
#else
  let ty = taps(oy, u.h, u.oh);
  let r0 = plane + ty.i0 * u.w;
  let r1 = plane + ty.i1 * u.w;
#if VEC4
  var v = vec4<f32>(sample(r0, r1, ty.t, ox), sample(r0, r1, ty.t, ox + 1), sample(r0, r1, ty.t, ox + 2), sample(r0, r1, ty.t, ox + 3));
#else
  var v = sample(r0, r1, ty.t, ox);
#endif
#endif
#if PRESCALE
  v *= s[p];
#endif
#if ADD
  v += skip[item];
#endif
  y[item] = v;
}
