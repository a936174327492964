// Streaming-read microbenchmark. Each invocation sums vec4 loads in a grid-stride sweep
// (consecutive invocations touch consecutive vec4s) and stores one f32: the store makes
// every load observable, and costs 1/(16 * loads per invocation) of the bytes read.
// Four accumulators keep the add latency chain from limiting the load rate (and measured
// faster than one or two on SwiftShader).
// Workgroups beyond the per-dimension limit are folded into y; id is rebuilt linearly.

struct Params {
  /** vec4 elements in src. */
  n: u32,
  /** Invocations that do work (= grid stride). */
  stride: u32,
  pad0: u32,
  pad1: u32,
}

@group(0) @binding(0) var<storage, read_write> src: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> sink: array<f32>;
@group(0) @binding(2) var<uniform> p: Params;

const WG: u32 = 64u;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let id = gid.x + gid.y * nwg.x * WG;
  if (id >= p.stride) {
    return;
  }
  var a = vec4<f32>(0.0);
  var b = a;
  var c = a;
  var d = a;
  var i = id;
  let s = p.stride;
  loop {
    if (i + 3u * s >= p.n) {
      break;
    }
    a += src[i];
    b += src[i + s];
    c += src[i + 2u * s];
    d += src[i + 3u * s];
    i += 4u * s;
  }
  for (; i < p.n; i += s) {
    a += src[i];
  }
  let t = (a + b) + (c + d);
  sink[id] = t.x + t.y + t.z + t.w;
}
