// gemm: y[m, n] = alpha * sum_k A'[m, k] * B'[k, n] + beta * C[m, n] (ONNX Gemm).
// Transposes and C's broadcast are folded into element strides on the host (0 = broadcast).
// A fallback for the small matrices of classifier heads and gates, one output per invocation.
//
// Bindings: y [M * N], a, b, then c (HAS_C).
// Workgroups beyond maxComputeWorkgroupsPerDimension are folded into y; u.nwg is the real count.

struct Uniforms {
  m: u32,
  n: u32,
  k: u32,
  nwg: u32,
  // Element strides of A' over (m, k), B' over (k, n), C over (m, n).
  a_stride: vec2<u32>,
  b_stride: vec2<u32>,
  c_stride: vec2<u32>,
  alpha: f32,
  beta: f32,
}

@group(0) @binding(0) var<storage, read_write> y: array<f32>;
@group(0) @binding(1) var<storage, read_write> a: array<f32>;
@group(0) @binding(2) var<storage, read_write> b: array<f32>;
#if HAS_C
@group(0) @binding(3) var<storage, read_write> c: array<f32>;
#endif
@group(0) @binding($UB) var<uniform> u: Uniforms;

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
  let o = g * WG + lid;
  if (o >= u.m * u.n) {
    return;
  }
  let i = o / u.n;
  let j = o % u.n;
  var acc = 0.0;
  for (var k = 0u; k < u.k; k++) {
    acc += a[i * u.a_stride.x + k * u.a_stride.y] * b[k * u.b_stride.x + j * u.b_stride.y];
  }
  var v = u.alpha * acc;
#if HAS_C
  v += u.beta * c[i * u.c_stride.x + j * u.c_stride.y];
#endif
  y[o] = v;
}
