// Comparing two results documents: matching, verdicts beyond the run-to-run spread, movers first.
export * from './types.js';
export * from './change.js';
export * from './match.js';
export * from './compare.js';
