// Strided region copy for the data-movement ops (reshape, transpose, concat parts, slice and
// split parts, expand, tile, depth/space rearrangements, pad in every mode).
//
// Bindings: y (destination), x (source); vec4<f32> views when VEC4 (the host then gives every
// count, stride and offset in vec4 units). One invocation moves one element (or vec4).
// FLAT: y[dst_offset + i] = x[src_offset + i], a contiguous run.
// Otherwise invocation i is element c of a region of `rank` dims, innermost first (the host
// has merged contiguous dims, so rank is often 2 or 3): src = src_offset + sum(s(c) * src_stride)
// with signed strides (negative slice steps), dst = dst_offset + i, or + sum(c * dst_stride)
// when STRIDED_DST (a concat part). s(c) per mode: COPY c; CONSTANT c - begin, `value` outside
// [0, in_dim); EDGE clamped; REFLECT mirrored with period 2 * in_dim - 2; WRAP modulo in_dim.
// For REFLECT and WRAP the host passes begin <= 0 with the same residue, so one u32 modulo
// suffices.

fn source_coord(d: u32, c: u32) -> i32 {
#if EDGE
  return clamp(i32(c) - u_begin(d), 0, i32(u_in_dim(d)) - 1);
#else
#if REFLECT
  let m = max(2u * u_in_dim(d), 3u) - 2u;
  let t = u32(i32(c) - u_begin(d)) % m;
  return i32(min(t, m - t));
#else
#if WRAP
  return i32(u32(i32(c) - u_begin(d)) % u_in_dim(d));
#else
  return i32(c) - u_begin(d);
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
  let last = u.rank - 1u;
  for (var d = 0u; d <= last; d++) {
    // The outermost dim takes what remains, without a division.
    var c = rem;
    if (d < last) {
      let n = u_shape(d);
      c = rem % n;
      rem = rem / n;
    }
#if COPY
    src += i32(c) * u_src_stride(d);
#else
    let s = source_coord(d, c);
#if CONSTANT
    inside = inside && s >= 0 && s < i32(u_in_dim(d));
#endif
    src += s * u_src_stride(d);
#endif
#if STRIDED_DST
    dst += c * u_dst_stride(d);
#endif
  }
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
