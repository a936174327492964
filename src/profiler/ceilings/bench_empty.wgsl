// Empty kernel: timing many one-workgroup dispatches of it gives the fixed cost of a
// dispatch, which dominates small kernels (launch overhead).

@compute @workgroup_size(64)
fn main() {
}
