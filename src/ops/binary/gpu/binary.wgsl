// binary: y = act(op(a', b)) with numpy broadcasting, op one binary kind's WGSL ($EXPR of p, q),
// act an optional fused activation ($ACT_EXPR of v), and an optional prescale a' = a * s[n, c]
// (s [N, C, 1, 1] of a's own N, C).
//
// Bindings: y, a, b (unless both operands are a: $B names the array b is read from), then s (PRESCALE).
// PLANES (fast path): the output is viewed as planes (n, c) of `plane` elements; each operand is
// FULL (same shape as y), per-(n, c), per-c or a scalar (A_KIND / B_KIND 0..3). With
// plane % 4 == 0 (VEC4) an item is one vec4, which never straddles two planes, so
// the broadcast operand is one scalar load per vec4.
// GENERIC: one output per item; the output index is unravelled over up to 6 dims
// and dotted with each operand's strides (0 along broadcast dims).

alias T = $T;
// Consecutive items per invocation: fewer, longer invocations are much faster on SwiftShader.
const OPI: u32 = $OPI;
const A_KIND: u32 = $A_KIND;
const B_KIND: u32 = $B_KIND;
// Functions the op's expression calls (pow), if any.
$HELPERS

fn apply(p: T, q: T) -> T {
  let v = $EXPR;
  return $ACT_EXPR;
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
    let n = u_dims(d);
    let q = rem % n;
    rem /= n;
    ia += q * u_sa(d);
    ib += q * u_sb(d);
  }
  var va = a[ia];
#if PRESCALE
  va *= s[ia / u.a_plane];
#endif
  y[i] = apply(va, $B[ib]);
#else
  let nc = i / u.plane;
#if A_FULL
  var va = a[i];
#else
  var va = T(a[small_index(A_KIND, nc)]);
#endif
#if PRESCALE
  va *= s[nc];
#endif
#if B_FULL
  let vb = $B[i];
#else
  let vb = T($B[small_index(B_KIND, nc)]);
#endif
  y[i] = apply(va, vb);
#endif
}

fn kernel(wg: u32, lid: u32) {
  for (var j = 0u; j < OPI; j++) {
    let i = (wg * WG + lid) * OPI + j;
    if (i >= u.items) {
      return;
    }
    element(i);
  }
}
