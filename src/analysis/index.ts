// Public surface of the analytical model: the seed's formulas, tensor liveness, and analyze().
export * from './seed.js';
export * from './liveness.js';
export * from './inplace.js';
export * from './compare.js';
export * from './network.js';
export * from './notes.js';
export * from './model.js';
export * from './recognize.js';
export * from './model-analysis.js';
export { renderModelText } from './model-text.js';
export { SEED_CONFIG, SEED_SUMMARY, SEED_TRAINING_SUMMARY, SEED_MEASURED_PEAK_MB } from './seed-claims.js';
