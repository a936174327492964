// Generic 2-D convolution, NCHW, fp32: any groups, kernel size, strides, asymmetric pads and
// dilations, optional bias / ReLU / prescale. The fallback for whatever the fast depthwise and
// pointwise kernels decline (e.g. a 3x3 stride-2 stem, grouped convs).
//
// Each invocation computes 4 adjacent output columns of one (n, oc, oh) row as a vec4, so each
// weight load feeds four outputs. Loops over the group's input channels and the taps; inputs
// are bounds-checked scalar loads (strides and dilations break vec4 contiguity).
// Invocation order: column group fastest, then output row, then output channel, then image.

struct Params {
  C: u32,
  H: u32,
  W: u32,
  OC: u32,
  OH: u32,
  OW: u32,
  // column groups per output row: ceil(OW / 4)
  OW4: u32,
  KH: u32,
  KW: u32,
  sh: u32,
  sw: u32,
  padT: i32,
  padL: i32,
  dh: u32,
  dw: u32,
  icPerGroup: u32,
  ocPerGroup: u32,
  total: u32,
  wgCount: u32,
}

{{BINDINGS}}

fn at(base: u32, iy: i32, ix: i32) -> f32 {
  let ok = iy >= 0 && iy < i32(p.H) && ix >= 0 && ix < i32(p.W);
  let idx = base + u32(clamp(iy, 0, i32(p.H) - 1)) * p.W + u32(clamp(ix, 0, i32(p.W) - 1));
  return select(0.0, x[idx], ok);
}

@compute @workgroup_size({{WG}})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  // The engine may fold a large dispatch into (x, y); rebuild the linear id.
  let wg = wid.x + wid.y * nwg.x;
  if (wg >= p.wgCount) { return; }
  let i = wg * {{WG}}u + lid;
  if (i >= p.total) { return; }
  let ox0 = (i % p.OW4) * 4u;
  var t = i / p.OW4;
  let oy = t % p.OH;
  t = t / p.OH;
  let oc = t % p.OC;
  let n = t / p.OC;
  let ic0 = (oc / p.ocPerGroup) * p.icPerGroup;
  // Input coordinates of tap (0, 0) for the four outputs.
  let iy0 = i32(oy * p.sh) - p.padT;
  let ix0 = vec4<i32>(vec4<u32>(ox0, ox0 + 1u, ox0 + 2u, ox0 + 3u) * p.sw) - p.padL;
  var acc = vec4<f32>(0.0);
  for (var ic = 0u; ic < p.icPerGroup; ic++) {
    let plane = n * p.C + ic0 + ic;
    let base = plane * p.H * p.W;
    let wb = (oc * p.icPerGroup + ic) * p.KH * p.KW;
    var part = vec4<f32>(0.0);
    for (var ky = 0u; ky < p.KH; ky++) {
      let iy = iy0 + i32(ky * p.dh);
      if (iy < 0 || iy >= i32(p.H)) { continue; }
      for (var kx = 0u; kx < p.KW; kx++) {
        let ix = ix0 + i32(kx * p.dw);
        let v = vec4<f32>(at(base, iy, ix.x), at(base, iy, ix.y), at(base, iy, ix.z), at(base, iy, ix.w));
        part += w[wb + ky * p.KW + kx] * v;
      }
    }
    acc += part{{SCALE}};
  }
  {{EPILOGUE}}
  let ob = ((n * p.OC + oc) * p.OH + oy) * p.OW;
  for (var j = 0u; j < 4u; j++) {
    if (ox0 + j < p.OW) { y[ob + ox0 + j] = acc[j]; }
  }
}
