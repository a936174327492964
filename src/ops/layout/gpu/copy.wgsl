// Strided copy for the layout ops of ONNX graphs (reshape, transpose, concat, pad).
//
// Bindings: y (destination), x (source).
// FLAT: y[i] = x[i] (reshape relabels a contiguous buffer), vec4 when the size allows.
// Otherwise an invocation owns one element of a region of up to 8 dims (innermost last):
// its coordinates c give dst = dst_offset + sum(c * dst_stride) and
// src = sum((c - begin) * src_stride), or `value` when c - begin falls outside [0, in_dim)
// (pad). Transpose permutes src strides, concat writes one input's region at an offset.

fn kernel(g: u32, lid: u32) {
  let i = g * WG + lid;
  if (i >= u.items) {
    return;
  }
#if FLAT
  y[i] = x[i];
#else
  var rem = i;
  var dst = u.dst_offset;
  var src = 0u;
  var inside = true;
  for (var d = 7u; d < 8u; d--) {
    let n = u_shape(d);
    let c = rem % n;
    rem /= n;
    dst += c * u_dst_stride(d);
    let s = i32(c) - u_begin(d);
    inside = inside && s >= 0 && s < u_in_dim(d);
    src += u32(max(s, 0)) * u_src_stride(d);
  }
  y[dst] = select(u.value, x[src], inside);
#endif
}
