// Public entry points of the ONNX capability.
export { importOnnx, supportedOnnxOps, type ImportOptions } from './import.js';
export { OnnxImportError, OnnxExportError } from './errors.js';
export { exportOnnx, type ExportOptions } from './export.js';
export { OnnxWriter, A, floats, longs, type AttrValue, type TensorValue } from './writer.js';
export { summarizeOnnx, type OnnxSummary } from './summary.js';
export {
  importAt,
  modelInputs,
  parseShape,
  parseShapeSpecs,
  resolveInputShapes,
  importWithShapes,
  batchAndSize,
  type ModelInput,
  type BatchSize,
  type InputShapes,
  type ShapeSpec,
  type ShapeRequest,
} from './input-shape.js';
