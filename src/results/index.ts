// Where measurements (src/profiler) and predictions (src/analysis) meet: the results
// document, its types and validation, and the sweep that produces it.
export * from './types.js';
export * from './schema.js';
export * from './predict.js';
export * from './model.js';
export * from './check.js';
export * from './compose.js';
export * from './sweep.js';
export * from './options.js';
export * from './ceilings.js';
export * from './roofline.js';
export * from './whatif-run.js';
export * from './whatif-compare.js';
