// Measurement side: timestamps, buffer tracking, memory timelines, aggregation. It never
// reads predictions (src/analysis); the two meet in src/results and src/report.
export * from './timestamps.js';
export * from './quantum.js';
export * from './plausibility.js';
export * from './estimate.js';
export * from './buffer-ledger.js';
export * from './buffer-tracker.js';
export * from './attribution.js';
export * from './memory-timeline.js';
export * from './aggregate.js';
export * from './measure.js';
export * from './overhead.js';
export * from './weights.js';
