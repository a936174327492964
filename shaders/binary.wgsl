// binary: y = act(op(a', b)) with numpy broadcasting, op in add / sub / mul / div, act in
// none / relu, and an optional prescale a' = a * s[n, c] (s [N, C, 1, 1] of a's own N, C).
//
// Bindings: y, a, b, then s (PRESCALE).
// PLANES (fast path): the output is viewed as planes (n, c) of `plane` elements; each operand is
// FULL (same shape as y), per-(n, c), per-c or a scalar (A_KIND / B_KIND 0..3). With
// plane % 4 == 0 (VEC4) an item is one vec4, which never straddles two planes, so
// the broadcast operand is one scalar load per vec4.
// GENERIC: one output per item; the output index is unravelled over up to 6 dims
// and dotted with each operand's strides (0 along broadcast dims).
// Workgroups beyond maxComputeWorkgroupsPerDimension are folded into y; u.nwg is the real count.

struct Uniforms {
  // Work items (vec4s with VEC4), the plane size in items, channels, real workgroup count.
  items: u32,
  plane: u32,
  c: u32,
  nwg: u32,
  // GENERIC only: output dims (innermost last, padded with 1 in front), operand strides,
  // and a's elements per (n, c) for the prescale.
  dims: array<vec4<u32>, 2>,
  sa: array<vec4<u32>, 2>,
  sb: array<vec4<u32>, 2>,
  a_plane: u32,
}

@group(0) @binding(0) var<storage, read_write> y: array<$YT>;
@group(0) @binding(1) var<storage, read_write> a: array<$AT>;
@group(0) @binding(2) var<storage, read_write> b: array<$BT>;
#if PRESCALE
@group(0) @binding(3) var<storage, read_write> s: array<f32>;
#endif
@group(0) @binding($UB) var<uniform> u: Uniforms;

const WG: u32 = $WG;
// Consecutive items per invocation: fewer, longer invocations are much faster on SwiftShader.
const OPI: u32 = $OPI;
// 0 add, 1 sub, 2 mul, 3 div.
const OP: u32 = $OP;
const A_KIND: u32 = $A_KIND;
const B_KIND: u32 = $B_KIND;

fn apply(p: $YT, q: $YT) -> $YT {
  var r: $YT;
  switch (OP) {
    case 0u: { r = p + q; }
    case 1u: { r = p - q; }
    case 2u: { r = p * q; }
    default: { r = p / q; }
  }
#if RELU
  r = max(r, $YT(0.0));
#endif
  return r;
}

#if !GENERIC
/** Index of a broadcast operand's value for plane nc. */
fn small_index(kind: u32, nc: u32) -> u32 {
  switch (kind) {
    case 1u: { return nc; }
    case 2u: { return nc % u.c; }
    default: { return 0u; }
  }
}
#endif

fn element(i: u32) {
#if GENERIC
  var rem = i;
  var ia = 0u;
  var ib = 0u;
  for (var d = 5u; d < 6u; d--) {
    let n = u.dims[d / 4u][d % 4u];
    let q = rem % n;
    rem /= n;
    ia += q * u.sa[d / 4u][d % 4u];
    ib += q * u.sb[d / 4u][d % 4u];
  }
  var va = a[ia];
#if PRESCALE
  va *= s[ia / u.a_plane];
#endif
  y[i] = apply(va, b[ib]);
#else
  let nc = i / u.plane;
#if A_FULL
  var va = a[i];
#else
  var va = $YT(a[small_index(A_KIND, nc)]);
#endif
#if PRESCALE
  va *= s[nc];
#endif
#if B_FULL
  let vb = b[i];
#else
  let vb = $YT(b[small_index(B_KIND, nc)]);
#endif
  y[i] = apply(va, vb);
#endif
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
    element(i);
  }
}
