// Register-tiled dense 2-D convolution, NCHW, fp32: any groups, kernel, strides, asymmetric
// pads and dilations, optional bias / ReLU / prescale; NCL convs run with H = 1.
//
// Each invocation computes OCT output channels (of one group) x PX*4 adjacent output columns
// of one output row: OCT*PX vec4 accumulators a{c}_{m}, each 4 columns of one channel.
// Weights come packed as [group][ci][ky][kx][co] (co = the group's output channels), so the
// weights of 4 consecutive output channels for one tap are one vec4 when the group has a
// multiple of 4 output channels (WVEC), else 4 scalar loads. Each weight scalar feeds PX*4
// outputs; each input value feeds OCT channels x the taps that read it.
//
// Per (input channel, kernel row), the input row's values at the distinct column offsets the
// tile reads (ix0 + m*4*SW .. + (KW-1)*DW) are loaded once into named values x{o}; the
// column indices and their in-range masks are computed once per invocation, outside the
// channel loop. A tap's vec4 for output group m is assembled from those values. KW, SW, DW are
// in the text (the taps are unrolled); KH, strides and dilations along H stay uniforms.
// Out-of-range kernel rows are skipped. A prescale s[n, ci] multiplies the loaded inputs.
// A channel tile past the group's end reads the last channel's weights again (the channel
// offsets o{c} are clamped once per invocation) and does not store those channels.
// Invocation order: column group fastest, then output row, channel tile, group, image.

fn kernel(wg: u32, lid: u32) {
  let i = wg * WG + lid;
  if (i >= u.total) { return; }
  let q = i % u.OWG;
  var t = i / u.OWG;
  let oy = t % u.OH;
  t = t / u.OH;
  let ct = t % u.CTG;
  t = t / u.CTG;
  let g = t % u.G;
  let n = t / u.G;
  let co0 = ct * $OCT;
  let ox0 = q * $COLS;
  let ix0 = i32(ox0 * $SW) - u.padL;
$COLUMNS
  let iy0 = i32(oy * u.sh) - u.padT;
  let wRow = $KW * u.$WOCG;
$CHANNELS
$ACCS
  for (var ci = 0u; ci < u.ICG; ci++) {
    let plane = n * u.C + g * u.ICG + ci;
#if SCALE
    let sc = s[plane];
#endif
    let xb = plane * u.H * u.W;
    var wb = (g * u.ICG + ci) * u.KH * wRow;
    for (var ky = 0u; ky < u.KH; ky++) {
      let iy = iy0 + i32(ky * u.dh);
      if (iy >= 0 && iy < i32(u.H)) {
        let row = xb + u32(iy) * u.W;
$LOADS
$TAPS
      }
      wb += wRow;
    }
  }
$STORE
}
