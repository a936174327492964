// resize2x_ac: the decoder's 2x bilinear upsample with align_corners, optionally fused with the
// skip add and a prescale on x: y = resize(x * s[n, c]) (+ skip). NCHW, OH = 2H, OW = 2W, W even.
//
// Bindings: y [P * OH * OW] (vec4), x [P * H * W], skip [P * OH * OW] (vec4, ADD), s [P] (PRESCALE).
// An invocation owns one output vec4 column q (outputs 4q .. 4q+3) over ROWS consecutive
// output rows of one plane; consecutive invocations take consecutive q (coalesced stores).
// Source coordinates are the exact rationals o * (n - 1) / (2n - 1): the column taps are
// computed once, the row taps advance incrementally (add n - 1, carry past 2n - 1), so the
// row loop has no division. With slope < 1/2 the 4 outputs read at most 4 consecutive input
// columns: 4 scalar loads per input row, interpolated vertically, then horizontally.

const ROWS: u32 = $ROWS;

/** Horizontal blend of 4 consecutive input values at offset d (0..2) with weight t. */
fn hblend(v: vec4<f32>, d: u32, t: f32) -> f32 {
  let a = select(select(v.x, v.y, d == 1u), v.z, d == 2u);
  let b = select(select(v.y, v.z, d == 1u), v.w, d == 2u);
  return a * (1.0 - t) + b * t;
}

/** Input values at columns c0 .. c0 + 3 of row offset r, clamped to the row. */
fn row4(r: u32, c0: u32) -> vec4<f32> {
  let last = u.w - 1u;
  return vec4<f32>(x[r + c0], x[r + min(c0 + 1u, last)], x[r + min(c0 + 2u, last)], x[r + min(c0 + 3u, last)]);
}

fn kernel(g: u32, lid: u32) {
  let item = g * WG + lid;
  if (item >= u.items) {
    return;
  }
  let q = item % u.cols;
  let chunk = (item / u.cols) % u.chunks;
  let p = item / (u.cols * u.chunks);
  // Column taps of outputs 4q + j: input column c0 + d[j], weight t[j].
  let wden = 2u * u.w - 1u;
  let c0 = (4u * q * (u.w - 1u)) / wden;
  var d: vec4<u32>;
  var t: vec4<f32>;
  for (var j = 0u; j < 4u; j++) {
    let num = (4u * q + j) * (u.w - 1u);
    let lo = num / wden;
    d[j] = lo - c0;
    t[j] = f32(num - lo * wden) / f32(wden);
  }
#if PRESCALE
  let k = s[p];
#endif
  let hden = 2u * u.h - 1u;
  let oy0 = chunk * ROWS;
  var lo = (oy0 * (u.h - 1u)) / hden;
  var rem = oy0 * (u.h - 1u) - lo * hden;
  let plane = p * u.h * u.w;
  let rows = min(ROWS, u.oh - oy0);
  for (var r = 0u; r < rows; r++) {
    let ty = f32(rem) / f32(hden);
    let top = row4(plane + lo * u.w, c0);
    let bottom = row4(plane + min(lo + 1u, u.h - 1u) * u.w, c0);
    let v = top * (1.0 - ty) + bottom * ty;
    var o = vec4<f32>(hblend(v, d.x, t.x), hblend(v, d.y, t.y), hblend(v, d.z, t.z), hblend(v, d.w, t.w));
#if PRESCALE
    o *= k;
#endif
    let at = (p * u.oh + oy0 + r) * u.cols + q;
#if ADD
    o += skip[at];
#endif
    y[at] = o;
    rem += u.h - 1u;
    if (rem >= hden) {
      rem -= hden;
      lo += 1u;
    }
  }
}
