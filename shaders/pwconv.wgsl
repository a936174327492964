// Pointwise (1x1) convolution, stride 1, group 1, NCHW, fp32:
//   y[n, co, p] = act(sum_ci w[co, ci] * s[n, ci] * x[n, ci, p] + b[co])
//
// Each invocation computes CO output channels x PX*4 adjacent pixels of one image: per input
// channel it loads PX vec4s of x and CO weights, then does CO*PX vec4 multiply-adds, so every
// load feeds several outputs. Invocation order is pixel group fastest, then channel group,
// then image: neighbours read adjacent pixels and the same weights.
// The pixel axis is the flattened H*W plane (a 1x1 conv has no neighbourhood), so
// ALIGNED only needs H*W % 4 == 0; otherwise vec4s are built from bounds-checked scalars.
// The per-channel unrolled parts (loads, multiply-adds, stores) are generated text.

struct Params {
  Cin: u32,
  Cout: u32,
  HW: u32,
  // vec4 pixel groups per plane: ceil(HW / 4)
  HW4: u32,
  // invocations per plane: ceil(HW4 / PX)
  PG: u32,
  // channel groups: Cout / CO
  COG: u32,
  total: u32,
  wgCount: u32,
}

{{BINDINGS}}

{{LOADER}}

@compute @workgroup_size({{WG}})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  // The engine may fold a large dispatch into (x, y); rebuild the linear id.
  let wg = wid.x + wid.y * nwg.x;
  if (wg >= p.wgCount) { return; }
  let i = wg * {{WG}}u + lid;
  if (i >= p.total) { return; }
  let q = i32(i % p.PG) * {{PX}};
  let t = i / p.PG;
  let co0 = (t % p.COG) * {{CO}}u;
  let n = t / p.COG;
{{ACCS}}
  for (var ci = 0u; ci < p.Cin; ci++) {
    let plane = n * p.Cin + ci;
    let wb = co0 * p.Cin + ci;
{{LOADS}}
{{TAPS}}
  }
{{STORE}}
}
