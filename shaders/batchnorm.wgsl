// batchnorm (inference): y = x * k[c] + (bias[c] - mean[c] * k[c]), k[c] = scale[c] / sqrt(var[c] + eps),
//
// Bindings: y, x, scale, bias, mean, var [C].
// Items are vec4s when H * W % 4 == 0 (a vec4 then lies in one channel plane), else elements;
// an invocation makes OPI consecutive items and folds k and b itself (once when the OPI items
// share a channel, ONE_CHANNEL, else per item) (one sqrt per item is cheaper
// than a second dispatch or workgroup memory).
// Workgroups beyond maxComputeWorkgroupsPerDimension are folded into y; u.nwg is the real count.

struct Uniforms {
  items: u32,
  plane: u32,
  c: u32,
  eps: f32,
  nwg: u32,
}

@group(0) @binding(0) var<storage, read_write> y: array<$T>;
@group(0) @binding(1) var<storage, read_write> x: array<$T>;
@group(0) @binding(2) var<storage, read_write> scale: array<f32>;
@group(0) @binding(3) var<storage, read_write> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> mean: array<f32>;
@group(0) @binding(5) var<storage, read_write> variance: array<f32>;
@group(0) @binding(6) var<uniform> u: Uniforms;

const WG: u32 = $WG;
// Consecutive items per invocation: fewer, longer invocations are much faster on SwiftShader.
const OPI: u32 = $OPI;

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
#if ONE_CHANNEL
  // OPI divides the plane, so all items of this invocation lie in one channel.
  let first = (g * WG + lid) * OPI;
  if (first >= u.items) {
    return;
  }
  let c = (first / u.plane) % u.c;
  let k = scale[c] / sqrt(variance[c] + u.eps);
  let b = bias[c] - mean[c] * k;
  for (var j = 0u; j < OPI; j++) {
    y[first + j] = x[first + j] * k + b;
  }
#else
  for (var j = 0u; j < OPI; j++) {
    let i = (g * WG + lid) * OPI + j;
    if (i >= u.items) {
      return;
    }
    let c = (i / u.plane) % u.c;
    let k = scale[c] / sqrt(variance[c] + u.eps);
    y[i] = x[i] * k + (bias[c] - mean[c] * k);
  }
#endif
}
