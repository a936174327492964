// Strided region copy for the data-movement ops (reshape, transpose, concat parts, slice and
// split parts, expand, tile, depth/space rearrangements, pad in every mode).
//
// Bindings: y (destination), x (source); vec4<f32> views when VEC4 (the host then gives every
// count, stride and offset in vec4 units). One invocation moves one element (or vec4).
// FLAT: y[dst_offset + i] = x[src_offset + i], a contiguous run.
// Otherwise invocation i is element c of a region of RANK dims, innermost first (the host has
// merged contiguous dims, so RANK is often 2 to 4): src = src_offset + sum(s(c) * src_stride)
// with signed strides (negative slice steps), dst = dst_offset + i, or + sum(c * dst_stride)
// when STRIDED_DST (a concat part). DIMS is the per-dim step unrolled for RANK with constant
// uniform indices (a loop with dynamically indexed uniform arrays ran 15-30x slower than a
// flat copy on SwiftShader). s(c) on padded dims (the others copy): CONSTANT c - begin,
// `value` outside [0, in_dim); EDGE clamped; REFLECT mirrored about the first and last
// elements; WRAP modulo in_dim. Pads up to the source length fold once with a select; longer
// ones (PERIODIC) take one u32 modulo, for which the host passes begin <= 0 with the same
// residue.

fn source_coord(c: u32, begin: i32, n: u32) -> i32 {
  let s = i32(c) - begin;
#if EDGE
  return clamp(s, 0, i32(n) - 1);
#else
#if REFLECT
#if PERIODIC
  let m = max(2u * n, 3u) - 2u;
  let t = u32(s) % m;
  return i32(min(t, m - t));
#else
  let t = abs(s);
  return select(t, 2 * i32(n) - 2 - t, t >= i32(n));
#endif
#else
#if WRAP
#if PERIODIC
  return i32(u32(s) % n);
#else
  return s + select(0, i32(n), s < 0) - select(0, i32(n), s >= i32(n));
#endif
#else
  return s;
#endif
#endif
#endif
}

fn kernel(g: u32, lid: u32) {
  let i = g * WG + lid;
  if (i >= u.items) {
    return;
  }
#if FLAT
  y[u.dst_offset + i] = x[u32(u.src_offset) + i];
#else
  var rem = i;
  var src = u.src_offset;
  var dst = u.dst_offset + i;
#if STRIDED_DST
  dst = u.dst_offset;
#endif
#if CONSTANT
  var inside = true;
#endif
$DIMS
#if CONSTANT
  if (inside) {
    y[dst] = x[u32(src)];
  } else {
    y[dst] = u.value;
  }
#else
  y[dst] = x[u32(src)];
#endif
#endif
}
