// Generic 2-D convolution, NCHW, fp32: any groups, kernel size, strides, asymmetric pads and
// dilations, optional bias / ReLU / prescale. The fallback for whatever the fast depthwise and
// pointwise kernels decline (e.g. a 3x3 stride-2 stem, grouped convs).
//
// Each invocation computes 4 adjacent output columns of one (n, oc, oh) row as a vec4, so each
// weight load feeds four outputs. Loops over the group's input channels and the taps; inputs
// are bounds-checked scalar loads (strides and dilations break vec4 contiguity).
// Invocation order: column group fastest, then output row, then output channel, then image.


fn at(base: u32, iy: i32, ix: i32) -> f32 {
  let ok = iy >= 0 && iy < i32(u.H) && ix >= 0 && ix < i32(u.W);
  let idx = base + u32(clamp(iy, 0, i32(u.H) - 1)) * u.W + u32(clamp(ix, 0, i32(u.W) - 1));
  return select(0.0, x[idx], ok);
}

fn kernel(wg: u32, lid: u32) {
  let i = wg * WG + lid;
  if (i >= u.total) { return; }
  let ox0 = (i % u.OW4) * 4u;
  var t = i / u.OW4;
  let oy = t % u.OH;
  t = t / u.OH;
  let oc = t % u.OC;
  let n = t / u.OC;
  let ic0 = (oc / u.ocPerGroup) * u.icPerGroup;
  // Input coordinates of tap (0, 0) for the four outputs.
  let iy0 = i32(oy * u.sh) - u.padT;
  let ix0 = vec4<i32>(vec4<u32>(ox0, ox0 + 1u, ox0 + 2u, ox0 + 3u) * u.sw) - u.padL;
  var acc = vec4<f32>(0.0);
  for (var ic = 0u; ic < u.icPerGroup; ic++) {
    let plane = n * u.C + ic0 + ic;
    let base = plane * u.H * u.W;
    let wb = (oc * u.icPerGroup + ic) * u.KH * u.KW;
    var part = vec4<f32>(0.0);
    for (var ky = 0u; ky < u.KH; ky++) {
      let iy = iy0 + i32(ky * u.dh);
      if (iy < 0 || iy >= i32(u.H)) { continue; }
      for (var kx = 0u; kx < u.KW; kx++) {
        let ix = ix0 + i32(kx * u.dw);
        let v = vec4<f32>(at(base, iy, ix.x), at(base, iy, ix.y), at(base, iy, ix.z), at(base, iy, ix.w));
        part += w[wb + ky * u.KW + kx] * v;
      }
    }
    acc += part$SCALE;
  }
  $EPILOGUE
  let ob = ((n * u.OC + oc) * u.OH + oy) * u.OW;
  for (var j = 0u; j < 4u; j++) {
    if (ox0 + j < u.OW) { y[ob + ox0 + j] = acc[j]; }
  }
}
