// Streaming-copy microbenchmark: grid-stride vec4 copy between two disjoint ranges
// (possibly of one GPUBuffer, hence both bindings read_write).

struct Params {
  n: u32,
  stride: u32,
  pad0: u32,
  pad1: u32,
}

@group(0) @binding(0) var<storage, read_write> src: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> dst: array<vec4<f32>>;
@group(0) @binding(2) var<uniform> p: Params;

const WG: u32 = 64u;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let id = gid.x + gid.y * nwg.x * WG;
  if (id >= p.stride) {
    return;
  }
  for (var i = id; i < p.n; i += p.stride) {
    dst[i] = src[i];
  }
}
