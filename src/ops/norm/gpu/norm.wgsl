// norm_rows: layernorm / instancenorm / groupnorm as one program. Every op normalizes
// contiguous rows of `len` elements (rows.ts): y = (x - mean) * inv * s[idx] + b[idx] with
// inv = 1 / sqrt(var + eps) and the affine index idx = (row % ga) * gb + i / d, taken modulo
// es (scale) and eb (bias) for element i of the row.
//
// Statistics are two-pass (the mean, then the mean of squared deviations), each over two vec4
// accumulators (eight float32 partial sums), so the variance never suffers the cancellation
// of E[x^2] - E[x]^2. The row is read three times (mean, variance, write).
//
// Three shapes (index.ts chooses; measurements there):
// - ROW_PER_INVOCATION: one invocation per row (short rows; long ones without subgroups
//   below LONG_ROW);
// - SUBGROUP_PER_ROW (with the subgroups feature, long rows): each subgroup normalizes one row,
//   lanes reading consecutive items, subgroupAdd giving every lane the sums (no barriers).
//   A workgroup owns PPW = WG / 4 rows (4 = the smallest subgroup size) and its subgroups
//   walk them in turn, so any subgroup size is correct;
// - WORKGROUP_PER_ROW (long rows without subgroups): lanes stride over the row and combine
//   their partial sums through a workgroup-memory tree.
// PER_ROW: the affine index is the same for the whole row (InstanceNorm, GroupNorm-18), so
// scale and bias are read once.
//
// Bindings: y, x (vec4 when len is a multiple of 4, then `len` counts vec4s), s, optional b.

fn total(v: $ELEM) -> f32 {
#if VEC4
  return (v.x + v.y) + (v.z + v.w);
#else
  return v;
#endif
}

/** Partial sum of x[base + i] for i = first, first + step, ... */
fn partial_sum(base: u32, first: u32, step: u32) -> f32 {
  var a0 = $ELEM(0.0);
  var a1 = $ELEM(0.0);
  var i = first;
  for (; i + step < u.len; i += 2u * step) {
    a0 += x[base + i];
    a1 += x[base + i + step];
  }
  if (i < u.len) {
    a0 += x[base + i];
  }
  return total(a0 + a1);
}

/** Partial sum of (x - mean)^2 over the same elements. */
fn partial_sq(base: u32, first: u32, step: u32, mean: f32) -> f32 {
  var a0 = $ELEM(0.0);
  var a1 = $ELEM(0.0);
  var i = first;
  for (; i + step < u.len; i += 2u * step) {
    let d0 = x[base + i] - $ELEM(mean);
    let d1 = x[base + i + step] - $ELEM(mean);
    a0 = fma(d0, d0, a0);
    a1 = fma(d1, d1, a1);
  }
  if (i < u.len) {
    let d0 = x[base + i] - $ELEM(mean);
    a0 = fma(d0, d0, a0);
  }
  return total(a0 + a1);
}

fn scale_at(idx: u32) -> f32 {
  return s[idx % u.es];
}

fn bias_at(idx: u32) -> f32 {
#if BIAS
  return b[idx % u.eb];
#else
  return 0.0;
#endif
}

/** Scale and bias of item i (a vec4 covers elements 4i..4i+3) of a row whose index starts at `first`. */
fn scales(first: u32, i: u32) -> $ELEM {
#if VEC4
  let e = 4u * i;
  return vec4<f32>(scale_at(first + e / u.d), scale_at(first + (e + 1u) / u.d), scale_at(first + (e + 2u) / u.d), scale_at(first + (e + 3u) / u.d));
#else
  return scale_at(first + i / u.d);
#endif
}

fn biases(first: u32, i: u32) -> $ELEM {
#if VEC4
  let e = 4u * i;
  return vec4<f32>(bias_at(first + e / u.d), bias_at(first + (e + 1u) / u.d), bias_at(first + (e + 2u) / u.d), bias_at(first + (e + 3u) / u.d));
#else
  return bias_at(first + i / u.d);
#endif
}

fn write_row(row: u32, base: u32, first_i: u32, step: u32, mean: f32, inv: f32) {
  let first = (row % u.ga) * u.gb;
#if PER_ROW
  let sv = $ELEM(scale_at(first));
  let bv = $ELEM(bias_at(first));
#endif
  for (var i = first_i; i < u.len; i += step) {
#if !PER_ROW
    let sv = scales(first, i);
    let bv = biases(first, i);
#endif
    y[base + i] = fma((x[base + i] - $ELEM(mean)) * inv, sv, bv);
  }
}

const PPW: u32 = $PPW;

#if WORKGROUP_PER_ROW
var<workgroup> part: array<f32, WG>;

/** Sum of every lane's v, returned to all lanes. */
fn workgroup_sum(v: f32, lid: u32) -> f32 {
  part[lid] = v;
  workgroupBarrier();
  for (var half = WG / 2u; half > 0u; half >>= 1u) {
    if (lid < half) {
      part[lid] += part[lid + half];
    }
    workgroupBarrier();
  }
  let t = part[0];
  workgroupBarrier();
  return t;
}

fn kernel(g: u32, lid: u32) {
  let base = g * u.len;
  let mean = workgroup_sum(partial_sum(base, lid, WG), lid) * u.inv_count;
  let variance = workgroup_sum(partial_sq(base, lid, WG, mean), lid) * u.inv_count;
  write_row(g, base, lid, WG, mean, 1.0 / sqrt(variance + u.eps));
}
#endif

#if SUBGROUP_PER_ROW
fn kernel(g: u32, lid: u32, sg: Subgroup) {
  let last = min((g + 1u) * PPW, u.rows);
  // A subgroup wider than the workgroup is only partly populated.
  let step = min(sg.size, WG);
  for (var row = g * PPW + sg.id; row < last; row += sg.count) {
    let base = row * u.len;
    let mean = subgroupAdd(partial_sum(base, sg.lane, step)) * u.inv_count;
    let variance = subgroupAdd(partial_sq(base, sg.lane, step, mean)) * u.inv_count;
    write_row(row, base, sg.lane, step, mean, 1.0 / sqrt(variance + u.eps));
  }
}
#endif

#if ROW_PER_INVOCATION
fn kernel(g: u32, lid: u32) {
  let row = g * WG + lid;
  if (row >= u.rows) {
    return;
  }
  let base = row * u.len;
  let mean = partial_sum(base, 0u, 1u) * u.inv_count;
  let variance = partial_sq(base, 0u, 1u, mean) * u.inv_count;
  write_row(row, base, 0u, 1u, mean, 1.0 / sqrt(variance + u.eps));
}
#endif
