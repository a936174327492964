// Depthwise KHxKW convolution (group == C == OC), any strides, dilations and pads, NCHW, fp32.
//
// Each invocation computes ROWS output rows x COLS*4 adjacent output columns of one (n, c)
// plane. Invocation order is column group fastest, then row group, then plane, so a
// workgroup sweeps along rows and shares the same input rows.
//
// For every input row that any of its outputs reads, it loads once the window of input vec4s
// its output columns cover (for stride SW, output vec4 q starts at input vec4 SW*q; the window
// reaches left over the leading pad and right over the kernel's extent). Each tap is then one
// vec4 multiply-add on a shifted (or, for stride 2, gathered) view of that window, whose
// components are compile-time choices, so they cost nothing; and every input row feeds all
// the ROWS outputs it overlaps. The taps are unrolled by text generation, because on CPU
// backends (SwiftShader) private arrays and per-tap bounds checks cost 3-7x. With HOIST the
// KH*KW weights are loaded once per invocation rather than once per (output row, tap): on
// SIMD-across-invocations backends every buffer load is a per-lane gather.
//
// XV (W % 4 == 0): x is viewed as array<vec4<f32>>, one vec4 per load; otherwise the window
// vec4s are assembled from bounds-checked scalar loads. YV (OW % 4 == 0): vec4 stores.
// Borders: out-of-range window slots read as zero; out-of-range input rows are skipped.
// Prescale s[n, c] multiplies the sum before the bias: for a depthwise conv that equals
// scaling the input (up to rounding) and costs one multiply instead of one per tap.

$LOADER

fn kernel(wg: u32, lid: u32) {
  let i = wg * WG + lid;
  if (i >= u.total) { return; }
  let q = i32(i % u.WC) * $COLS;
  let q0 = q * $SW;
  let t = i / u.WC;
  let oy = i32(t % u.HR) * $ROWS;
  let iy0 = oy * $SH - $PT;
  let nc = t / u.HR;
  let c = nc % u.C;
  let xplane = nc * u.H;
  let yplane = nc * u.OH;
  let wb = c * $KK;
$BODY
}
