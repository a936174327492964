// matmul: numpy semantics, y[p, i, j] = sum_k a[p, i, k] * b[p, k, j] with broadcast batch p
// (1-D operands are promoted on the host, which only changes the output shape).
// A fallback for small matrices from ONNX graphs, not a tuned GEMM.
//
// Bindings: y [batch * M * Nn], a [.. * M * K], b [.. * K * Nn].
// An invocation makes one output (or 4 consecutive columns with vec4 loads of b's rows and a
// vec4 store when Nn % 4 == 0), looping over K. Batch index p is unravelled over up to 4 batch
// dims; each operand's batch strides (in matrices, 0 when broadcast) give its matrix offset.
// Workgroups beyond maxComputeWorkgroupsPerDimension are folded into y; u.nwg is the real count.

struct Uniforms {
  items: u32,
  m: u32,
  k: u32,
  // Columns in items (vec4s with VEC4).
  n: u32,
  batch_dims: vec4<u32>,
  a_strides: vec4<u32>,
  b_strides: vec4<u32>,
  nwg: u32,
}

@group(0) @binding(0) var<storage, read_write> y: array<$T>;
@group(0) @binding(1) var<storage, read_write> a: array<f32>;
@group(0) @binding(2) var<storage, read_write> b: array<$T>;
@group(0) @binding(3) var<uniform> u: Uniforms;

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
  if (o >= u.items) {
    return;
  }
  let j = o % u.n;
  let i = (o / u.n) % u.m;
  var rem = o / (u.n * u.m);
  var pa = 0u;
  var pb = 0u;
  for (var d = 3u; d < 4u; d--) {
    let q = rem % u.batch_dims[d];
    rem /= u.batch_dims[d];
    pa += q * u.a_strides[d];
    pb += q * u.b_strides[d];
  }
  let arow = pa * u.m * u.k + i * u.k;
  let bmat = pb * u.k * u.n + j;
  var acc = $T(0.0);
  for (var k = 0u; k < u.k; k++) {
    acc += a[arow + k] * b[bmat + k * u.n];
  }
  y[o] = acc;
}
