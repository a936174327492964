// maxpool2x2: 2x2 max pooling, stride 2, no padding (floor mode), NCHW, optional prescale:
// y = maxpool(x * s[n, c]). The encoder's pooling; the fast path of maxpool2d.
//
// Bindings: y [P * OH * OW], x [P * H * W], optional s [P] (P = N * C).
// VEC4 (W % 8 == 0): an invocation makes OPI/4 output vec4s of one output row: per output vec4
// it loads 2 vec4s from each of the two input rows (8 columns), scales them, takes the
// vertical max, then the pairwise horizontal max. Otherwise one output per invocation from
// four scalar loads (odd H or W simply drop the last row / column, as floor mode does).

// Output vec4s per invocation (VEC4 only).
const OPI: u32 = $OPI;

fn scale_of(p: u32) -> f32 {
#if PRESCALE
  return s[p];
#else
  return 1.0;
#endif
}

#if VEC4
/** Output vec4 q of row `orow` (plane-relative), from input vec4 column 2q of rows 2 orow, 2 orow + 1. */
fn pool4(base: u32, q: u32, k: f32) -> vec4<f32> {
  let i = base + 2u * q;
  let v0 = max(x[i] * k, x[i + u.in_row] * k);
  let v1 = max(x[i + 1u] * k, x[i + u.in_row + 1u] * k);
  return vec4<f32>(max(v0.x, v0.y), max(v0.z, v0.w), max(v1.x, v1.y), max(v1.z, v1.w));
}
#endif

fn kernel(g: u32, lid: u32) {
  let item = (g * WG + lid) * OPI;
  if (item >= u.items) {
    return;
  }
  let q = item % u.row_items;
  let row = item / u.row_items;
  let p = row / u.oh;
  let orow = row % u.oh;
  let k = scale_of(p);
  let base = p * u.in_plane + 2u * orow * u.in_row;
#if VEC4
  // OPI divides row_items, so the OPI vec4s of an invocation share a row.
  for (var j = 0u; j < OPI; j++) {
    y[item + j] = pool4(base, q + j, k);
  }
#else
  let i = base + 2u * q;
  let top = max(x[i] * k, x[i + 1u] * k);
  let bottom = max(x[i + u.in_row] * k, x[i + u.in_row + 1u] * k);
  y[item] = max(top, bottom);
#endif
}
