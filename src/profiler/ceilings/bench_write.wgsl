// Streaming-write microbenchmark: grid-stride vec4 stores of a uniform value, so the
// kernel does no loads at all. Folded workgroups as in bench_read.wgsl.

struct Params {
  n: u32,
  stride: u32,
  pad0: u32,
  value: f32,
}

@group(0) @binding(0) var<storage, read_write> dst: array<vec4<f32>>;
@group(0) @binding(1) var<uniform> p: Params;

const WG: u32 = 64u;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let id = gid.x + gid.y * nwg.x * WG;
  if (id >= p.stride) {
    return;
  }
  let v = vec4<f32>(p.value);
  for (var i = id; i < p.n; i += p.stride) {
    dst[i] = v;
  }
}
