// FMA-throughput microbenchmark: eight independent vec4 chains a = fma(a, b, c) per
// invocation, so neither latency nor a single dependency chain limits issue; four fmas
// per chain per iteration, because SwiftShader's per-iteration loop cost otherwise halves
// the rate (measured: about 12 vs 15-30 GFLOP/s on the 2-core test machine). b < 1 makes
// every chain converge to c / (1 - b) (no overflow, no denormals). The iteration count
// comes from a uniform so the loop cannot be folded, and the sum is stored so it cannot
// be removed. $T is f32 or f16 (the f16 variant needs 'shader-f16' and enables it).
#if F16
enable f16;
#endif

struct Params {
  iterations: u32,
  invocations: u32,
  b: f32,
  c: f32,
}

@group(0) @binding(0) var<storage, read_write> sink: array<f32>;
@group(0) @binding(1) var<uniform> p: Params;

const WG: u32 = 64u;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let id = gid.x + gid.y * nwg.x * WG;
  if (id >= p.invocations) {
    return;
  }
  let s = $T(id % 97u) * $T(0.001);
  var a0 = vec4<$T>(s, s + $T(0.01), s + $T(0.02), s + $T(0.03));
  var a1 = a0 + vec4<$T>($T(0.1));
  var a2 = a0 + vec4<$T>($T(0.2));
  var a3 = a0 + vec4<$T>($T(0.3));
  var a4 = a0 + vec4<$T>($T(0.4));
  var a5 = a0 + vec4<$T>($T(0.5));
  var a6 = a0 + vec4<$T>($T(0.6));
  var a7 = a0 + vec4<$T>($T(0.7));
  let b = vec4<$T>($T(p.b));
  let c = vec4<$T>($T(p.c));
  for (var i = 0u; i < p.iterations; i++) {
    a0 = fma(fma(fma(fma(a0, b, c), b, c), b, c), b, c);
    a1 = fma(fma(fma(fma(a1, b, c), b, c), b, c), b, c);
    a2 = fma(fma(fma(fma(a2, b, c), b, c), b, c), b, c);
    a3 = fma(fma(fma(fma(a3, b, c), b, c), b, c), b, c);
    a4 = fma(fma(fma(fma(a4, b, c), b, c), b, c), b, c);
    a5 = fma(fma(fma(fma(a5, b, c), b, c), b, c), b, c);
    a6 = fma(fma(fma(fma(a6, b, c), b, c), b, c), b, c);
    a7 = fma(fma(fma(fma(a7, b, c), b, c), b, c), b, c);
  }
  let t = vec4<f32>((a0 + a1) + (a2 + a3) + (a4 + a5) + (a6 + a7));
  sink[id] = t.x + t.y + t.z + t.w;
}
