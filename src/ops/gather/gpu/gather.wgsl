// Gather along one axis with the indices in uniforms.
//
// Bindings: y (destination), x (source); vec4<f32> views when VEC4 (inner % 4 == 0; `inner`
// is then in vec4 units). x is viewed as [outer, dim, inner] and y as [outer, total, inner];
// one dispatch writes the `count` gathered slices total_first .. total_first + count - 1 of
// every outer row (the host splits longer index lists into several dispatches), one element
// (or vec4) per invocation: y[o, first + k, j] = x[o, indices[k], j].

fn kernel(g: u32, lid: u32) {
  let i = g * WG + lid;
  if (i >= u.items) {
    return;
  }
  let j = i % u.inner;
  let r = i / u.inner;
  let k = r % u.count;
  let o = r / u.count;
  y[(o * u.total + u.first + k) * u.inner + j] = x[(o * u.dim + u_indices(k)) * u.inner + j];
}
