// Depthwise KxK convolution (odd K, stride 1, pad K/2, dilation 1), NCHW, fp32.
//
// Each invocation computes ROWS output rows x COLS*4 adjacent output columns of one (n, c)
// plane. Invocation order is column group fastest, then row group, then plane, so a
// workgroup sweeps along rows and shares the same input rows.
//
// For every input row it loads a window of COLS + 2*SIDE vec4s (SIDE = ceil((K/2) / 4)):
// SIDE vec4s left of the output columns, COLS centre vec4s, SIDE right of them. Each tap is
// then one vec4 multiply-add on a shifted view of that window, and every input row feeds all
// the ROWS outputs it overlaps. The taps are unrolled by text generation, because on CPU
// backends (SwiftShader) private arrays and per-tap bounds checks cost 3-7x.
//
// ALIGNED (W % 4 == 0): x and y are viewed as array<vec4<f32>>, one vec4 per load.
// Otherwise the window vec4s are assembled from bounds-checked scalar loads.
// Borders: out-of-range window slots read as zero; out-of-range input rows are skipped.
// Prescale s[n, c] multiplies the sum before the bias: for a depthwise conv that equals
// scaling the input (up to rounding) and costs one multiply instead of one per tap.

$LOADER

fn kernel(wg: u32, lid: u32) {
  let i = wg * WG + lid;
  if (i >= u.total) { return; }
  let q = i32(i % u.WC) * $COLS;
  let t = i / u.WC;
  let oy = i32(t % u.HR) * $ROWS;
  let nc = t / u.HR;
  let c = nc % u.C;
  let plane = nc * u.H;
  let wb = c * u32($KK);
$ACCS
$BODY
$STORE
}
