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
  test_dropout_default_mask: 'the mask output of Dropout is not supported (inference graphs do not use it)',
  test_dropout_default_mask_ratio: 'the mask output of Dropout is not supported (inference graphs do not use it)',
  test_maxpool_with_argmax_2d_precomputed_pads: 'the Indices output of MaxPool is not supported',
  test_maxpool_with_argmax_2d_precomputed_strides: 'the Indices output of MaxPool is not supported',
  test_maxpool_3d_default: '3-D pooling (NCDHW) is not supported; the profiler runs 1-D and 2-D CNNs',
  test_averagepool_3d_default: '3-D pooling (NCDHW) is not supported; the profiler runs 1-D and 2-D CNNs',
  test_reshape_allowzero_reordered: 'tensors with a zero-sized dimension are not supported',
  test_slice_start_out_of_bounds: 'the slice is empty (start 1000 on a dimension of 10): tensors with a zero-sized dimension are not supported',
  test_split_zero_size_splits: 'the input and two of the parts are empty: tensors with a zero-sized dimension are not supported',
  test_resize_tf_crop_and_resize: "coordinate_transformation_mode 'tf_crop_and_resize' (a region of interest) is not supported",
  test_averagepool_1d_default: '1-D pooling is not supported yet',
  test_maxpool_1d_default: '1-D pooling is not supported yet',
  ...Object.fromEntries(
    [
      'test_resize_downsample_scales_cubic', 'test_resize_downsample_scales_cubic_A_n0p5_exclude_outside', 'test_resize_downsample_scales_cubic_align_corners',
      'test_resize_downsample_sizes_cubic', 'test_resize_upsample_scales_cubic', 'test_resize_upsample_scales_cubic_A_n0p5_exclude_outside',
      'test_resize_upsample_scales_cubic_align_corners', 'test_resize_upsample_scales_cubic_asymmetric', 'test_resize_upsample_sizes_cubic',
    ].map((t) => [t, "Resize mode 'cubic' is not supported yet"]),
  ),
};

export const DEVIATES: Record<string, string> = {
  test_resize_downsample_scales_linear_align_corners:
    "align_corners with a scale that does not divide the input (0.6 on 4 pixels): ONNX's Python reference divides by the fractional length in * scale; onnxruntime and PyTorch divide by the integer output length, and so does the profiler",
};
