// Where measurements (src/profiler) and predictions (src/analysis) meet: the results
// document, its types and validation, and the pure functions that compose it. What runs the
// measurements that fill it lives in src/sweep.
export * from './types.js';
export * from './schema.js';
export * from './predict.js';
export * from './compose.js';
export * from './ceilings.js';
export * from './roofline.js';
export * from './whatif-compare.js';
export * from './read.js';
export * from './timing.js';
export * from './time-of.js';
