// resize / resize_add: ONNX Resize of an NCHW tensor to OH x OW (linear or nearest, any
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

const OPI: u32 = $OPI;
// 0 align_corners, 1 asymmetric, 2 pytorch_half_pixel, 3 tf_half_pixel_for_nn, 4 half_pixel.
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

fn sample(r0: i32, r1: i32, ty: f32, ox: i32) -> f32 {
  let tx = taps(ox, u.w, u.ow);
  let a = x[r0 + tx.i0] * (1.0 - tx.t) + x[r0 + tx.i1] * tx.t;
  let b = x[r1 + tx.i0] * (1.0 - tx.t) + x[r1 + tx.i1] * tx.t;
  return a * (1.0 - ty) + b * ty;
}

fn kernel(g: u32, lid: u32) {
  let item = g * WG + lid;
  if (item >= u.items) {
    return;
  }
  let row = item / u.row_items;
  let ox = i32(item % u.row_items * OPI);
  let p = row / u32(u.oh);
  let ty = taps(i32(row % u32(u.oh)), u.h, u.oh);
  let plane = i32(p) * u.h * u.w;
  let r0 = plane + ty.i0 * u.w;
  let r1 = plane + ty.i1 * u.w;
#if VEC4
  var v = vec4<f32>(sample(r0, r1, ty.t, ox), sample(r0, r1, ty.t, ox + 1), sample(r0, r1, ty.t, ox + 2), sample(r0, r1, ty.t, ox + 3));
#else
  var v = sample(r0, r1, ty.t, ox);
#endif
#if PRESCALE
  v *= s[p];
#endif
#if ADD
  v += skip[item];
#endif
  y[item] = v;
}
