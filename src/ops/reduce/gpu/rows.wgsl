// reduce_rows: y[p] = inv * combine(x[p, 0..L)) for every contiguous row p of length L: the
// per-(n, c) mean over H x W of NCHW (reduce_mean_hw), and any sum, mean, max or min whose
// reduced axes are the trailing ones (GlobalMaxPool, ReduceMax over H x W, ...). COMBINE is
// a + b, max or min; `init` its neutral element (0, -inf or +inf), `inv` 1 / L for a mean.
//
// Bindings: y [P] (f32), x [P * L] (vec4 when the row length L is a multiple of 4, then L
// counts vec4s), optional prescale s [P] (mean(x * s) = s * mean(x), applied once at the end;
// sums only).
//
// Three shapes (a specialization each), all free of scratch buffers:
// - SUBGROUP_PER_PLANE (with the subgroups feature): each subgroup reduces one plane, lanes
//   reading consecutive vec4s (coalesced), then subgroupAdd / Max / Min. No workgroup memory and no
//   barriers. A workgroup owns PPW = WG / 4 planes (4 = the smallest subgroup size WebGPU
//   allows), and its subgroups walk them in turn, so any subgroup size is correct.
// - PLANE_PER_INVOCATION: one invocation per plane; for tiny planes, and without subgroups for
//   small ones.
// - TREE: one workgroup per plane, strided vec4 partial sums, then a workgroup-memory tree;
//   the fallback for large planes without subgroups.
// Every invocation accumulates two vec4s, i.e. eight independent float32 partial sums, four
// loads per loop trip (the loop overhead dominates on SwiftShader).
// On SwiftShader barriers cost ~0.05-0.5 ms per workgroup, which is why both default paths
// avoid them (see rows.ts for measurements).

const PPW: u32 = $PPW;

fn comb(a: $ELEM, b: $ELEM) -> $ELEM {
  return $COMBINE;
}

fn comb1(a: f32, b: f32) -> f32 {
  return $COMBINE;
}

fn total(v: $ELEM) -> f32 {
#if VEC4
  return comb1(comb1(v.x, v.y), comb1(v.z, v.w));
#else
  return v;
#endif
}

fn finish(p: u32, sum: f32) {
#if PRESCALE
  y[p] = sum * u.inv * s[p];
#else
  y[p] = sum * u.inv;
#endif
}

/** Partial reduction of plane p over elements first, first + step, ... (4 loads per loop trip). */
fn slice_sum(p: u32, first: u32, step: u32) -> f32 {
  let base = p * u.len;
  var a0 = $ELEM(u.init);
  var a1 = $ELEM(u.init);
  var i = first;
  for (; i + 3u * step < u.len; i += 4u * step) {
    a0 = comb(a0, comb(x[base + i], x[base + i + step]));
    a1 = comb(a1, comb(x[base + i + 2u * step], x[base + i + 3u * step]));
  }
  for (; i < u.len; i += step) {
    a0 = comb(a0, x[base + i]);
  }
  return total(comb(a0, a1));
}

#if TREE
var<workgroup> part: array<f32, WG>;
#endif

#if SUBGROUP_PER_PLANE
fn kernel(g: u32, lid: u32, sg: Subgroup) {
#else
fn kernel(g: u32, lid: u32) {
#endif
#if PLANE_PER_INVOCATION
  let p = g * WG + lid;
  if (p < u.planes) {
    finish(p, slice_sum(p, 0u, 1u));
  }
#endif
#if TREE
  part[lid] = slice_sum(g, lid, WG);
  workgroupBarrier();
  for (var half = WG / 2u; half > 0u; half >>= 1u) {
    if (lid < half) {
      part[lid] = comb1(part[lid], part[lid + half]);
    }
    workgroupBarrier();
  }
  if (lid == 0u) {
    finish(g, part[0]);
  }
#endif
#if SUBGROUP_PER_PLANE
  // PPW planes per workgroup whatever the subgroup size: each subgroup walks them in turn.
  let last = min((g + 1u) * PPW, u.planes);
  for (var p = g * PPW + sg.id; p < last; p += sg.count) {
    // A subgroup wider than the workgroup is only partly populated.
    let t = $SUBGROUP_OP(slice_sum(p, sg.lane, min(sg.size, WG)));
    if (sg.lane == 0u) {
      finish(p, t);
    }
  }
#endif
}
