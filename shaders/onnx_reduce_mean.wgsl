// reduce_mean over any axes (the HW-only case has its own kernel, reduce_mean_hw).
// The host splits the input dims into kept dims (one output each) and reduced dims (summed),
// at most 4 of each after merging neighbours; an invocation sums its output's elements.
//
// Bindings: y [outputs], x.
// Workgroups beyond maxComputeWorkgroupsPerDimension are folded into y; u.nwg is the real count.

struct Uniforms {
  items: u32,
  count: u32,
  nwg: u32,
  inv_count: f32,
  kept_dim: vec4<u32>,
  kept_stride: vec4<u32>,
  red_dim: vec4<u32>,
  red_stride: vec4<u32>,
}

@group(0) @binding(0) var<storage, read_write> y: array<f32>;
@group(0) @binding(1) var<storage, read_write> x: array<f32>;
@group(0) @binding(2) var<uniform> u: Uniforms;

const WG: u32 = $WG;

fn offset(i: u32, dims: vec4<u32>, strides: vec4<u32>) -> u32 {
  var rem = i;
  var off = 0u;
  for (var d = 3u; d < 4u; d--) {
    off += (rem % dims[d]) * strides[d];
    rem /= dims[d];
  }
  return off;
}

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
  let o = g * WG + lid;
  if (o >= u.items) {
    return;
  }
  let base = offset(o, u.kept_dim, u.kept_stride);
  var acc = 0.0;
  for (var r = 0u; r < u.count; r++) {
    acc += x[base + offset(r, u.red_dim, u.red_stride)];
  }
  y[o] = acc * u.inv_count;
}
