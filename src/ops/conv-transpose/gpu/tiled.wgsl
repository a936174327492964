// Register-tiled transposed convolution, NCHW (NCL as H = 1), fp32: any groups, kernel,
// strides, pads, dilations and output_padding, optional bias. A gather: output (oy, ox) sums
// x[iy, ix] * w[ky, kx] over the taps with oy + padT - ky * dh = iy * sh (likewise in x).
//
// Each invocation computes OCT output channels (of one group) x SPAN = SW * PX * 4 adjacent
// output columns of one output row. Along x those columns split into SW stride phases, each
// holding PX vec4s of columns ox0 + p + SW * j whose input columns are consecutive (ix0 + j).
// A tap kx feeds exactly one phase, p = (kx * dw - padL) mod SW, so per (ky, kx) the phase is
// picked once (a branch per phase around the channel loop) and no visited tap is wasted.
// Inside the channel loop: PX * 4 input loads (column indices and masks computed once per
// tap), OCT / 4 weight vec4s (weights packed [ci][ky][kx][co], co of the group; scalar loads
// when the group's output channels are not a multiple of 4) and OCT * PX vec4 multiply-adds.
// The store reassembles the phases into vec4s of 4 adjacent output columns for the epilogue.
// A channel tile past the group's end reloads the last channel's weights and stores nothing.
// Invocation order: column span fastest, then output row, channel tile, group, image.

fn kernel(wg: u32, lid: u32) {
  let i = wg * WG + lid;
  if (i >= u.total) { return; }
  let q = i % u.OWG;
  var t = i / u.OWG;
  let oy = i32(t % u.OH);
  t = t / u.OH;
  let ct = t % u.CTG;
  t = t / u.CTG;
  let g = t % u.G;
  let n = t / u.G;
  let co0 = ct * $OCT;
  let ox0 = i32(q * $SPAN);
  let plane = u.H * u.W;
  let xc = (n * u.C + g * u.ICG) * plane;
  let wTap = u.$WOCG;
  let wChan = u.KH * u.KW * wTap;
$CHANNELS
$ACCS
  for (var ky = 0u; ky < u.KH; ky++) {
    let ny = oy + u.padT - i32(ky * u.dh);
    if (ny < 0 || ny % i32(u.sh) != 0 || ny / i32(u.sh) >= i32(u.H)) { continue; }
    let rowOff = xc + u32(ny / i32(u.sh)) * u.W;
    for (var kx = 0u; kx < u.KW; kx++) {
      let p = ((i32(kx * u.dw) - u.padL) % $SWI + $SWI) % $SWI;
      // Exact: p was chosen so that the numerator is a multiple of SW.
      let ix0 = (ox0 + p + u.padL - i32(kx * u.dw)) / $SWI;
      if (ix0 + $COLSI <= 0 || ix0 >= i32(u.W)) { continue; }
$COLUMNS
      let wb0 = (g * u.ICG * u.KH * u.KW + ky * u.KW + kx) * wTap;
$PHASES
    }
  }
$STORE
}
