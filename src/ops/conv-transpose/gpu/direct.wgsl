// Transposed convolution, NCHW (NCL as H = 1), fp32: any groups, kernel, strides, pads,
// dilations and output_padding, optional bias. Written as a gather: output (oy, ox) sums
// x[iy, ix] * w[ky, kx] over the taps with oy + padT - ky * dh = iy * sh (and likewise in x)
// for an in-range input position.
//
// Each invocation computes 4 outputs of one output row that share their stride phase,
// ox = ox0 + sw * j (j = 0..3), for CO consecutive output channels of one group. Outputs of
// one phase meet the same taps (a tap contributes when (ox + padL - kx * dw) % sw == 0), and
// their input columns are consecutive (ix0 + j), so no tap is visited that does not
// contribute; each input vec4 feeds CO channels and each weight four outputs. The phase and
// divisibility tests run once per tap, outside the input-channel loop. The per-channel
// multiply-adds and stores are generated text (no private arrays).
// Invocation order: phase fastest (neighbours write neighbouring outputs), then the phase's
// column group, output row, channel tile, image.

fn at(row: u32, ix: i32) -> f32 {
  let ok = ix >= 0 && ix < i32(u.W);
  return select(0.0, x[row + u32(clamp(ix, 0, i32(u.W) - 1))], ok);
}

fn kernel(wg: u32, lid: u32) {
  let i = wg * WG + lid;
  if (i >= u.total) { return; }
  let t = i % u.rowItems;
  let ox0 = i32(t % u.sw + (t / u.sw) * 4u * u.sw);
  var r = i / u.rowItems;
  let oy = i32(r % u.OH);
  r = r / u.OH;
  let oc0 = (r % u.OCT) * $CO;
  let n = r / u.OCT;
  // CO divides OC / group, so a tile never straddles two groups.
  let g = oc0 / u.ocPerGroup;
  let ic0 = g * u.icPerGroup;
  // Weight [C, OC / group, KH, KW]: channel ic0 + ic, output channel oc % ocPerGroup; the
  // tile's next channel is KK further on.
  let KK = u.KH * u.KW;
  let wc = (ic0 * u.ocPerGroup + oc0 % u.ocPerGroup) * KK;
  let wStride = u.ocPerGroup * KK;
  let plane = u.H * u.W;
  let xc = (n * u.C + ic0) * plane;
$ACCS
  for (var ky = 0u; ky < u.KH; ky++) {
    let ny = oy + u.padT - i32(ky * u.dh);
    if (ny < 0 || ny % i32(u.sh) != 0 || ny / i32(u.sh) >= i32(u.H)) { continue; }
    let rowOff = xc + u32(ny / i32(u.sh)) * u.W;
    for (var kx = 0u; kx < u.KW; kx++) {
      let nx = ox0 + u.padL - i32(kx * u.dw);
      if (nx % i32(u.sw) != 0) { continue; }
      let ix0 = nx / i32(u.sw);
      if (ix0 + 3 < 0 || ix0 >= i32(u.W)) { continue; }
      var wi = wc + ky * u.KW + kx;
      var row = rowOff;
      for (var ic = 0u; ic < u.icPerGroup; ic++) {
        let v = vec4<f32>(at(row, ix0), at(row, ix0 + 1), at(row, ix0 + 2), at(row, ix0 + 3));
$FMAS
        wi += wStride;
        row += plane;
      }
    }
  }
$STORES
}

/** Output channel oc's four outputs of this invocation, bias added. */
fn store(n: u32, oc: u32, oy: u32, ox0: u32, acc: vec4<f32>) {
#if BIAS
  var v = acc + vec4<f32>(b[oc]);
#else
  var v = acc;
#endif
  let ob = ((n * u.OC + oc) * u.OH + oy) * u.OW;
  for (var j = 0u; j < 4u; j++) {
    let ox = ox0 + j * u.sw;
    if (ox < u.OW) { y[ob + ox] = v[j]; }
  }
}
