// unary: y = f(x * s[n, c]) for f one unary kind's WGSL expression ($EXPR, of `v` of type T),
// the prescale s optional. HELPERS holds the functions the expression calls (erf, tanh, ...)
// and u.alpha / u.beta the row's parameters (clip bounds, leaky slope, ...).
//
// Bindings: y, x, then s [N * C] (PRESCALE).
// Items are vec4s when the per-(n, c) plane (or, without prescale, the whole tensor) is a
// multiple of 4, else elements; a vec4 then never straddles two planes. An invocation makes
// OPI consecutive items (contiguous beat workgroup-strided items on SwiftShader).

alias T = $T;
const OPI: u32 = $OPI;
$HELPERS

fn f(i: u32) -> T {
  var v = x[i];
#if PRESCALE
  v *= s[i / u.plane];
#endif
  return $EXPR;
}

fn kernel(wg: u32, lid: u32) {
  for (var j = 0u; j < OPI; j++) {
    let i = (wg * WG + lid) * OPI + j;
    if (i >= u.items) {
      return;
    }
    y[i] = f(i);
  }
}
