// unary: y = f(x * s[n, c]) for f in relu / sigmoid / identity, the prescale s optional.
//
// Bindings: y, x, then s [N * C] (PRESCALE).
// Items are vec4s when the per-(n, c) plane (or, without prescale, the whole tensor) is a
// multiple of 4, else elements; a vec4 then never straddles two planes. An invocation makes
// OPI consecutive items (contiguous beat workgroup-strided items on SwiftShader).
// Workgroups beyond maxComputeWorkgroupsPerDimension are folded into y; u.nwg is the real count.

struct Uniforms {
  items: u32,
  // Items per (n, c) plane, for the prescale index.
  plane: u32,
  nwg: u32,
}

@group(0) @binding(0) var<storage, read_write> y: array<$T>;
@group(0) @binding(1) var<storage, read_write> x: array<$T>;
#if PRESCALE
@group(0) @binding(2) var<storage, read_write> s: array<f32>;
#endif
@group(0) @binding($UB) var<uniform> u: Uniforms;

const WG: u32 = $WG;
const OPI: u32 = $OPI;
// 0 identity, 1 relu, 2 sigmoid.
const FN: u32 = $FN;

fn f(i: u32) -> $T {
  var v = x[i];
#if PRESCALE
  v *= s[i / u.plane];
#endif
  switch (FN) {
    case 1u: { v = max(v, $T(0.0)); }
    case 2u: { v = 1.0 / (1.0 + exp(-v)); }
    default: {}
  }
  return v;
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
  for (var j = 0u; j < OPI; j++) {
    let i = (g * WG + lid) * OPI + j;
    if (i >= u.items) {
      return;
    }
    y[i] = f(i);
  }
}
