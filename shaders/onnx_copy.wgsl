// Strided copy for the layout ops of ONNX graphs (reshape, transpose, concat, pad).
//
// Bindings: y (destination), x (source).
// FLAT: y[i] = x[i] (reshape relabels a contiguous buffer), vec4 when the size allows.
// Otherwise an invocation owns one element of a region of up to 8 dims (innermost last):
// its coordinates c give dst = dst_offset + sum(c * dst_stride) and
// src = sum((c - begin) * src_stride), or `value` when c - begin falls outside [0, in_dim)
// (pad). Transpose permutes src strides, concat writes one input's region at an offset.
// Workgroups beyond maxComputeWorkgroupsPerDimension are folded into y; u.nwg is the real count.

struct Uniforms {
  items: u32,
  nwg: u32,
  dst_offset: u32,
  value: f32,
  shape: array<vec4<u32>, 2>,
  dst_stride: array<vec4<u32>, 2>,
  src_stride: array<vec4<u32>, 2>,
  begin: array<vec4<i32>, 2>,
  in_dim: array<vec4<i32>, 2>,
}

@group(0) @binding(0) var<storage, read_write> y: array<$T>;
@group(0) @binding(1) var<storage, read_write> x: array<$T>;
@group(0) @binding(2) var<uniform> u: Uniforms;

const WG: u32 = $WG;

@compute @workgroup_size(WG)
fn main(
  @builtin(local_invocation_index) lid: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
) {
  let g = wid.x + wid.y * nwg.x;
  if (g >= u.nwg) {
    return;
  }
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
    let n = u.shape[d / 4u][d % 4u];
    let c = rem % n;
    rem /= n;
    dst += c * u.dst_stride[d / 4u][d % 4u];
    let s = i32(c) - u.begin[d / 4u][d % 4u];
    inside = inside && s >= 0 && s < u.in_dim[d / 4u][d % 4u];
    src += u32(max(s, 0)) * u.src_stride[d / 4u][d % 4u];
  }
  y[dst] = select(u.value, x[src], inside);
#endif
}
