// Backend node tests whose op types the importer claims but that it handles differently on
// purpose, each with the reason. The node-test suites check that REFUSED tests fail with a
// clear OnnxImportError, that DEVIATES tests still give the result the reason describes
// rather than the ONNX reference's, and that every other claimed test passes.
const CONSTANT_OUTPUT = 'the model output is a constant (it does not depend on runtime data); the profiler runs graphs whose outputs it computes';

export const REFUSED: Record<string, string> = {
  test_constant: CONSTANT_OUTPUT,
  ...Object.fromEntries(
    ['test_shape', 'test_shape_clip_end', 'test_shape_clip_start', 'test_shape_end_1', 'test_shape_end_negative_1', 'test_shape_example', 'test_shape_start_1', 'test_shape_start_1_end_2', 'test_shape_start_1_end_negative_1', 'test_shape_start_negative_1', 'test_size', 'test_size_example'].map((t) => [t, CONSTANT_OUTPUT]),
  ),
  ...Object.fromEntries(
    ['test_max_int64', 'test_min_int64', 'test_pow_types_int64_int64'].map((t) => [t, `every input is int64, which only flows as import-time constants (only float32 tensors flow at runtime), so ${CONSTANT_OUTPUT}`]),
  ),
  test_pow_types_int64_float32: 'an int64 base makes the output of Pow int64; only float32 tensors flow through the graph',
  test_dropout_default_mask: 'the mask output of Dropout is not supported (inference graphs do not use it)',
  test_dropout_default_mask_ratio: 'the mask output of Dropout is not supported (inference graphs do not use it)',
  test_maxpool_with_argmax_2d_precomputed_pads: 'the Indices output of MaxPool is not supported',
  test_maxpool_with_argmax_2d_precomputed_strides: 'the Indices output of MaxPool is not supported',
  test_maxpool_3d_default: '3-D pooling (NCDHW) is not supported; the profiler runs 1-D and 2-D CNNs',
  test_averagepool_3d_default: '3-D pooling (NCDHW) is not supported; the profiler runs 1-D and 2-D CNNs',
  test_convtranspose_3d: '3-D transposed convolution (NCDHW) is not supported; the profiler runs 1-D and 2-D CNNs',
  test_reshape_allowzero_reordered: 'tensors with a zero-sized dimension are not supported',
  test_slice_start_out_of_bounds: 'the slice is empty (start 1000 on a dimension of 10): tensors with a zero-sized dimension are not supported',
  test_split_zero_size_splits: 'the input and two of the parts are empty: tensors with a zero-sized dimension are not supported',
  test_resize_tf_crop_and_resize: "coordinate_transformation_mode 'tf_crop_and_resize' (a region of interest) is not supported",
  // Y alone is checked against these tests' data in test/onnx/ops-norm-reduce.test.ts.
  ...Object.fromEntries(
    [
      '2d_axis0', '2d_axis1', '2d_axis_negative_1', '2d_axis_negative_2', '3d_axis0_epsilon', '3d_axis1_epsilon', '3d_axis2_epsilon', '3d_axis_negative_1_epsilon', '3d_axis_negative_2_epsilon', '3d_axis_negative_3_epsilon',
      '4d_axis0', '4d_axis1', '4d_axis2', '4d_axis3', '4d_axis_negative_1', '4d_axis_negative_2', '4d_axis_negative_3', '4d_axis_negative_4', 'default_axis',
    ].map((t) => [`test_layer_normalization_${t}`, 'the Mean and InvStdDev outputs of LayerNormalization are not supported (these tests read all three; exporters write Y alone)']),
  ),
};

const ALIGN_CORNERS_FRACTIONAL =
  "align_corners with a scale that does not divide the input (0.6 or 0.8 on 4 pixels): ONNX's Python reference divides by the fractional length in * scale; onnxruntime and PyTorch divide by the integer output length, and so does the profiler";

export const DEVIATES: Record<string, string> = {
  test_resize_downsample_scales_linear_align_corners: ALIGN_CORNERS_FRACTIONAL,
  test_resize_downsample_scales_cubic_align_corners: ALIGN_CORNERS_FRACTIONAL,
};
