// Roofline model: per-node FLOPs and minimum bytes, placement against measured device
// ceilings (calibrated on our kernels, and from first principles), per-layer predicted vs
// measured with reasons for misses, and cache cliffs.
export * from './cost.js';
export * from './ceilings.js';
export * from './placement.js';
export * from './first-principles.js';
export * from './timings.js';
export * from './misses.js';
export * from './layers.js';
export * from './cliffs.js';
export * from './kernel-guess.js';
